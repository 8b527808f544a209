using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using LlmCallAnalyzers.Cli.Telemetry;
using LlmCallAnalyzers.Model.ColdStarts;
using Spectre.Console;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>Writes the cold starts <c>llmslo confirm</c> found per model: a table, Markdown, the JSON <c>cold_starts</c> array.</summary>
public static class ColdStartFormatter
{
    /// <summary>"cold starts", "no cold starts", "insufficient data".</summary>
    public static string Verdict(ColdStartVerdict verdict) => verdict switch
    {
        ColdStartVerdict.ColdStarts => "cold starts",
        ColdStartVerdict.NoColdStarts => "no cold starts",
        _ => "insufficient data",
    };

    /// <summary>
    /// The finding in one line, model first: "ft:…: cold starts after 17.5 min idle (between 10.0 min and 25.0 min):
    /// cold p50 4.6 s / p99 4.8 s vs warm p50 800 ms / p99 850 ms; …", or the detector's reason for making no claim.
    /// </summary>
    public static string Line(ModelColdStarts m)
    {
        if (m is null) throw new ArgumentNullException(nameof(m));
        var a = m.Analysis;
        if (!a.HasColdStarts || a.Cold is null || a.Warm is null || a.KeepWarm is null)
        {
            return $"{m.Model}: {a.Summary}{SampleNote(m)}";
        }

        string approx = m.ColdCountsExact ? string.Empty : "≈ ";
        var k = a.KeepWarm;
        string observed = m.KeepWarmObservedRequests is long requests && m.ObservedDays > 0
            ? Invariant($" ({requests} requests over the observed {m.ObservedDays:0.##} days, {m.KeepWarmObservedRequestsPerDay:0.#}/day)")
            : string.Empty;
        return $"{m.Model}: cold starts after {D(a.IdleThresholdMs)} idle (threshold between {D(a.WarmGapMaxMs)} and {D(a.ColdGapMinMs)}): "
            + $"cold p50 {D(a.Cold.P50Ms)} / p99 {D(a.Cold.P99Ms)} vs warm p50 {D(a.Warm.P50Ms)} / p99 {D(a.Warm.P99Ms)}; "
            + Invariant($"{approx}{m.ColdCalls} of {m.Calls} calls cold, in {approx}{m.TasksPaid} of {m.TasksWithCalls} tasks; ")
            + Invariant($"keep-warm every {D(k.IntervalMs)} would cost at most {k.MaxRequestsPerDay:0.#} requests/day, {k.MaxTokensPerDay:N0} tokens/day{observed}")
            + SampleNote(m);
    }

    /// <summary>Writes the "Cold starts per model" table and one line per model.</summary>
    public static void WriteTable(IAnsiConsole console, IReadOnlyList<ModelColdStarts> models, long modelCalls)
    {
        if (console is null) throw new ArgumentNullException(nameof(console));
        if (models is null) throw new ArgumentNullException(nameof(models));
        if (models.Count == 0)
        {
            if (modelCalls > 0) console.WriteLine(NoneText);
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("Cold starts per model");
        table.AddColumn(new TableColumn("Model").NoWrap());
        table.AddColumn(new TableColumn("Calls").RightAligned());
        table.AddColumn(new TableColumn("Idle threshold").RightAligned());
        table.AddColumn(new TableColumn("Cold p50 / p99").RightAligned());
        table.AddColumn(new TableColumn("Warm p50 / p99").RightAligned());
        table.AddColumn(new TableColumn("Cold calls").RightAligned());
        table.AddColumn(new TableColumn("Tasks paid").RightAligned());
        table.AddColumn(new TableColumn("Keep-warm / day").RightAligned());
        table.AddColumn("Verdict");
        foreach (var m in models)
        {
            var style = m.Verdict switch
            {
                ColdStartVerdict.ColdStarts => new Style(Color.Yellow),
                ColdStartVerdict.NoColdStarts => new Style(Color.Green),
                _ => new Style(Color.Grey),
            };
            table.AddRow(
                new Text(m.Model),
                new Text(m.Calls.ToString(CultureInfo.InvariantCulture)),
                new Text(Threshold(m)),
                new Text(Cold(m)),
                new Text(Warm(m)),
                new Text(ColdCalls(m)),
                new Text(TasksPaid(m)),
                new Text(KeepWarm(m)),
                new Text(Verdict(m.Verdict), style));
        }

        console.Write(table);

        // One unwrapped line per model, however wide the console: people read it, scripts grep it.
        var writer = console.Profile.Out.Writer;
        foreach (var m in models)
        {
            writer.WriteLine(Line(m));
        }

        writer.Flush();
    }

    /// <summary>Writes the "Cold starts" Markdown section.</summary>
    public static void WriteMarkdown(TextWriter writer, IReadOnlyList<ModelColdStarts> models, long modelCalls)
    {
        if (writer is null) throw new ArgumentNullException(nameof(writer));
        if (models is null) throw new ArgumentNullException(nameof(models));
        if (models.Count == 0)
        {
            if (modelCalls > 0)
            {
                writer.WriteLine(NoneText);
                writer.WriteLine();
            }

            return;
        }

        writer.WriteLine("### Cold starts per model");
        writer.WriteLine();
        writer.WriteLine("| Model | Calls | Idle threshold | Cold p50 / p99 | Warm p50 / p99 | Cold calls | Tasks paid | Keep-warm / day | Verdict |");
        writer.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var m in models)
        {
            string verdict = m.Analysis.HasColdStarts ? "**" + Verdict(m.Verdict) + "**" : Verdict(m.Verdict);
            writer.WriteLine($"| `{m.Model}` | {m.Calls} | {Threshold(m)} | {Cold(m)} | {Warm(m)} | {ColdCalls(m)} | {TasksPaid(m)} | {KeepWarm(m)} | {verdict} |");
        }

        writer.WriteLine();
        foreach (var m in models)
        {
            writer.WriteLine("- " + Line(m));
        }

        writer.WriteLine();
    }

    /// <summary>Writes the <c>cold_starts</c> array.</summary>
    public static void WriteJson(Utf8JsonWriter json, IReadOnlyList<ModelColdStarts> models)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        if (models is null) throw new ArgumentNullException(nameof(models));
        json.WriteStartArray("cold_starts");
        foreach (var m in models)
        {
            var a = m.Analysis;
            json.WriteStartObject();
            json.WriteString("model", m.Model);
            json.WriteString("verdict", Verdict(m.Verdict).Replace(' ', '_'));
            json.WriteString("summary", Line(m).Substring(m.Model.Length + 2));
            json.WriteNumber("calls", m.Calls);
            json.WriteNumber("analyzed_calls", a.AnalyzedCalls);
            json.WriteBoolean("sampled", m.Sampled);
            json.WriteNumber("synthetic_calls", m.SyntheticCalls);
            json.WriteNumber("failed_calls", m.FailedCalls);
            json.WriteNumber("runtime_tagged_cold_calls", m.TaggedColdCalls);
            json.NumberOrNull("idle_threshold_ms", a.IdleThresholdMs);
            json.NumberOrNull("warm_gap_max_ms", a.WarmGapMaxMs);
            json.NumberOrNull("cold_gap_min_ms", a.ColdGapMinMs);
            json.NumberOrNull("longest_gap_ms", a.LongestGapMs);
            Latency(json, "warm", a.Verdict == ColdStartVerdict.InsufficientData ? null : a.Warm);
            Latency(json, "cold", a.Cold);
            json.WriteNumber("cold_calls", m.ColdCalls);
            json.WriteBoolean("cold_counts_exact", m.ColdCountsExact);
            json.WriteNumber("tasks_with_calls", m.TasksWithCalls);
            json.WriteNumber("tasks_paid", m.TasksPaid);
            if (a.KeepWarm is { } k)
            {
                json.WriteStartObject("keep_warm");
                json.NumberOrNull("interval_ms", k.IntervalMs);
                json.NumberOrNull("max_requests_per_day", k.MaxRequestsPerDay);
                json.NumberOrNull("max_tokens_per_day", k.MaxTokensPerDay);
                json.NumberOrNull("tokens_per_request", k.TokensPerRequest);
                json.NumberOrNull("observed_requests", m.KeepWarmObservedRequests);
                json.NumberOrNull("observed_days", m.ObservedDays);
                json.NumberOrNull("observed_requests_per_day", m.KeepWarmObservedRequestsPerDay);
                json.NumberOrNull("observed_tokens_per_day", m.KeepWarmObservedTokensPerDay);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("keep_warm");
            }

            json.NumberOrNull("merged_gap_ms", m.MergedGapMs);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private const string NoneText = "Cold starts: not analyzed (no model-call span with a model, a start and an end time).";

    private static void Latency(Utf8JsonWriter json, string name, LatencySummary? latency)
    {
        if (latency is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteNumber("calls", latency.Count);
        json.NumberOrNull("p50_ms", latency.P50Ms);
        json.NumberOrNull("p99_ms", latency.P99Ms);
        json.WriteEndObject();
    }

    private static string Threshold(ModelColdStarts m) => m.Analysis.IdleThresholdMs is double t
        ? $"{D(t)} ({D(m.Analysis.WarmGapMaxMs)} – {D(m.Analysis.ColdGapMinMs)})"
        : "-";

    private static string Cold(ModelColdStarts m) => m.Analysis.Cold is { } c ? $"{D(c.P50Ms)} / {D(c.P99Ms)}" : "-";

    private static string Warm(ModelColdStarts m) =>
        m.Verdict != ColdStartVerdict.InsufficientData && m.Analysis.Warm is { } w ? $"{D(w.P50Ms)} / {D(w.P99Ms)}" : "-";

    private static string ColdCalls(ModelColdStarts m) => m.Analysis.HasColdStarts
        ? Invariant($"{(m.ColdCountsExact ? string.Empty : "≈ ")}{m.ColdCalls} of {m.Calls}")
        : m.Verdict == ColdStartVerdict.NoColdStarts ? "0" : "-";

    private static string TasksPaid(ModelColdStarts m) => m.Analysis.HasColdStarts
        ? Invariant($"{(m.ColdCountsExact ? string.Empty : "≈ ")}{m.TasksPaid} of {m.TasksWithCalls}")
        : m.Verdict == ColdStartVerdict.NoColdStarts ? "0" : "-";

    private static string KeepWarm(ModelColdStarts m) => m.Analysis.KeepWarm is { } k
        ? Invariant($"≤ {k.MaxRequestsPerDay:0.#} req, {k.MaxTokensPerDay:N0} tokens")
        : "-";

    private static string SampleNote(ModelColdStarts m)
    {
        string note = m.Sampled ? Invariant($" (analyzed a sample of {m.KeptCalls} of {m.Calls} calls)") : string.Empty;
        if (m.MergedGapMs > 0) note += $" (idle gaps up to {D(m.MergedGapMs)} closed to bound memory)";
        return note;
    }

    private static string D(double? ms) => ms is double v ? ColdStartDetector.FormatDuration(v) : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
