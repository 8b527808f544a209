using System;
using System.Text;

namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>
/// The OpenTelemetry → Prometheus name translation, as the OpenTelemetry specification ("Prometheus and OpenMetrics
/// Compatibility") defines it and as both routes apply it: the .NET Prometheus exporter that Prometheus scrapes, and the
/// Collector's <c>prometheus</c> / <c>prometheusremotewrite</c> exporters behind OTLP (metric suffixes on, the default).
/// </summary>
/// <remarks>
/// Metric names: characters outside <c>[a-zA-Z0-9_:]</c> become <c>_</c> (so <c>llm.task.calls</c> is
/// <c>llm_task_calls</c>), then the unit is appended as a word unless the name already ends with it (<c>s</c> →
/// <c>_seconds</c>; annotations in braces such as <c>{call}</c> add nothing), then <c>_total</c> for a counter.
/// Label names: characters outside <c>[a-zA-Z0-9_]</c> become <c>_</c> (<c>llm.task.name</c> → <c>llm_task_name</c>).
/// </remarks>
public static class PrometheusNaming
{
    /// <summary>The Prometheus metric name of an instrument (a histogram's series add <c>_bucket</c>, <c>_sum</c>, <c>_count</c>).</summary>
    public static string MetricName(string instrument, string? unit, InstrumentKind kind)
    {
        if (string.IsNullOrEmpty(instrument)) throw new ArgumentException("an instrument name is required", nameof(instrument));
        string name = Sanitize(instrument, allowColon: true);
        string suffix = UnitWord(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        if (kind == InstrumentKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>The Prometheus label name of an attribute: <c>llm.task.name</c> → <c>llm_task_name</c>.</summary>
    public static string LabelName(string attribute)
    {
        if (string.IsNullOrEmpty(attribute)) throw new ArgumentException("an attribute name is required", nameof(attribute));
        string name = Sanitize(attribute, allowColon: false);
        return char.IsDigit(name[0]) ? "key_" + name : name;
    }

    /// <summary>
    /// The word a UCUM unit adds to a metric name: <c>s</c> → <c>seconds</c>, <c>By</c> → <c>bytes</c>,
    /// <c>m/s</c> → <c>meters_per_second</c>; empty for <c>{annotations}</c> and no unit; <c>1</c> adds nothing here
    /// (the specification's <c>ratio</c> is for gauges, which the runtime has none of).
    /// </summary>
    public static string UnitWord(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit)) return string.Empty;
        string u = unit!.Trim();
        int brace = u.IndexOf('{');
        while (brace >= 0)
        {
            int close = u.IndexOf('}', brace);
            u = close < 0 ? u.Substring(0, brace) : u.Remove(brace, close - brace + 1);
            brace = u.IndexOf('{');
        }

        if (u.Length == 0 || u == "1") return string.Empty;
        int slash = u.IndexOf('/');
        if (slash >= 0)
        {
            string per = Word(u.Substring(slash + 1), singular: true);
            string of = Word(u.Substring(0, slash), singular: false);
            return of.Length == 0 ? "per_" + per : of + "_per_" + per;
        }

        return Word(u, singular: false);
    }

    private static string Word(string unit, bool singular) => unit switch
    {
        "d" => singular ? "day" : "days",
        "h" => singular ? "hour" : "hours",
        "min" => singular ? "minute" : "minutes",
        "s" => singular ? "second" : "seconds",
        "ms" => singular ? "millisecond" : "milliseconds",
        "us" => singular ? "microsecond" : "microseconds",
        "ns" => singular ? "nanosecond" : "nanoseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "KBy" => "kilobytes",
        "MBy" => "megabytes",
        "m" => singular ? "meter" : "meters",
        "%" => "percent",
        _ => Sanitize(unit, allowColon: false).Trim('_'),
    };

    private static string Sanitize(string text, bool allowColon)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            bool ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' || (allowColon && c == ':');
            char next = ok ? c : '_';
            if (next == '_' && sb.Length > 0 && sb[sb.Length - 1] == '_') continue;
            sb.Append(next);
        }

        if (sb.Length > 0 && char.IsDigit(sb[0]) && allowColon) sb.Insert(0, '_');
        return sb.ToString();
    }
}
