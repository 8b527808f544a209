using System.Globalization;
using System.IO;
using System.Linq;
using LlmCallAnalyzers.Cli.Prometheus;
using LlmCallAnalyzers.Cli.Telemetry;
using LlmCallAnalyzers.Model;
using Spectre.Console;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>
/// Writes <c>llmslo confirm</c>: per task, observed calls and success against the estimate; per model, cold starts
/// (<see cref="ColdStartFormatter"/>); per provider, measured availability.
/// </summary>
public static class ConfirmFormatter
{
    /// <summary>"confirmed", "exceeded", "below SLO", "no estimate", "not seen".</summary>
    public static string Verdict(ConfirmVerdict verdict) => verdict switch
    {
        ConfirmVerdict.Confirmed => "confirmed",
        ConfirmVerdict.Exceeded => "exceeded",
        ConfirmVerdict.BelowSlo => "below SLO",
        ConfirmVerdict.NoEstimate => "no estimate",
        _ => "not seen",
    };

    /// <summary>The verdict with the reason: "exceeded (15 calls > estimate 12 in 3 of 40 tasks)".</summary>
    public static string VerdictText(TaskConfirmation t)
    {
        string text = Verdict(t.Verdict);
        if (t.Verdict == ConfirmVerdict.Exceeded && t.Observed is not null && t.Limit is long limit)
        {
            string what = t.LimitSetByFanOut ? "[FanOut]" : "estimate";
            var largest = t.Observed.Calls.Largest;
            string calls = largest.IsExact && largest.Low > limit ? largest.ToString() : "max " + largest;
            text += $" ({calls} calls > {what} {limit} in {t.ExceededInvocations} of {t.Observed.Instances} tasks)";
        }
        else if (t.Verdict == ConfirmVerdict.Exceeded && t.Observed is not null)
        {
            // From metrics without --estimates: only the runtime's own llm.task.estimate_exceeded count says so.
            text += $" ({t.ExceededInvocations} of {t.Observed.Instances} tasks over the estimate the running build embedded)";
        }
        else if (t.Verdict == ConfirmVerdict.BelowSlo && t.Slo is double slo)
        {
            text += $" (95 % interval up to {Percent.Format(t.Success.Upper)} < {Percent.Format(slo)})";
        }
        else if (t.BelowPrediction)
        {
            text += " (success below the predicted availability)";
        }

        if (t.PossiblyExceededInvocations > 0 && t.Limit is long bound)
        {
            text += $" ({t.PossiblyExceededInvocations} tasks in the bucket around {bound} may exceed it: the histogram buckets cannot tell)";
        }

        return text;
    }

    /// <summary>"min / p50 / p99 / max": exact from spans ("1 / 3 / 9 / 15"), to bucket resolution from metrics ("≤ 1 / ≤ 4 / ≤ 10 / ≤ 16").</summary>
    public static string Calls(TaskConfirmation t)
        => t.Observed is null ? "-" : $"{t.Observed.Calls.Smallest} / {t.Observed.Calls.QuantileRange(0.5)} / {t.Observed.Calls.QuantileRange(0.99)} / {t.Observed.Calls.Largest}";

    /// <summary>"≤ 12", "3..12", "unbounded", "≤ 12 [FanOut]" or "-".</summary>
    public static string Estimate(TaskConfirmation t)
    {
        string text;
        if (!t.HasEstimate)
        {
            text = "-";
        }
        else if (t.EstimateMax is long max)
        {
            text = t.EstimateMin is long min
                ? (min == max ? max.ToString(CultureInfo.InvariantCulture) : min.ToString(CultureInfo.InvariantCulture) + ".." + max.ToString(CultureInfo.InvariantCulture))
                : "≤ " + max.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            text = "unbounded";
        }

        if (t.DeclaredFanOut is long fan)
        {
            text = (text == "-" ? string.Empty : text + ", ") + "[FanOut(" + fan.ToString(CultureInfo.InvariantCulture) + ")]";
        }

        return text;
    }

    /// <summary>"98.00 % (95 % 95.10 % – 99.20 %, n = 100)".</summary>
    public static string Success(TaskConfirmation t)
        => t.Observed is null || t.Success.Trials == 0 ? "-"
            : $"{Percent.Format(t.Success.Rate)} [{Percent.Format(t.Success.Lower)} – {Percent.Format(t.Success.Upper)}]";

    /// <summary>Writes tables.</summary>
    public static void WriteTable(IAnsiConsole console, ConfirmResult result)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Observed vs estimated");
        table.AddColumn(new TableColumn("Task").NoWrap());
        table.AddColumn(new TableColumn("Seen").RightAligned());
        table.AddColumn(new TableColumn("Calls min / p50 / p99 / max").RightAligned());
        table.AddColumn(new TableColumn("Estimate").RightAligned());
        table.AddColumn(new TableColumn(new Text("Success [95 % interval]")).RightAligned());
        table.AddColumn(new TableColumn("Predicted").RightAligned());
        table.AddColumn(new TableColumn("SLO").RightAligned());
        table.AddColumn("Verdict");
        foreach (var t in result.Tasks.Where(t => t.Verdict != ConfirmVerdict.NotSeen))
        {
            var style = t.Verdict switch
            {
                ConfirmVerdict.Confirmed => new Style(Color.Green),
                ConfirmVerdict.Exceeded or ConfirmVerdict.BelowSlo => new Style(Color.Red),
                _ => new Style(Color.Grey),
            };
            table.AddRow(
                new Text(t.Name),
                new Text((t.Observed?.Instances ?? 0).ToString(CultureInfo.InvariantCulture)),
                new Text(Calls(t)),
                new Text(Estimate(t)),
                new Text(Success(t)),
                new Text(t.PredictedAvailability is double predicted ? Percent.Format(predicted) : "-"),
                new Text(Figures.Slo(t.Slo)),
                new Text(VerdictText(t), style));
        }

        if (result.Tasks.All(t => t.Verdict == ConfirmVerdict.NotSeen))
        {
            console.WriteLine(result.Metrics is null ? "No task spans (llm.task.name) in the telemetry." : "No task ran in the window.");
        }
        else
        {
            console.Write(table);
        }

        var notSeen = result.Tasks.Where(t => t.Verdict == ConfirmVerdict.NotSeen).Select(t => t.Name).ToList();
        if (notSeen.Count > 0)
        {
            console.WriteLine($"Estimated but not seen as tasks: {string.Join(", ", notSeen)}.");
        }

        if (result.Metrics is null)
        {
            ColdStartFormatter.WriteTable(console, result.ColdStarts, result.ModelCalls);
        }
        else
        {
            RuntimeColdStartFormatter.WriteTable(console, result.RuntimeColdStarts);
        }

        if (result.Availability.Count > 0)
        {
            var providers = new Table().Border(TableBorder.Rounded).Title("Measured per-call availability");
            providers.AddColumn("Analyzer key");
            providers.AddColumn("Model");
            providers.AddColumn(new TableColumn("Calls").RightAligned());
            providers.AddColumn(new TableColumn("Failed").RightAligned());
            providers.AddColumn(new TableColumn(new Text("Availability [95 % interval]")).RightAligned());
            providers.AddColumn("Telemetry provider");
            foreach (var m in result.Availability)
            {
                providers.AddRow(
                    new Text(m.Key),
                    new Text(m.Model ?? "*"),
                    new Text(m.Calls.ToString(CultureInfo.InvariantCulture)),
                    new Text(m.Failed.ToString(CultureInfo.InvariantCulture)),
                    new Text($"{Percent.Format(m.Interval.Rate, 3)} [{Percent.Format(m.Interval.Lower, 3)} – {Percent.Format(m.Interval.Upper, 3)}]"),
                    new Text(string.Join(", ", m.TelemetryNames)));
            }

            console.Write(providers);
        }

        console.WriteLine(Summary(result));
    }

    /// <summary>Writes Markdown.</summary>
    public static void WriteMarkdown(TextWriter writer, ConfirmResult result)
    {
        writer.WriteLine("## LLM tasks: observed vs estimated");
        writer.WriteLine();
        writer.WriteLine("| Task | Seen | Calls min / p50 / p99 / max | Estimate | Success [95 % interval] | Predicted | SLO | Verdict |");
        writer.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var t in result.Tasks)
        {
            string verdict = t.Fails ? "**" + VerdictText(t) + "**" : VerdictText(t);
            writer.WriteLine($"| `{t.Name}` | {t.Observed?.Instances ?? 0} | {Calls(t)} | {Estimate(t)} | {Success(t)} | {(t.PredictedAvailability is double p ? Percent.Format(p) : "-")} | {Figures.Slo(t.Slo)} | {verdict} |");
        }

        writer.WriteLine();
        if (result.Metrics is null)
        {
            ColdStartFormatter.WriteMarkdown(writer, result.ColdStarts, result.ModelCalls);
        }
        else
        {
            RuntimeColdStartFormatter.WriteMarkdown(writer, result.RuntimeColdStarts);
        }

        writer.WriteLine("| Analyzer key | Model | Calls | Failed | Availability [95 % interval] |");
        writer.WriteLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var m in result.Availability)
        {
            writer.WriteLine($"| {m.Key} | {m.Model ?? "*"} | {m.Calls} | {m.Failed} | {Percent.Format(m.Interval.Rate, 3)} [{Percent.Format(m.Interval.Lower, 3)} – {Percent.Format(m.Interval.Upper, 3)}] |");
        }

        writer.WriteLine();
        writer.WriteLine(Summary(result));
    }

    /// <summary>Writes one JSON document.</summary>
    public static void WriteJson(TextWriter writer, ConfirmResult result)
    {
        JsonOutput.Write(writer, json =>
        {
            json.WriteStartObject();
            json.WriteString("tool", "llmslo");
            json.WriteString("version", JsonOutput.ToolVersion);
            json.WriteStartArray("files");
            foreach (var file in result.Files) json.WriteStringValue(file);
            json.WriteEndArray();
            if (result.Metrics is MetricsSource source)
            {
                json.WriteStartObject("prometheus");
                json.WriteString("url", source.Url);
                json.WriteString("start", source.Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                json.WriteString("end", source.End.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                json.StringOrNull("selector", source.Selector);
                json.WriteNumber("queries", source.Queries);
                json.WriteNumber("series", source.Series);
                json.WriteEndObject();
            }
            json.WriteStartArray("tasks");
            foreach (var t in result.Tasks)
            {
                json.WriteStartObject();
                json.WriteString("task", t.Name);
                json.WriteString("verdict", Verdict(t.Verdict).Replace(' ', '_').ToLowerInvariant());
                json.WriteNumber("seen", t.Observed?.Instances ?? 0);
                json.WriteNumber("succeeded", t.Observed?.Succeeded ?? 0);
                json.WriteNumber("failed", t.Observed?.Failed ?? 0);
                json.WriteNumber("canceled", t.Observed?.Canceled ?? 0);
                if (t.Observed is not null)
                {
                    var calls = t.Observed.Calls;
                    json.WriteStartObject("calls");
                    json.WriteString("resolution", calls.IsExact ? "exact" : "buckets");
                    WriteCount(json, "min", calls.Smallest);
                    WriteCount(json, "p50", calls.QuantileRange(0.5));
                    WriteCount(json, "p99", calls.QuantileRange(0.99));
                    WriteCount(json, "max", calls.Largest);
                    json.WriteNumber("total", t.Observed.TotalCalls);
                    if (calls.IsExact) json.WriteNumber("failed", t.Observed.TotalFailedCalls);
                    else json.WriteNull("failed");
                    json.WriteEndObject();
                    json.WriteNumber("success_rate", t.Success.Rate);
                    json.WriteNumber("success_ci_low", t.Success.Lower);
                    json.WriteNumber("success_ci_high", t.Success.Upper);
                }

                json.StringOrNull("estimate_source", t.EstimateSource);
                json.NumberOrNull("estimate_min_calls", t.EstimateMin);
                json.NumberOrNull("estimate_max_calls", t.EstimateMax);
                json.WriteBoolean("estimate_unbounded", t.HasEstimate && t.EstimateMax is null);
                json.NumberOrNull("declared_fan_out", t.DeclaredFanOut);
                json.NumberOrNull("exceeded_tasks", t.Observed is null ? null : t.ExceededInvocations);
                json.NumberOrNull("possibly_exceeded_tasks", t.Observed is null ? null : t.PossiblyExceededInvocations);
                json.NumberOrNull("predicted_availability", t.PredictedAvailability);
                json.NumberOrNull("slo", t.Slo);
                json.WriteBoolean("below_prediction", t.BelowPrediction);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("availability");
            foreach (var m in result.Availability)
            {
                json.WriteStartObject();
                json.WriteString("key", m.Key);
                json.StringOrNull("model", m.Model);
                json.WriteNumber("calls", m.Calls);
                json.WriteNumber("failed", m.Failed);
                json.WriteNumber("availability", m.Interval.Rate);
                json.WriteNumber("ci_low", m.Interval.Lower);
                json.WriteNumber("ci_high", m.Interval.Upper);
                json.WriteStartArray("telemetry_providers");
                foreach (var name in m.TelemetryNames) json.WriteStringValue(name);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            ColdStartFormatter.WriteJson(json, result.ColdStarts);
            RuntimeColdStartFormatter.WriteJson(json, result.RuntimeColdStarts);
            json.WriteStartObject("stats");
            json.WriteNumber("lines", result.Stats.Lines);
            json.WriteNumber("spans", result.Stats.Spans);
            json.WriteNumber("model_calls", result.ModelCalls);
            json.WriteNumber("calls_outside_tasks", result.CallsOutsideTasks);
            json.WriteNumber("duplicate_spans", result.DuplicateSpans);
            json.WriteNumber("early_completions", result.EarlyCompletions);
            json.WriteNumber("peak_buffered_spans", result.PeakBufferedSpans);
            json.WriteEndObject();
            json.WriteBoolean("all_confirmed", !result.AnyFails);
            json.WriteEndObject();
        });
    }

    private static void WriteCount(System.Text.Json.Utf8JsonWriter json, string name, Statistics.CallCount count)
    {
        // The upper end of the bucket (what "≤ 16" says); above the top bucket only the lower end is known.
        json.WriteNumber(name, count.High ?? count.Low);
    }

    /// <summary>
    /// "Read 2 files, 1,204 lines, 15,310 spans: 12,000 model calls in 1,000 tasks (3 outside any task). 1 exceeded, 0 below SLO."
    /// or "Queried http://localhost:9090/ (7 queries, 120 series) over 2026-11-01 00:00 – 2026-12-01 00:00 UTC: 12,000 model calls in 1,000 tasks. ..."
    /// </summary>
    public static string Summary(ConfirmResult result)
    {
        long tasks = result.Tasks.Sum(t => t.Observed?.Instances ?? 0);
        int exceeded = result.Tasks.Count(t => t.Verdict == ConfirmVerdict.Exceeded);
        int below = result.Tasks.Count(t => t.Verdict == ConfirmVerdict.BelowSlo);
        int confirmed = result.Tasks.Count(t => t.Verdict == ConfirmVerdict.Confirmed);
        if (result.Metrics is MetricsSource source)
        {
            long calls = result.Tasks.Sum(t => t.Observed?.TotalCalls ?? 0);
            string selector = string.IsNullOrWhiteSpace(source.Selector) ? string.Empty : $" matching {{{RuntimeQueries.NormalizeSelector(source.Selector)}}}";
            return $"Queried {source.Url} ({source.Queries} queries, {source.Series} series) over {source.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} – "
                + $"{source.End.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC{selector}: {calls} model calls in {tasks} tasks. "
                + $"{confirmed} confirmed, {exceeded} exceeded, {below} below SLO.";
        }

        string outside = result.CallsOutsideTasks > 0 ? $" ({result.CallsOutsideTasks} outside any task)" : string.Empty;
        string early = result.EarlyCompletions > 0 ? $" {result.EarlyCompletions} traces were completed early (buffer full)." : string.Empty;
        return $"Read {result.Stats.Files} file(s), {result.Stats.Lines} lines, {result.Stats.Spans} spans: {result.ModelCalls} model calls in {tasks} tasks{outside}. "
            + $"{confirmed} confirmed, {exceeded} exceeded, {below} below SLO.{early}";
    }
}
