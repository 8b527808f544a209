using System;
using System.Collections.Generic;
using System.Linq;
using LlmCallAnalyzers.Cli.Statistics;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>Everything <c>llmslo confirm</c> found.</summary>
public sealed class ConfirmResult
{
    internal ConfirmResult(IReadOnlyList<TaskConfirmation> tasks, IReadOnlyList<ObservedModel> models, IReadOnlyList<AvailabilityMeasurement> availability, TelemetryReadStats stats, TaskAggregator aggregator, IReadOnlyList<string> files, IReadOnlyList<ModelColdStarts> coldStarts)
    {
        ColdStarts = coldStarts;
        Tasks = tasks;
        Models = models;
        Availability = availability;
        Stats = stats;
        CallsOutsideTasks = aggregator.CallsOutsideTasks;
        DuplicateSpans = aggregator.DuplicateSpans;
        EarlyCompletions = aggregator.EarlyCompletions;
        PeakBufferedSpans = aggregator.PeakBufferedSpans;
        Files = files;
    }

    private ConfirmResult(IReadOnlyList<TaskConfirmation> tasks, IReadOnlyList<ObservedModel> models, MetricsSource source, IReadOnlyList<RuntimeColdStarts> runtimeColdStarts)
    {
        Tasks = tasks;
        Models = models;
        Availability = MeasureAvailability(models);
        Stats = new TelemetryReadStats();
        Files = Array.Empty<string>();
        ColdStarts = Array.Empty<ModelColdStarts>();
        Metrics = source;
        RuntimeColdStarts = runtimeColdStarts;
    }

    /// <summary>Per task, ordered by name.</summary>
    public IReadOnlyList<TaskConfirmation> Tasks { get; }

    /// <summary>Calls per telemetry provider and model.</summary>
    public IReadOnlyList<ObservedModel> Models { get; }

    /// <summary>Measured availability per analyzer key (and model).</summary>
    public IReadOnlyList<AvailabilityMeasurement> Availability { get; }

    /// <summary>Cold starts per model (a finding, never a failure: they do not change the exit code).</summary>
    public IReadOnlyList<ModelColdStarts> ColdStarts { get; }

    /// <summary>
    /// Cold starts and keep-warm traffic per model as the runtime counted them (<c>llm.cold_start.calls</c>,
    /// <c>llm.keepwarm.*</c>), when read from metrics; empty from trace files, where <see cref="ColdStarts"/> holds the
    /// analysis of the spans.
    /// </summary>
    public IReadOnlyList<RuntimeColdStarts> RuntimeColdStarts { get; } = Array.Empty<RuntimeColdStarts>();

    /// <summary>Where the figures came from when read from a metrics backend (Prometheus); null for trace files.</summary>
    public MetricsSource? Metrics { get; }

    /// <summary>What was read.</summary>
    public TelemetryReadStats Stats { get; }

    /// <summary>The telemetry files.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Model calls with no task span above them.</summary>
    public long CallsOutsideTasks { get; }

    /// <summary>Spans seen twice.</summary>
    public long DuplicateSpans { get; }

    /// <summary>Traces completed early because the buffer was full.</summary>
    public long EarlyCompletions { get; }

    /// <summary>The most spans buffered at once.</summary>
    public int PeakBufferedSpans { get; }

    /// <summary>Total model calls seen.</summary>
    public long ModelCalls => Models.Sum(m => m.Calls);

    /// <summary>True when a task is exceeded or below its SLO.</summary>
    public bool AnyFails => Tasks.Any(t => t.Fails);

    /// <summary>Combines the aggregate with the embedded estimates and the cold starts found.</summary>
    public static ConfirmResult Create(TaskAggregator aggregator, IReadOnlyList<EmbeddedEstimate> estimates, TelemetryReadStats stats, IReadOnlyList<string> files, IReadOnlyList<ModelColdStarts>? coldStarts = null)
    {
        var byName = new Dictionary<string, EmbeddedEstimate>(StringComparer.Ordinal);
        foreach (var estimate in estimates)
        {
            byName[estimate.Task] = estimate;
        }

        var names = new SortedSet<string>(aggregator.Tasks.Keys, StringComparer.Ordinal);
        names.UnionWith(byName.Keys);
        var tasks = names
            .Select(n => new TaskConfirmation(n, aggregator.Tasks.TryGetValue(n, out var o) ? o : null, byName.TryGetValue(n, out var e) ? e : null))
            .ToList();
        var models = aggregator.Models.OrderBy(m => m.Provider, StringComparer.Ordinal).ThenBy(m => m.Model, StringComparer.Ordinal).ToList();
        return new ConfirmResult(tasks, models, MeasureAvailability(models), stats, aggregator, files, coldStarts ?? Array.Empty<ModelColdStarts>());
    }

    /// <summary>Combines tasks and models read from metrics with the embedded estimates.</summary>
    public static ConfirmResult FromMetrics(IReadOnlyDictionary<string, ObservedTask> observed, IReadOnlyList<ObservedModel> models, IReadOnlyList<EmbeddedEstimate> estimates, MetricsSource source, IReadOnlyList<RuntimeColdStarts> coldStarts)
    {
        var byName = new Dictionary<string, EmbeddedEstimate>(StringComparer.Ordinal);
        foreach (var estimate in estimates)
        {
            byName[estimate.Task] = estimate;
        }

        var names = new SortedSet<string>(observed.Keys, StringComparer.Ordinal);
        names.UnionWith(byName.Keys);
        var tasks = names
            .Select(n => new TaskConfirmation(n, observed.TryGetValue(n, out var o) ? o : null, byName.TryGetValue(n, out var e) ? e : null))
            .ToList();
        var ordered = models.OrderBy(m => m.Provider, StringComparer.Ordinal).ThenBy(m => m.Model, StringComparer.Ordinal).ToList();
        return new ConfirmResult(tasks, ordered, source, coldStarts);
    }

    private static List<AvailabilityMeasurement> MeasureAvailability(IReadOnlyList<ObservedModel> models)
    {
        var result = new List<AvailabilityMeasurement>();
        var known = models.Select(m => (Key: ProviderKeys.ToAnalyzerKey(m.Provider), Model: m)).Where(x => x.Key is not null).ToList();
        foreach (var provider in known.GroupBy(x => x.Key!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var names = provider.Select(x => x.Model.Provider).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
            result.Add(new AvailabilityMeasurement(provider.Key, null, provider.Sum(x => x.Model.Calls), provider.Sum(x => x.Model.Failed), names));
            foreach (var model in provider.Where(x => x.Model.Model is not null && ProviderKeys.IsModelText(x.Model.Model)).GroupBy(x => x.Model.Model!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                result.Add(new AvailabilityMeasurement(provider.Key, model.Key, model.Sum(x => x.Model.Calls), model.Sum(x => x.Model.Failed), names));
            }
        }

        if (models.Count > 0)
        {
            var allNames = models.Select(m => m.Provider).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
            long calls = models.Sum(m => m.Calls), failed = models.Sum(m => m.Failed);
            foreach (var key in ProviderKeys.AbstractionKeys)
            {
                result.Add(new AvailabilityMeasurement(key, null, calls, failed, allNames));
                if (key != ProviderKeys.ChatClient)
                {
                    continue;
                }

                // IChatClient call sites name a model when the code does (ChatOptions.ModelId): measured per model too.
                foreach (var group in models.Where(m => m.Model is not null && ProviderKeys.IsModelText(m.Model)).GroupBy(m => m.Model!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    result.Add(new AvailabilityMeasurement(key, group.Key, group.Sum(m => m.Calls), group.Sum(m => m.Failed), group.Select(m => m.Provider).Distinct(StringComparer.Ordinal).ToList()));
                }
            }
        }

        return result;
    }
}
