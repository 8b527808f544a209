using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>
/// The time window of <c>confirm --prometheus</c>: every query is an instant query at <see cref="End"/> over the range
/// <see cref="Range"/> (<c>increase(x[Range])</c>), so a window of a month costs what a window of an hour costs.
/// </summary>
public sealed class QueryWindow
{
    private static readonly Regex s_duration = new(@"^(?:(\d+)(ms|y|w|d|h|m|s))+$", RegexOptions.CultureInvariant);
    private static readonly Regex s_part = new(@"(\d+)(ms|y|w|d|h|m|s)", RegexOptions.CultureInvariant);

    private QueryWindow(DateTimeOffset start, DateTimeOffset end)
    {
        Start = start;
        End = end;
    }

    /// <summary>The window's start.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The window's end: the evaluation time.</summary>
    public DateTimeOffset End { get; }

    /// <summary>The range in PromQL (<c>604800s</c>).</summary>
    public string Range
    {
        get
        {
            long ms = (long)Math.Round((End - Start).TotalMilliseconds);
            return ms % 1000 == 0 ? (ms / 1000).ToString(CultureInfo.InvariantCulture) + "s" : ms.ToString(CultureInfo.InvariantCulture) + "ms";
        }
    }

    /// <summary>
    /// From <c>--window</c> (a Prometheus duration: <c>7d</c>, <c>12h</c>, <c>1h30m</c>) or <c>--start</c>/<c>--end</c>
    /// (RFC 3339 or Unix seconds); <c>--end</c> defaults to <paramref name="now"/>, the window to 7 days.
    /// </summary>
    public static QueryWindow Parse(string? window, string? start, string? end, DateTimeOffset now)
    {
        if (window is not null && start is not null)
        {
            throw new CliException("--window and --start exclude each other: give the window's length or its start");
        }

        DateTimeOffset to = end is null ? now : ParseTime("--end", end);
        DateTimeOffset from = start is not null ? ParseTime("--start", start) : to - ParseDuration(window ?? "7d");
        if (from >= to)
        {
            throw new CliException($"the window is empty: start {from:yyyy-MM-ddTHH:mm:ssZ} is not before end {to:yyyy-MM-ddTHH:mm:ssZ}");
        }

        return new QueryWindow(from, to);
    }

    /// <summary>A Prometheus duration: <c>30d</c>, <c>1h30m</c>, <c>500ms</c>.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        if (!s_duration.IsMatch(text))
        {
            throw new CliException($"--window '{text}': not a duration such as 7d, 12h, 1h30m or 90s");
        }

        double ms = 0;
        foreach (Match part in s_part.Matches(text))
        {
            double n = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            ms += n * part.Groups[2].Value switch
            {
                "ms" => 1,
                "s" => 1000,
                "m" => 60_000,
                "h" => 3_600_000,
                "d" => 86_400_000,
                "w" => 7 * 86_400_000.0,
                _ => 365 * 86_400_000.0,
            };
        }

        if (ms <= 0)
        {
            throw new CliException($"--window '{text}': the window must be longer than 0");
        }

        return TimeSpan.FromMilliseconds(ms);
    }

    private static DateTimeOffset ParseTime(string option, string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        throw new CliException($"{option} '{text}': not a time (RFC 3339 such as 2026-11-01T00:00:00Z, or Unix seconds)");
    }
}
