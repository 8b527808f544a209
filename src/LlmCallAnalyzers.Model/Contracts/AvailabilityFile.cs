using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LlmCallAnalyzers.Model.Contracts;

/// <summary>
/// The measured-availability file: written by <c>llmslo confirm --write-availability</c>, read by the analyzer from an
/// AdditionalFile named <c>llm-availability*.txt</c>. The one definition of its format, its writer and its parser.
/// </summary>
/// <remarks>
/// <para>Lines <c>provider = 0.9987</c> or <c>provider/model = 0.9991</c> (provider keys as in <see cref="ProviderKeys"/>;
/// <c>*</c> for every provider without a figure of its own); <c>#</c> starts a comment. An availability lies in (0, 1].</para>
/// <para>The first line of a written file is <c># format: llm-availability 1</c> (<see cref="CurrentVersion"/>). A file
/// without it is read as version 1 (files written by hand); a file of a newer version is reported and not used.</para>
/// </remarks>
public static class AvailabilityFile
{
    /// <summary>The version this library writes and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The start of the version line, followed by the version number.</summary>
    public const string VersionPrefix = "# format: llm-availability ";

    /// <summary>The key of the figure for every provider without one of its own.</summary>
    public const string DefaultKey = "*";

    /// <summary>Separates a provider key from a model in a key.</summary>
    public const char ModelSeparator = '/';

    /// <summary>The start of the file name the analyzer looks for (case ignored).</summary>
    public const string FileNamePrefix = "llm-availability";

    /// <summary>The end of the file name the analyzer looks for (case ignored).</summary>
    public const string FileNameExtension = ".txt";

    /// <summary>True for a file named <c>llm-availability*.txt</c>.</summary>
    public static bool IsAvailabilityFile(string path)
    {
        string name = System.IO.Path.GetFileName(path);
        return name.StartsWith(FileNamePrefix, StringComparison.OrdinalIgnoreCase) && name.EndsWith(FileNameExtension, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An availability as the file writes it: up to six decimals, rounded down so never up to 1 unless it is 1 ("0.998713").</summary>
    public static string FormatValue(double value)
    {
        double floored = Math.Floor(value * 1_000_000) / 1_000_000;
        return floored.ToString("0.######", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Writes a file: the version line, <paramref name="header"/> as comment lines, then one line per entry — an entry
    /// without a figure (or whose figure writes as 0) as a comment, so that the analyzer does not use it.
    /// </summary>
    public static string Write(IEnumerable<string> header, IEnumerable<AvailabilityFileLine> lines)
    {
        var sb = new StringBuilder();
        sb.Append(VersionPrefix).AppendLine(CurrentVersion.ToString(CultureInfo.InvariantCulture));
        foreach (string comment in header)
        {
            sb.Append("# ").AppendLine(comment);
        }

        foreach (var line in lines)
        {
            string comment = string.IsNullOrEmpty(line.Comment) ? string.Empty : line.Comment!;
            if (line.Availability is double value && FormatValue(value) != "0")
            {
                sb.Append(line.Key).Append(" = ").Append(FormatValue(value));
                if (comment.Length > 0)
                {
                    sb.Append("   # ").Append(comment);
                }

                sb.AppendLine();
            }
            else
            {
                sb.Append("# ").Append(line.Key).Append(": ").AppendLine(comment);
            }
        }

        return sb.ToString();
    }

    /// <summary>Reads a file. Lines that cannot be used are added to <paramref name="problems"/>, never thrown.</summary>
    public static MeasuredAvailability Parse(string text, List<AvailabilityFileProblem> problems)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (problems is null) throw new ArgumentNullException(nameof(problems));
        double? @default = null;
        var providers = new Dictionary<string, MeasuredProvider>(StringComparer.OrdinalIgnoreCase);
        int lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            if (raw.StartsWith(VersionPrefix, StringComparison.Ordinal))
            {
                string versionText = raw.Substring(VersionPrefix.Length).Trim();
                if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out int version) || version < 1)
                {
                    problems.Add(new AvailabilityFileProblem(lineNumber, $"'{versionText}' is not a format version"));
                }
                else if (version > CurrentVersion)
                {
                    problems.Add(new AvailabilityFileProblem(lineNumber, $"format version {version.ToString(CultureInfo.InvariantCulture)} is newer than this analyzer reads ({CurrentVersion.ToString(CultureInfo.InvariantCulture)}); the file is not used"));
                    return MeasuredAvailability.None;
                }

                continue;
            }

            int hash = raw.IndexOf('#');
            string line = (hash >= 0 ? raw.Substring(0, hash) : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            int eq = line.IndexOf('=');
            if (eq <= 0)
            {
                problems.Add(new AvailabilityFileProblem(lineNumber, "expected 'provider[/model] = availability'"));
                continue;
            }

            string key = line.Substring(0, eq).Trim();
            string valueText = line.Substring(eq + 1).Trim();
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsNaN(value) || value <= 0 || value > 1)
            {
                problems.Add(new AvailabilityFileProblem(lineNumber, $"'{valueText}' is not an availability in (0, 1]"));
                continue;
            }

            if (key == DefaultKey)
            {
                @default = value;
                continue;
            }

            int slash = key.IndexOf(ModelSeparator);
            string provider = (slash >= 0 ? key.Substring(0, slash) : key).Trim();
            if (provider.Length == 0)
            {
                problems.Add(new AvailabilityFileProblem(lineNumber, "missing provider before '/'"));
                continue;
            }

            if (!providers.TryGetValue(provider, out var entry))
            {
                entry = new MeasuredProvider();
                providers[provider] = entry;
            }

            if (slash >= 0)
            {
                entry.Models[key.Substring(slash + 1).Trim()] = value;
            }
            else
            {
                entry.Availability = value;
            }
        }

        return new MeasuredAvailability(@default, providers);
    }
}
