using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using LlmCallAnalyzers.Model;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>
/// Writes what <c>llmslo confirm</c> measured as a measured-availability file (<see cref="AvailabilityFile"/>, the
/// format the analyzer reads from an AdditionalFile named <c>llm-availability*.txt</c>; see docs/cli.md). The analyzer
/// then uses these figures instead of its defaults: production feeds back into the build.
/// </summary>
public static class AvailabilityFileWriter
{
    /// <summary>Renders the file.</summary>
    /// <param name="measured">The measured figures.</param>
    /// <param name="minCalls">Keys with fewer calls are listed as comments only.</param>
    /// <param name="lowerBound">Write the lower bound of the 95 % interval rather than the observed proportion.</param>
    /// <param name="sources">The telemetry files (or the Prometheus URL), for the header.</param>
    /// <param name="now">The time stamp of the header.</param>
    public static string Render(IReadOnlyList<AvailabilityMeasurement> measured, long minCalls, bool lowerBound, IReadOnlyList<string> sources, DateTimeOffset now)
    {
        long total = measured.Where(m => m.Key == ProviderKeys.ChatClient && m.Model is null).Select(m => m.Calls).FirstOrDefault();
        var header = new List<string>
        {
            "Measured per-call availability, written by `llmslo confirm --write-availability`.",
            "From " + total.ToString(CultureInfo.InvariantCulture) + " model calls in " + string.Join(", ", sources.Select(SourceName))
                + " on " + now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC.",
            lowerBound
                ? "Values: the lower bound of the 95 % Wilson interval of successful calls / calls (conservative)."
                : "Values: successful calls / calls; a failed call is a span with " + TelemetryNames.ErrorType + " or an error status.",
            "The analyzer reads it as an AdditionalFile named " + AvailabilityFile.FileNamePrefix + "*" + AvailabilityFile.FileNameExtension + ":",
            "  <ItemGroup><AdditionalFiles Include=\"" + AvailabilityFile.FileNamePrefix + AvailabilityFile.FileNameExtension + "\" /></ItemGroup>",
            string.Join(", ", ProviderKeys.AbstractionKeys.Take(ProviderKeys.AbstractionKeys.Length - 1)) + " and " + ProviderKeys.AbstractionKeys.Last()
                + " call sites name no provider at build time: they get the",
            "figure over all providers. Telemetry provider names are mapped to analyzer keys (docs/cli.md).",
        };

        var lines = new List<AvailabilityFileLine>();
        foreach (var m in measured)
        {
            string detail = $"{m.Calls.ToString(CultureInfo.InvariantCulture)} calls, {m.Failed.ToString(CultureInfo.InvariantCulture)} failed; 95 % {Percent.Format(m.Interval.Lower, 3)} – {Percent.Format(m.Interval.Upper, 3)}";
            string names = m.Model is null && m.TelemetryNames.Count > 0 ? "; telemetry: " + string.Join(", ", m.TelemetryNames) : string.Empty;
            double value = lowerBound ? m.Interval.Lower : m.Interval.Rate;
            if (m.Calls < minCalls)
            {
                lines.Add(new AvailabilityFileLine(m.Key, m.Model, null, "only " + detail + " (fewer than " + minCalls.ToString(CultureInfo.InvariantCulture) + " calls; not used)"));
            }
            else if (AvailabilityFile.FormatValue(value) == "0")
            {
                lines.Add(new AvailabilityFileLine(m.Key, m.Model, null, detail + " (no successful call; not used)"));
            }
            else
            {
                lines.Add(new AvailabilityFileLine(m.Key, m.Model, value, detail + names));
            }
        }

        return AvailabilityFile.Write(header, lines);
    }

    /// <summary>A source as the header names it: a URL (the Prometheus server) as it is, a file by its name.</summary>
    private static string SourceName(string source)
        => source.Contains("://", StringComparison.Ordinal) ? source : Path.GetFileName(source);

    /// <summary>Writes the file, creating its folder.</summary>
    public static void Write(string path, string content)
    {
        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            File.WriteAllText(path, content, new UTF8Encoding(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot write ({ex.Message})", ex);
        }
    }
}
