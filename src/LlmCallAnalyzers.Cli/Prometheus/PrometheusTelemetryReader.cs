using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Cli.Estimates;
using LlmCallAnalyzers.Cli.Loading;
using LlmCallAnalyzers.Cli.Statistics;
using LlmCallAnalyzers.Cli.Telemetry;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>
/// Reads the runtime's task metrics from Prometheus over a window and builds the same <see cref="ConfirmResult"/> that
/// trace files give: per task the calls-per-invocation histogram (to bucket resolution), the outcomes and the runtime's
/// own exceeded count; per model the cold starts and keep-warm traffic the runtime counted.
/// </summary>
public static class PrometheusTelemetryReader
{
    /// <summary>Runs the queries and compares the tasks with <paramref name="embedded"/>.</summary>
    public static async Task<ConfirmResult> ConfirmAsync(PrometheusClient client, QueryWindow window, string? selector, IReadOnlyList<EmbeddedEstimate> embedded, IProgressReporter progress, CancellationToken cancellationToken)
    {
        var queries = new RuntimeQueries(selector, window.Range);
        progress.Report($"Querying {client.BaseUrl} over {window.Range} ending {window.End:yyyy-MM-dd HH:mm:ss} UTC");
        var buckets = await client.QueryAsync(queries.CallBuckets, window.End, cancellationToken).ConfigureAwait(false);
        var outcomes = await client.QueryAsync(queries.Outcomes, window.End, cancellationToken).ConfigureAwait(false);
        if (buckets.Count == 0 && outcomes.Count == 0)
        {
            string matchers = RuntimeQueries.NormalizeSelector(selector);
            throw new CliException(
                $"{client.BaseUrl}: no {RuntimeMetrics.TaskOutcome.Name} or {RuntimeMetrics.TaskCalls.Bucket} series{(matchers.Length > 0 ? " matching {" + matchers + "}" : string.Empty)} "
                + $"in the {window.Range} before {window.End:yyyy-MM-ddTHH:mm:ssZ}: is the meter \"LlmCallAnalyzers\" exported to this Prometheus (docs/runtime.md)?");
        }

        var totals = await client.QueryAsync(queries.CallTotals, window.End, cancellationToken).ConfigureAwait(false);
        var exceeded = await client.QueryAsync(queries.Exceeded, window.End, cancellationToken).ConfigureAwait(false);
        var tasks = BuildTasks(buckets, outcomes, totals, exceeded);

        progress.Report("Querying model calls, cold starts and keep-warm traffic");
        var calls = await client.QueryAsync(queries.ModelCalls, window.End, cancellationToken).ConfigureAwait(false);
        var cold = await client.QueryAsync(queries.ColdStarts, window.End, cancellationToken).ConfigureAwait(false);
        var keepWarm = await client.QueryAsync(queries.KeepWarmRequests, window.End, cancellationToken).ConfigureAwait(false);
        var tokens = await client.QueryAsync(queries.KeepWarmTokens, window.End, cancellationToken).ConfigureAwait(false);
        var models = BuildColdStarts(cold, keepWarm, tokens, (window.End - window.Start).TotalDays);

        var source = new MetricsSource
        {
            Url = client.BaseUrl.ToString(),
            Start = window.Start,
            End = window.End,
            Selector = selector,
            Queries = client.Queries,
            Series = client.Series,
        };
        return ConfirmResult.FromMetrics(tasks, BuildModels(calls), embedded, source, models);
    }

    /// <summary>Per task: buckets, outcomes, total calls and the runtime's exceeded count; tasks with no invocation in the window are left out.</summary>
    public static Dictionary<string, ObservedTask> BuildTasks(IReadOnlyList<VectorSample> buckets, IReadOnlyList<VectorSample> outcomes, IReadOnlyList<VectorSample> totals, IReadOnlyList<VectorSample> exceeded)
    {
        string task = RuntimeMetrics.TaskNameLabel;
        var byTask = buckets
            .GroupBy(s => s.Label(task), StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => new BucketedCallCounts(g.Select(s => new KeyValuePair<double, double>(UpperBound(s.Label(RuntimeMetrics.BucketLabel)), s.Value))),
                StringComparer.Ordinal);
        var names = new SortedSet<string>(byTask.Keys, StringComparer.Ordinal);
        names.UnionWith(outcomes.Select(s => s.Label(task)));

        var result = new Dictionary<string, ObservedTask>(StringComparer.Ordinal);
        foreach (string name in names.Where(n => n.Length > 0))
        {
            var observed = new ObservedTask(name, byTask.TryGetValue(name, out var calls) ? calls : new BucketedCallCounts(Array.Empty<KeyValuePair<double, double>>()));
            foreach (var sample in outcomes.Where(s => s.Label(task) == name))
            {
                long count = Whole(sample.Value);
                switch (sample.Label(RuntimeMetrics.TaskOutcomeLabel))
                {
                    case RuntimeMetrics.Failure: observed.Failed += count; break;
                    case RuntimeMetrics.Canceled: observed.Canceled += count; break;
                    default: observed.Succeeded += count; break;
                }
            }

            observed.TotalCalls = totals.Where(s => s.Label(task) == name).Sum(s => Whole(s.Value));
            observed.RuntimeExceeded = exceeded.Where(s => s.Label(task) == name).Sum(s => Whole(s.Value));
            if (observed.Instances > 0 || observed.Calls.Total > 0)
            {
                result.Add(name, observed);
            }
        }

        return result;
    }

    /// <summary>Calls and failed calls per provider and model ("unknown" provider when the label is absent, as from spans).</summary>
    public static List<ObservedModel> BuildModels(IReadOnlyList<VectorSample> calls)
    {
        var models = new Dictionary<(string, string?), ObservedModel>();
        foreach (var sample in calls)
        {
            string provider = sample.Label(RuntimeMetrics.ProviderLabel);
            string model = sample.Label(RuntimeMetrics.ModelLabel);
            var key = (provider.Length == 0 ? ProviderKeys.UnknownTelemetryProvider : provider, model.Length == 0 ? null : model);
            if (!models.TryGetValue(key, out var observed))
            {
                observed = new ObservedModel(key.Item1, key.Item2);
                models.Add(key, observed);
            }

            long count = Whole(sample.Value);
            observed.Calls += count;
            if (sample.Label(RuntimeMetrics.ErrorTypeLabel).Length > 0) observed.Failed += count;
        }

        return models.Values.Where(m => m.Calls > 0).ToList();
    }

    private static List<RuntimeColdStarts> BuildColdStarts(IReadOnlyList<VectorSample> cold, IReadOnlyList<VectorSample> keepWarm, IReadOnlyList<VectorSample> tokens, double days)
    {
        string model = RuntimeMetrics.ModelLabel;
        var names = new SortedSet<string>(cold.Concat(keepWarm).Concat(tokens).Select(s => s.Label(model)), StringComparer.Ordinal);
        var result = new List<RuntimeColdStarts>();
        foreach (string name in names.Where(n => n.Length > 0))
        {
            var entry = new RuntimeColdStarts
            {
                Model = name,
                Days = days,
                ColdCalls = cold.Where(s => s.Label(model) == name).Sum(s => Whole(s.Value)),
                KeepWarmRequests = keepWarm.Where(s => s.Label(model) == name).Sum(s => Whole(s.Value)),
                KeepWarmFailed = keepWarm.Where(s => s.Label(model) == name && s.Label(RuntimeMetrics.KeepWarmOutcomeLabel) == RuntimeMetrics.Failure).Sum(s => Whole(s.Value)),
                KeepWarmInputTokens = tokens.Where(s => s.Label(model) == name && s.Label(RuntimeMetrics.TokenTypeLabel) == TelemetryNames.TokenTypeInput).Sum(s => Whole(s.Value)),
                KeepWarmOutputTokens = tokens.Where(s => s.Label(model) == name && s.Label(RuntimeMetrics.TokenTypeLabel) == TelemetryNames.TokenTypeOutput).Sum(s => Whole(s.Value)),
            };
            if (entry.ColdCalls > 0 || entry.KeepWarmRequests > 0)
            {
                result.Add(entry);
            }
        }

        return result;
    }

    /// <summary>A bucket's <c>le</c>: "12", "12.0", "1.2e+01" or "+Inf".</summary>
    private static double UpperBound(string le)
        => le is "+Inf" or "Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary><c>increase()</c> extrapolates to the window's edges: its counts are rounded to whole invocations.</summary>
    private static long Whole(double value) => double.IsNaN(value) || value <= 0 ? 0 : (long)Math.Round(value, MidpointRounding.AwayFromZero);
}
