using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>
/// Writes measured per-call availability in the format the analyzer reads from an AdditionalFile named
/// <c>llm-availability*.txt</c>: <c>provider = 0.9987</c> and <c>provider/model = 0.9991</c> lines, <c>#</c> comments
/// (see docs/cli.md). The analyzer then uses these figures instead of its defaults: production feeds back into the build.
/// </summary>
public static class AvailabilityFileWriter
{
    /// <summary>Renders the file.</summary>
    /// <param name="measured">The measured figures.</param>
    /// <param name="minCalls">Keys with fewer calls are listed as comments only.</param>
    /// <param name="lowerBound">Write the lower bound of the 95 % interval rather than the observed proportion.</param>
    /// <param name="sources">The telemetry files (or the Prometheus URL), for the header.</param>
    /// <param name="now">The time stamp of the header.</param>
    public static string Render(IReadOnlyList<MeasuredAvailability> measured, long minCalls, bool lowerBound, IReadOnlyList<string> sources, DateTimeOffset now)
    {
        var sb = new StringBuilder();
        long total = measured.Where(m => m.Key == "chat-client" && m.Model is null).Select(m => m.Calls).FirstOrDefault();
        sb.AppendLine("# Measured per-call availability, written by `llmslo confirm --write-availability`.");
        sb.Append("# From ").Append(total.ToString(CultureInfo.InvariantCulture)).Append(" model calls in ")
            .Append(string.Join(", ", sources.Select(s => s.Contains("://", StringComparison.Ordinal) ? s : Path.GetFileName(s)))).Append(" on ")
            .Append(now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).AppendLine(" UTC.");
        sb.AppendLine(lowerBound
            ? "# Values: the lower bound of the 95 % Wilson interval of successful calls / calls (conservative)."
            : "# Values: successful calls / calls; a failed call is a span with error.type or an error status.");
        sb.AppendLine("# The analyzer reads it as an AdditionalFile named llm-availability*.txt:");
        sb.AppendLine("#   <ItemGroup><AdditionalFiles Include=\"llm-availability.txt\" /></ItemGroup>");
        sb.AppendLine("# chat-client, semantic-kernel and agent call sites name no provider at build time: they get the");
        sb.AppendLine("# figure over all providers. Telemetry provider names are mapped to analyzer keys (docs/cli.md).");
        foreach (var m in measured)
        {
            string key = m.Model is null ? m.Key : m.Key + "/" + m.Model;
            string detail = $"{m.Calls.ToString(CultureInfo.InvariantCulture)} calls, {m.Failed.ToString(CultureInfo.InvariantCulture)} failed; 95 % {Percent.Format(m.Interval.Lower, 3)} – {Percent.Format(m.Interval.Upper, 3)}";
            string names = m.Model is null && m.TelemetryNames.Count > 0 ? "; telemetry: " + string.Join(", ", m.TelemetryNames) : string.Empty;
            double value = lowerBound ? m.Interval.Lower : m.Interval.Rate;
            if (m.Calls < minCalls)
            {
                sb.Append("# ").Append(key).Append(": only ").Append(detail).Append(" (fewer than ").Append(minCalls.ToString(CultureInfo.InvariantCulture)).AppendLine(" calls; not used)");
            }
            else if (Format(value) == "0")
            {
                sb.Append("# ").Append(key).Append(": ").Append(detail).AppendLine(" (no successful call; not used)");
            }
            else
            {
                sb.Append(key).Append(" = ").Append(Format(value)).Append("   # ").Append(detail).AppendLine(names);
            }
        }

        return sb.ToString();
    }

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

    /// <summary>Up to six decimals, never rounded up to 1 unless it is 1 ("0.998713").</summary>
    public static string Format(double value)
    {
        double floored = Math.Floor(value * 1_000_000) / 1_000_000;
        return floored.ToString("0.######", CultureInfo.InvariantCulture);
    }
}
