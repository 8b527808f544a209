using System;
using System.Collections.Generic;
using System.Linq;
using LlmCallAnalyzers.Model.ColdStarts;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>
/// One model's calls as the cold-start analysis needs them: when the model was busy (<see cref="BusyPeriods"/>, from
/// every call of every file) and a bounded sample of its successful calls (<see cref="ColdStartSampler"/>).
/// </summary>
public sealed class ModelCallTimeline
{
    private const double NanosPerDay = 86_400e9;
    private readonly BusyPeriods _busy;
    private readonly ColdStartSampler _samples;

    /// <summary>Creates the timeline of <paramref name="model"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="limits">The memory bounds.</param>
    public ModelCallTimeline(string model, ColdStartLimits limits)
    {
        if (limits is null) throw new ArgumentNullException(nameof(limits));
        Model = model;
        _busy = new BusyPeriods(limits.MaxBusyPeriodsPerModel);
        _samples = new ColdStartSampler(limits.SamplesPerGapOctave);
    }

    /// <summary>The model.</summary>
    public string Model { get; }

    /// <summary>Successful timed calls that are not keep-warm traffic.</summary>
    public long Calls { get; private set; }

    /// <summary>Keep-warm calls.</summary>
    public long SyntheticCalls { get; private set; }

    /// <summary>Failed calls.</summary>
    public long FailedCalls { get; private set; }

    /// <summary>Calls tagged <c>llm.cold_start</c> by the runtime.</summary>
    public long TaggedColdCalls { get; private set; }

    /// <summary>Task invocations with a call to the model (counted by <see cref="ColdStartCollector"/>).</summary>
    public long TasksWithCalls { get; internal set; }

    /// <summary>Busy periods kept (bounded).</summary>
    public int BusyPeriodCount => _busy.Count;

    /// <summary>Calls kept for the analysis (bounded).</summary>
    public int KeptCalls => _samples.Kept;

    /// <summary>Adds one timed call: every call makes the model busy; successful, non-synthetic ones are offered to the sample.</summary>
    /// <param name="call">The call (its end not before its start).</param>
    /// <param name="tasks">The task spans above it.</param>
    public void Add(in CompletedModelCall call, IReadOnlyList<ulong> tasks)
    {
        _busy.Add(call.StartUnixNano, call.EndUnixNano);
        if (call.TaggedColdStart) TaggedColdCalls++;
        if (call.Synthetic)
        {
            SyntheticCalls++;
        }
        else if (call.Failed)
        {
            FailedCalls++;
        }
        else
        {
            Calls++;
            double latencyMs = (call.EndUnixNano - call.StartUnixNano) / 1e6;
            _samples.Add(_busy.IdleGapBeforeMs(call.StartUnixNano), call.StartUnixNano, latencyMs, call.Trace, tasks);
        }
    }

    /// <summary>Runs the detector over the kept calls, with their idle gaps from all calls, and counts what the cold calls cost.</summary>
    /// <param name="options">The detector's options.</param>
    /// <returns>The result.</returns>
    public ModelColdStarts Analyze(ColdStartDetectorOptions options)
    {
        // Gaps are computed here, from every call of every file, not by the detector from the kept calls alone: a call
        // left out of the sample (or a failed or keep-warm one) still kept the model busy.
        var kept = _samples.Samples()
            .Select(s => (s.Sample, s.Weight, Gap: _busy.IdleGapBeforeMs(s.Sample.StartUnixNano)))
            .ToList();
        var analysis = ColdStartDetector.Analyze(
            kept.Select(k => new ColdStartObservation(DateTimeOffset.UnixEpoch.AddTicks(k.Sample.StartUnixNano / 100), k.Sample.LatencyMs, k.Gap)),
            options);

        long coldCalls = 0, tasksPaid = 0, tasksWithCalls = TasksWithCalls;
        bool exact = true;
        long? keepWarmRequests = null;
        if (analysis.HasColdStarts)
        {
            var cold = kept.Where(k => k.Gap is double gap && analysis.IsColdGap(gap)).ToList();
            double estimated = cold.Sum(k => k.Weight);
            var tasks = new HashSet<(TraceId, ulong)>();
            foreach (var k in cold)
            {
                foreach (ulong task in k.Sample.Tasks ?? Array.Empty<ulong>()) tasks.Add((k.Sample.Trace, task));
            }

            exact = _samples.KeptEveryCallLongerThan(analysis.IdleThresholdMs!.Value);
            coldCalls = (long)Math.Round(estimated);
            tasksPaid = exact || cold.Count == 0 ? tasks.Count : (long)Math.Round(tasks.Count * estimated / cold.Count);
            tasksPaid = Math.Min(tasksPaid, tasksWithCalls);
            keepWarmRequests = KeepWarmRequests(analysis.KeepWarm!.IntervalMs);
        }

        return new ModelColdStarts
        {
            Model = Model,
            Analysis = analysis,
            Calls = Calls,
            KeptCalls = _samples.Kept,
            Sampled = _samples.Sampled,
            SyntheticCalls = SyntheticCalls,
            FailedCalls = FailedCalls,
            TaggedColdCalls = TaggedColdCalls,
            ColdCalls = coldCalls,
            ColdCountsExact = exact,
            TasksWithCalls = tasksWithCalls,
            TasksPaid = tasksPaid,
            MergedGapMs = _busy.MergedGapNanos / 1e6,
            ObservedDays = _busy.Count == 0 ? 0 : (_busy.LastEnd - _busy.FirstStart) / NanosPerDay,
            KeepWarmObservedRequests = keepWarmRequests,
        };
    }

    /// <summary>Σ over the observed idle gaps g longer than the interval of ⌈g / interval⌉ − 1.</summary>
    private long KeepWarmRequests(double intervalMs)
    {
        if (!(intervalMs > 0)) return 0;
        double intervalNanos = intervalMs * 1e6;
        long requests = 0;
        foreach (long gap in _busy.IdleGaps())
        {
            if (gap > intervalNanos) requests += (long)Math.Ceiling(gap / intervalNanos) - 1;
        }

        return requests;
    }
}
