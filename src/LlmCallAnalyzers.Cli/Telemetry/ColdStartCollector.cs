using System;
using System.Collections.Generic;
using System.Linq;
using LlmCallAnalyzers.Model.ColdStarts;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>
/// Collects, per model, what the cold-start detector needs from the model-call spans of every file: when the model was
/// busy and a bounded sample of its calls (start, latency, the tasks above it). Never whole spans.
/// </summary>
public sealed class ColdStartCollector : IModelCallSink
{
    // Spans that start before 2000 carry no real timestamp (0, or a clock that was never set).
    private const long EarliestPlausibleUnixNano = 946_684_800L * 1_000_000_000L;

    private readonly ColdStartLimits _limits;
    private readonly Dictionary<string, ModelCallTimeline> _models = new(StringComparer.Ordinal);
    private readonly HashSet<(ModelCallTimeline, ulong)> _traceTasks = new();
    private TraceId? _trace;

    /// <summary>Creates a collector.</summary>
    /// <param name="limits">The memory bounds; the defaults when null.</param>
    public ColdStartCollector(ColdStartLimits? limits = null) => _limits = limits ?? new ColdStartLimits();

    /// <summary>Model calls without a start and end time (not analyzed).</summary>
    public long UntimedCalls { get; private set; }

    /// <summary>Model calls that name no model (not analyzed).</summary>
    public long CallsWithoutModel { get; private set; }

    /// <summary>Calls to models beyond <see cref="ColdStartLimits.MaxModels"/> (not analyzed).</summary>
    public long UntrackedCalls { get; private set; }

    /// <summary>The models tracked.</summary>
    public IEnumerable<ModelCallTimeline> Models => _models.Values;

    /// <inheritdoc/>
    public void Add(in CompletedModelCall call, IReadOnlyList<ulong> enclosingTasks)
    {
        if (enclosingTasks is null) throw new ArgumentNullException(nameof(enclosingTasks));
        if (call.Model is null)
        {
            CallsWithoutModel++;
            return;
        }

        if (!_models.TryGetValue(call.Model, out var timeline))
        {
            if (_models.Count >= _limits.MaxModels)
            {
                UntrackedCalls++;
                return;
            }

            timeline = new ModelCallTimeline(call.Model, _limits);
            _models.Add(call.Model, timeline);
        }

        // The aggregator hands over a trace's calls together: count each task once per model within it.
        if (_trace != call.Trace)
        {
            _trace = call.Trace;
            _traceTasks.Clear();
        }

        foreach (ulong task in enclosingTasks)
        {
            if (_traceTasks.Add((timeline, task))) timeline.TasksWithCalls++;
        }

        if (call.StartUnixNano < EarliestPlausibleUnixNano || call.EndUnixNano < call.StartUnixNano)
        {
            UntimedCalls++;
            return;
        }

        timeline.Add(call, enclosingTasks);
    }

    /// <summary>Analyzes every model with at least one analyzable call, by model name (ordinal).</summary>
    /// <param name="options">The detector's options; its defaults when null.</param>
    /// <returns>One result per model.</returns>
    public IReadOnlyList<ModelColdStarts> Analyze(ColdStartDetectorOptions? options = null)
    {
        options ??= ColdStartDetectorOptions.Default;
        return _models.Values
            .Where(m => m.Calls > 0)
            .OrderBy(m => m.Model, StringComparer.Ordinal)
            .Select(m => m.Analyze(options))
            .ToList();
    }
}
