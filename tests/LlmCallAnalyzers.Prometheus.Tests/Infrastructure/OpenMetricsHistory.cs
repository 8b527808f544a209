using System.Globalization;
using System.Text;
using LlmCallAnalyzers.Cli.Prometheus;

namespace LlmCallAnalyzers.Prometheus.Tests.Infrastructure;

/// <summary>One task of a backfilled history: how many invocations per step and what each one does.</summary>
public sealed record HistoryTask(string Name, int PerStep, Func<Random, long, int, (int Calls, bool Fail)> Next, int? Limit);

/// <summary>What a history holds for one task, counted exactly while it was written.</summary>
public sealed class HistoryTotals
{
    public long Succeeded { get; set; }

    public long Failed { get; set; }

    public long Calls { get; set; }

    public int MaxCalls { get; set; }

    public long Exceeded { get; set; }

    public long Invocations => Succeeded + Failed;
}

/// <summary>
/// Writes the runtime's task metrics over a past window as OpenMetrics text for <c>promtool tsdb create-blocks-from
/// openmetrics</c>: the series the exporter would have exposed (names from <see cref="RuntimeMetrics"/>, buckets from
/// the runtime's own histogram), sampled every <c>step</c>, counters starting at 0 at the window's start. One file per
/// day, because promtool reads its whole input once per 2-hour block.
/// </summary>
public static class OpenMetricsHistory
{
    /// <param name="fileSpan">How much history one file holds (default a day); a span of one step makes one block per file.</param>
    public static (IReadOnlyDictionary<string, HistoryTotals> Totals, IReadOnlyList<string> Files) Write(
        string directory, IReadOnlyList<HistoryTask> tasks, DateTimeOffset start, DateTimeOffset end, TimeSpan step, int seed, TimeSpan? fileSpan = null)
    {
        long stepsPerFile = Math.Max(1, (fileSpan ?? TimeSpan.FromDays(1)).Ticks / step.Ticks);
        var bounds = RuntimeInstruments.TaskCallBounds();
        var random = new Random(seed);
        var totals = tasks.ToDictionary(t => t.Name, _ => new HistoryTotals(), StringComparer.Ordinal);
        // Cumulative state per task and outcome (0 success, 1 failure): per bucket counts (last = +Inf), sum, count.
        var buckets = tasks.Select(_ => new[] { new long[bounds.Count + 1], new long[bounds.Count + 1] }).ToArray();
        var sums = tasks.Select(_ => new long[2]).ToArray();
        var outcomes = tasks.Select(_ => new long[2]).ToArray();
        var exceeded = new long[tasks.Count];

        long steps = (long)((end - start).Ticks / step.Ticks);
        var files = new List<string>();
        var day = new List<Snapshot>();
        for (long s = 0; s <= steps; s++)
        {
            var time = start + TimeSpan.FromTicks(step.Ticks * s);
            if (s > 0)
            {
                for (int t = 0; t < tasks.Count; t++)
                {
                    for (int i = 0; i < tasks[t].PerStep; i++)
                    {
                        var (calls, fail) = tasks[t].Next(random, s, i);
                        int outcome = fail ? 1 : 0;
                        int bucket = 0;
                        while (bucket < bounds.Count && calls > bounds[bucket]) bucket++;
                        buckets[t][outcome][bucket]++;
                        sums[t][outcome] += calls;
                        outcomes[t][outcome]++;
                        var total = totals[tasks[t].Name];
                        if (fail) total.Failed++;
                        else total.Succeeded++;
                        total.Calls += calls;
                        total.MaxCalls = Math.Max(total.MaxCalls, calls);
                        if (tasks[t].Limit is int limit && calls > limit)
                        {
                            exceeded[t]++;
                            total.Exceeded++;
                        }
                    }
                }
            }

            day.Add(new Snapshot(time, buckets.Select(b => b.Select(o => (long[])o.Clone()).ToArray()).ToArray(), sums.Select(x => (long[])x.Clone()).ToArray(), outcomes.Select(x => (long[])x.Clone()).ToArray(), (long[])exceeded.Clone()));
            if (day.Count >= stepsPerFile || s == steps)
            {
                files.Add(WriteFile(Path.Combine(directory, $"history-{files.Count:D4}.om"), tasks, bounds, day));
                day.Clear();
            }
        }

        return (totals, files);
    }

    private static string WriteFile(string path, IReadOnlyList<HistoryTask> tasks, IReadOnlyList<double> bounds, List<Snapshot> snapshots)
    {
        string task = RuntimeMetrics.TaskNameLabel;
        string outcome = RuntimeMetrics.TaskOutcomeLabel;
        string[] outcomeNames = { RuntimeMetrics.Success, RuntimeMetrics.Failure };
        // As the .NET exporter writes them (le="12.0"); Prometheus 2 stores them as they come.
        var le = bounds.Select(b => b.ToString("0.0###", CultureInfo.InvariantCulture)).Append("+Inf").ToArray();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);

        var calls = RuntimeMetrics.TaskCalls;
        writer.Write("# TYPE ");
        writer.Write(calls.Name);
        writer.Write(" histogram\n");
        for (int t = 0; t < tasks.Count; t++)
        {
            for (int o = 0; o < 2; o++)
            {
                string labels = $"{task}=\"{tasks[t].Name}\",{outcome}=\"{outcomeNames[o]}\"";
                foreach (var snapshot in snapshots)
                {
                    string ts = snapshot.Seconds;
                    long cumulative = 0;
                    for (int b = 0; b < le.Length; b++)
                    {
                        cumulative += snapshot.Buckets[t][o][b];
                        writer.Write($"{calls.Bucket}{{{labels},le=\"{le[b]}\"}} {cumulative} {ts}\n");
                    }

                    writer.Write($"{calls.Sum}{{{labels}}} {snapshot.Sums[t][o]} {ts}\n");
                    writer.Write($"{calls.Count}{{{labels}}} {cumulative} {ts}\n");
                }
            }
        }

        WriteCounter(writer, RuntimeMetrics.TaskOutcome, snapshots, tasks.Count * 2, i => $"{task}=\"{tasks[i / 2].Name}\",{outcome}=\"{outcomeNames[i % 2]}\"", (s, i) => s.Outcomes[i / 2][i % 2]);
        var limited = Enumerable.Range(0, tasks.Count).Where(t => tasks[t].Limit is not null).ToArray();
        WriteCounter(writer, RuntimeMetrics.EstimateExceeded, snapshots, limited.Length, i => $"{task}=\"{tasks[limited[i]].Name}\",{RuntimeMetrics.LimitKindLabel}=\"estimate\"", (s, i) => s.Exceeded[limited[i]]);
        writer.Write("# EOF\n");
        return path;
    }

    private static void WriteCounter(StreamWriter writer, RuntimeMetric metric, List<Snapshot> snapshots, int series, Func<int, string> labels, Func<Snapshot, int, long> value)
    {
        if (series == 0) return;
        string family = metric.Name.EndsWith("_total", StringComparison.Ordinal) ? metric.Name[..^"_total".Length] : metric.Name;
        writer.Write($"# TYPE {family} counter\n");
        for (int i = 0; i < series; i++)
        {
            string l = labels(i);
            foreach (var snapshot in snapshots)
            {
                writer.Write($"{metric.Name}{{{l}}} {value(snapshot, i)} {snapshot.Seconds}\n");
            }
        }
    }

    private sealed record Snapshot(DateTimeOffset Time, long[][][] Buckets, long[][] Sums, long[][] Outcomes, long[] Exceeded)
    {
        public string Seconds { get; } = Time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }
}
