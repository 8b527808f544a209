using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmCallAnalyzers.Cli.Tests.Infrastructure;
using static LlmCallAnalyzers.Cli.Tests.Infrastructure.Otlp;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary>
/// <c>llmslo confirm</c> reports cold starts per model: calls to a fine-tuned model after 25–90
/// minutes idle take about 4.6 s, the rest about 0.8 s; a base model with the same gaps does not jump.
/// </summary>
public sealed class ColdStartConfirmTests : IDisposable
{
    public const string FineTuned = "ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4";
    public const string BaseModel = "gpt-4o-mini";
    private const string Task = "Shop.Classifier.ClassifyAsync";
    private const double Minute = 60_000;
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("llmslo-coldstart-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// Calls to one model, one per task: each starts a gap after the previous one ended — 25–90 min for
    /// <paramref name="cold"/> of them, 1–10 min for the rest — and takes about <paramref name="coldMs"/> after a long gap,
    /// about 800 ms otherwise.
    /// </summary>
    public static List<(DateTimeOffset Start, double LatencyMs, bool LongGap)> Timeline(int seed, int warm, int cold, double coldMs = 4600)
    {
        var random = new Random(seed);
        var kinds = Enumerable.Repeat(false, warm).Concat(Enumerable.Repeat(true, cold)).OrderBy(_ => random.Next()).ToList();
        var calls = new List<(DateTimeOffset, double, bool)>();
        DateTimeOffset end = T0;
        foreach (bool longGap in kinds)
        {
            double gap = longGap ? Uniform(random, 25, 90) * Minute : Uniform(random, 1, 10) * Minute;
            double latency = (longGap ? coldMs : 800) * Math.Exp(0.08 * ((random.NextDouble() * 2) - 1));
            DateTimeOffset start = end.AddMilliseconds(gap);
            calls.Add((start, latency, longGap));
            end = start.AddMilliseconds(latency);
        }

        return calls;
    }

    private static double Uniform(Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    /// <summary>One line per call: a task span (estimate 1 call) with the model-call span under it, child first.</summary>
    private static string TaskLine(string model, DateTimeOffset start, double latencyMs)
    {
        string trace = NewTraceId();
        var call = ChatSpan(trace, SpanId(2), SpanId(1), model: model).Timed(start, latencyMs);
        var task = TaskSpan(trace, SpanId(1), null, Task, estimateMax: 1).Timed(start.AddMilliseconds(-3), latencyMs + 6);
        return Line(call, task);
    }

    /// <summary>The fine-tuned model's calls alternate between two files (two processes); the base model's are in the first.</summary>
    private (string A, string B) WriteTelemetry(int fineTunedWarm = 200, int fineTunedCold = 40)
    {
        var fineTuned = Timeline(seed: 7, fineTunedWarm, fineTunedCold).Select((c, i) => (Line: TaskLine(FineTuned, c.Start, c.LatencyMs), File: i % 2)).ToList();
        var baseModel = Timeline(seed: 11, 200, 40, coldMs: 800).Select(c => TaskLine(BaseModel, c.Start, c.LatencyMs));
        string a = WriteFile(_dir, "process-a.jsonl", fineTuned.Where(x => x.File == 0).Select(x => x.Line).Concat(baseModel));
        string b = WriteFile(_dir, "process-b.jsonl", fineTuned.Where(x => x.File == 1).Select(x => x.Line));
        return (a, b);
    }

    private static JsonNode ColdStartsOf(string json, string model) =>
        JsonNode.Parse(json)!["cold_starts"]!.AsArray().Single(m => (string?)m!["model"] == model)!;

    [Fact]
    public async Task A_fine_tuned_model_that_jumps_after_25_to_90_minutes_idle_has_cold_starts_and_a_base_model_has_none()
    {
        var (a, b) = WriteTelemetry();

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", a, b, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());   // cold starts are a finding, not a failure
        var ft = ColdStartsOf(result.Output, FineTuned);
        Assert.Equal("cold_starts", (string?)ft["verdict"]);
        Assert.InRange((double)ft["idle_threshold_ms"]!, 10 * Minute, 25 * Minute);
        Assert.InRange((double)ft["warm_gap_max_ms"]!, 9 * Minute, 10 * Minute);
        Assert.InRange((double)ft["cold_gap_min_ms"]!, 25 * Minute, 30 * Minute);
        Assert.InRange((double)ft["cold"]!["p50_ms"]!, 4600 * 0.95, 4600 * 1.05);
        Assert.InRange((double)ft["warm"]!["p50_ms"]!, 800 * 0.95, 800 * 1.05);
        Assert.True((double)ft["cold"]!["p99_ms"]! >= (double)ft["cold"]!["p50_ms"]!);
        Assert.Equal(240, (int)ft["calls"]!);
        Assert.InRange((int)ft["cold_calls"]!, 39, 40);          // the very first call has no known gap
        Assert.True((bool)ft["cold_counts_exact"]!);
        Assert.Equal((int)ft["cold_calls"]!, (int)ft["tasks_paid"]!);   // one call per task
        Assert.Equal(240, (int)ft["tasks_with_calls"]!);
        var keepWarm = ft["keep_warm"]!;
        Assert.InRange((double)keepWarm["max_requests_per_day"]!, 100, 200);
        Assert.Equal((double)keepWarm["max_requests_per_day"]! * 10, (double)keepWarm["max_tokens_per_day"]!, 3);
        Assert.True((int)keepWarm["observed_requests"]! > 0);

        var baseModel = ColdStartsOf(result.Output, BaseModel);
        Assert.Equal("no_cold_starts", (string?)baseModel["verdict"]);
        Assert.Null(baseModel["idle_threshold_ms"]);
        Assert.Null(baseModel["cold"]);
        Assert.Equal(0, (int)baseModel["cold_calls"]!);
        Assert.Null(baseModel["keep_warm"]);
    }

    [Fact]
    public async Task The_table_has_a_cold_start_section_after_the_tasks_with_one_line_per_model()
    {
        var (a, b) = WriteTelemetry();

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", a, b);

        Assert.True(result.ExitCode == 0, result.ToString());
        string output = result.Output;
        Assert.True(output.IndexOf("Cold starts per model", StringComparison.Ordinal) > output.IndexOf(Task, StringComparison.Ordinal), output);
        string line = output.Split('\n').Single(l => l.StartsWith(FineTuned + ": ", StringComparison.Ordinal));
        Assert.True(
            Regex.IsMatch(line, @"cold starts after (1\d|2[0-4])\.\d min idle \(threshold between \d+\.\d min and 2\d\.\d min\): cold p50 4\.\d s / p99 \d\.\d s vs warm p50 [78]\d\d ms / p99 \d+ ms;"),
            output);
        Assert.Contains("of 240 calls cold, in ", line);
        Assert.Contains("requests/day", line);
        Assert.Contains("tokens/day", line);
        string row = output.Split('\n').Single(l => l.Contains(FineTuned, StringComparison.Ordinal) && l.Contains("│ cold starts", StringComparison.Ordinal));
        Assert.Matches(@"│\s+240\s+│", row);
        Assert.StartsWith(BaseModel + ": no cold starts", output.Split('\n').Single(l => l.StartsWith(BaseModel + ": ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Markdown_has_a_cold_start_section()
    {
        var (a, b) = WriteTelemetry();

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", a, b, "--format", "markdown");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("### Cold starts per model", result.Output);
        Assert.Contains($"| `{FineTuned}` | 240 |", result.Output);
        Assert.Contains($"- {FineTuned}: cold starts after ", result.Output);
    }

    [Fact]
    public async Task Too_few_calls_are_insufficient_data_and_claim_nothing()
    {
        var lines = Timeline(seed: 3, warm: 6, cold: 2).Select(c => TaskLine(FineTuned, c.Start, c.LatencyMs));
        string file = WriteFile(_dir, "few.jsonl", lines);

        var json = await CliRunner.InProcessAsync("confirm", "--telemetry", file, "--format", "json");
        var table = await CliRunner.InProcessAsync("confirm", "--telemetry", file);

        Assert.True(json.ExitCode == 0, json.ToString());
        var ft = ColdStartsOf(json.Output, FineTuned);
        Assert.Equal("insufficient_data", (string?)ft["verdict"]);
        Assert.StartsWith("insufficient data: 7 calls with a known idle gap", (string?)ft["summary"]);
        Assert.Null(ft["idle_threshold_ms"]);
        Assert.Null(ft["cold"]);
        Assert.Null(ft["warm"]);
        Assert.Null(ft["keep_warm"]);
        string line = table.Output.Split('\n').Single(l => l.StartsWith(FineTuned + ": ", StringComparison.Ordinal));
        Assert.StartsWith(FineTuned + ": insufficient data", line);
        Assert.DoesNotContain("cold starts after", table.Output);
    }

    [Fact]
    public async Task Keep_warm_spans_end_idle_gaps_and_are_not_analyzed()
    {
        // The fine-tuned timeline, with a keep-warm call (llm.synthetic, 50 ms, outside any task) 2 minutes before every
        // call that follows a long gap: no gap is long any more, and those calls were warm.
        var calls = Timeline(seed: 7, 200, 40, coldMs: 800);
        var lines = new List<string>();
        foreach (var (start, latency, longGap) in calls)
        {
            lines.Add(TaskLine(FineTuned, start, latency));
            if (longGap)
            {
                var keepWarm = ChatSpan(NewTraceId(), SpanId(9), string.Empty, model: FineTuned).Timed(start.AddMinutes(-2), 50);
                keepWarm["attributes"]!.AsArray().Add(Attr("llm.synthetic", true));
                lines.Add(Line(keepWarm));
            }
        }

        string file = WriteFile(_dir, "keepwarm.jsonl", lines);

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", file, "--format", "json");

        var ft = ColdStartsOf(result.Output, FineTuned);
        Assert.Equal(40, (int)ft["synthetic_calls"]!);
        Assert.Equal(240, (int)ft["calls"]!);
        Assert.InRange((double)ft["longest_gap_ms"]!, 1 * Minute, 10 * Minute);
        Assert.InRange((double)ft["warm"]!["p50_ms"]!, 800 * 0.95, 800 * 1.05);   // the 50 ms keep-warm calls are not in it
    }

    [Fact]
    public async Task A_malformed_timestamp_is_bad_input()
    {
        var span = ChatSpan(NewTraceId(), SpanId(1), SpanId(2));
        span["startTimeUnixNano"] = "yesterday";
        string file = WriteFile(_dir, "bad-time.jsonl", new[] { Line(span) });

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{file}:1: resourceSpans[0].scopeSpans[0].spans[0]: startTimeUnixNano must be a whole number of nanoseconds since the Unix epoch", result.Error);
    }
}
