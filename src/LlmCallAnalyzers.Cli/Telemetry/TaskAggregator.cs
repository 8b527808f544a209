using System;
using System.Collections.Generic;
using LlmCallAnalyzers.Cli.Statistics;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>
/// Groups model-call spans under their task span and counts, per task name, the calls of each invocation and whether it
/// succeeded; counts calls and failures per provider and model.
/// </summary>
/// <remarks>
/// <para>Spans arrive in any order (exporters write children before parents; hand-written or re-sorted files may not),
/// so each trace's spans are buffered, each as a few integers (its parent, and an index to its task or call data),
/// until the trace is complete. Then every model call walks up its parent chain, at any depth, and counts for every
/// task span above it (as the runtime counts a call for every enclosing task), and the trace is dropped: nothing of a
/// finished trace is kept but the per-task histograms of calls per invocation (a few entries per task).</para>
/// <para>A trace is complete at the end of the input; or once <see cref="AggregatorLimits.RootedIdleSpans"/> further
/// spans have been read since its last span after its root span (no parent) arrived; or
/// <see cref="AggregatorLimits.UnrootedIdleSpans"/> if its root never arrives (it lives in another service's file). At most
/// <see cref="AggregatorLimits.MaxBufferedSpans"/> spans are buffered: beyond that the least recently touched trace is
/// completed early. Memory is thus bounded by the buffer, whatever the size of the input.</para>
/// <para>When the trace completes, every model call is also handed to the <see cref="IModelCallSink"/> given (the
/// cold-start collector) with its model, start, end and the task spans above it; a buffered call holds just those.</para>
/// <para>An invocation's calls are the model-call spans found below its task span, or the runtime's own
/// <c>llm.task.calls</c> attribute when that is larger (spans of the same trace cut off by an early completion, or
/// model-call spans not exported).</para>
/// </remarks>
public sealed class TaskAggregator
{
    private readonly AggregatorLimits _limits;
    private readonly IModelCallSink? _sink;
    private readonly List<ulong> _enclosingTasks = new();
    private readonly Dictionary<TraceId, TraceBuffer> _traces = new();
    private readonly LinkedList<TraceBuffer> _unrooted = new();
    private readonly LinkedList<TraceBuffer> _rooted = new();
    private readonly Dictionary<string, ObservedTask> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string?), ObservedModel> _models = new();
    private long _sequence;
    private int _buffered;

    /// <summary>Creates an aggregator.</summary>
    /// <param name="limits">The trace buffer's limits.</param>
    /// <param name="sink">Receives every model call once its trace is complete, with the task spans above it (cold starts).</param>
    public TaskAggregator(AggregatorLimits? limits = null, IModelCallSink? sink = null)
    {
        _limits = limits ?? new AggregatorLimits();
        _sink = sink;
    }

    /// <summary>Tasks observed, by name.</summary>
    public IReadOnlyDictionary<string, ObservedTask> Tasks => _tasks;

    /// <summary>Calls per provider and model.</summary>
    public IEnumerable<ObservedModel> Models => _models.Values;

    /// <summary>Model calls with no task span above them.</summary>
    public long CallsOutsideTasks { get; private set; }

    /// <summary>Spans read twice (same trace and span id while buffered), ignored.</summary>
    public long DuplicateSpans { get; private set; }

    /// <summary>Traces completed before the end of the input because the buffer was full.</summary>
    public long EarlyCompletions { get; private set; }

    /// <summary>The most spans buffered at any time.</summary>
    public int PeakBufferedSpans { get; private set; }

    /// <summary>Spans buffered now.</summary>
    public int BufferedSpans => _buffered;

    /// <summary>Adds one span.</summary>
    public void Add(SpanRecord span)
    {
        if (span is null) throw new ArgumentNullException(nameof(span));
        _sequence++;
        if (!_traces.TryGetValue(span.TraceId, out var trace))
        {
            trace = new TraceBuffer(span.TraceId);
            _traces.Add(span.TraceId, trace);
            trace.Node = _unrooted.AddLast(trace);
        }
        else if (trace.Spans.ContainsKey(span.SpanId))
        {
            DuplicateSpans++;
            return;
        }

        int index = -1;
        switch (span.Kind)
        {
            case SpanKind.Task:
                index = trace.TaskSpans.Count;
                trace.TaskSpans.Add(new PendingTask(Intern(span.TaskName!), span));
                break;
            case SpanKind.ModelCall:
                index = trace.Calls.Count;
                trace.Calls.Add(new BufferedCall(span, CountModel(span).Model));
                break;
        }

        trace.Spans.Add(span.SpanId, new BufferedSpan(span.ParentSpanId, span.Kind, index));
        _buffered++;
        if (_buffered > PeakBufferedSpans) PeakBufferedSpans = _buffered;
        trace.LastTouched = _sequence;
        var list = trace.HasRoot || span.ParentSpanId == 0 ? _rooted : _unrooted;
        trace.HasRoot |= span.ParentSpanId == 0;
        trace.Node!.List!.Remove(trace.Node);
        list.AddLast(trace.Node);

        CompleteIdleTraces();
        while (_buffered > _limits.MaxBufferedSpans && _traces.Count > 0)
        {
            var oldest = OldestTrace();
            EarlyCompletions++;
            Complete(oldest);
        }
    }

    /// <summary>Completes every buffered trace (at the end of the input).</summary>
    public void CompleteAll()
    {
        while (_traces.Count > 0)
        {
            Complete(OldestTrace());
        }
    }

    private TraceBuffer OldestTrace()
    {
        var a = _rooted.First?.Value;
        var b = _unrooted.First?.Value;
        if (a is null) return b!;
        if (b is null) return a;
        return a.LastTouched <= b.LastTouched ? a : b;
    }

    private void CompleteIdleTraces()
    {
        while (_rooted.First is { } first && _sequence - first.Value.LastTouched > _limits.RootedIdleSpans)
        {
            Complete(first.Value);
        }

        while (_unrooted.First is { } first && _sequence - first.Value.LastTouched > _limits.UnrootedIdleSpans)
        {
            Complete(first.Value);
        }
    }

    private void Complete(TraceBuffer trace)
    {
        _traces.Remove(trace.Id);
        trace.Node!.List!.Remove(trace.Node);
        _buffered -= trace.Spans.Count;

        var spanCalls = new long[trace.TaskSpans.Count];
        var spanFailed = new long[trace.TaskSpans.Count];
        if (trace.Calls.Count > 0)
        {
            foreach (var pair in trace.Spans)
            {
                if (pair.Value.Kind != SpanKind.ModelCall)
                {
                    continue;
                }

                var call = trace.Calls[pair.Value.Index];
                bool failed = call.Failed;
                _enclosingTasks.Clear();
                ulong parent = pair.Value.Parent;
                for (int steps = 0; parent != 0 && steps < 100_000 && trace.Spans.TryGetValue(parent, out var node); steps++)
                {
                    if (node.Kind == SpanKind.Task)
                    {
                        _enclosingTasks.Add(parent);
                        spanCalls[node.Index]++;
                        if (failed) spanFailed[node.Index]++;
                    }

                    parent = node.Parent;
                }

                if (_enclosingTasks.Count == 0)
                {
                    CallsOutsideTasks++;
                }

                _sink?.Add(new CompletedModelCall(trace.Id, call.Model, call.StartUnixNano, call.EndUnixNano, failed, call.Synthetic, call.TaggedColdStart), _enclosingTasks);
            }
        }

        for (int i = 0; i < trace.TaskSpans.Count; i++)
        {
            var pending = trace.TaskSpans[i];
            var span = pending.Span;
            if (!_tasks.TryGetValue(pending.Name, out var task))
            {
                task = new ObservedTask(pending.Name);
                _tasks.Add(pending.Name, task);
            }

            long calls = Math.Max(spanCalls[i], span.ReportedCalls ?? 0);
            long failedCalls = Math.Max(spanFailed[i], span.ReportedFailedCalls ?? 0);
            ((CountHistogram)task.Calls).Add(calls);
            task.TotalCalls += calls;
            task.TotalFailedCalls += failedCalls;
            switch (span.Outcome)
            {
                case TaskOutcome.Failure: task.Failed++; break;
                case TaskOutcome.Canceled: task.Canceled++; break;
                default: task.Succeeded++; break;
            }

            if (span.EstimateMaxCalls is long max) task.SpanEstimateMax = max;
            if (span.EstimateMinCalls is long min) task.SpanEstimateMin = min;
            if (span.FanOutMax is long fan) task.SpanFanOut = fan;
            if (span.Slo is double slo) task.SpanSlo = slo;
        }
    }

    private ObservedModel CountModel(SpanRecord span)
    {
        string provider = string.IsNullOrWhiteSpace(span.Provider) ? ProviderKeys.UnknownTelemetryProvider : span.Provider!;
        string? model = string.IsNullOrWhiteSpace(span.Model) ? null : span.Model;
        if (!_models.TryGetValue((provider, model), out var observed))
        {
            observed = new ObservedModel(provider, model);
            _models.Add((provider, model), observed);
        }

        observed.Calls++;
        if (span.Failed) observed.Failed++;
        return observed;
    }

    private string Intern(string name) => _tasks.TryGetValue(name, out var task) ? task.Name : name;

    private readonly struct BufferedSpan
    {
        public BufferedSpan(ulong parent, SpanKind kind, int index)
        {
            Parent = parent;
            Kind = kind;
            Index = index;
        }

        public ulong Parent { get; }

        public SpanKind Kind { get; }

        public int Index { get; }
    }

    /// <summary>What a buffered model call keeps: its outcome and, for the cold-start sink, its timing and model.</summary>
    private readonly struct BufferedCall
    {
        public BufferedCall(SpanRecord span, string? model)
        {
            Model = model;
            StartUnixNano = span.StartUnixNano;
            EndUnixNano = span.EndUnixNano;
            Failed = span.Failed;
            Synthetic = span.Synthetic;
            TaggedColdStart = span.TaggedColdStart;
        }

        public string? Model { get; }

        public long StartUnixNano { get; }

        public long EndUnixNano { get; }

        public bool Failed { get; }

        public bool Synthetic { get; }

        public bool TaggedColdStart { get; }
    }

    private readonly struct PendingTask
    {
        public PendingTask(string name, SpanRecord span)
        {
            Name = name;
            Span = span;
        }

        public string Name { get; }

        public SpanRecord Span { get; }
    }

    private sealed class TraceBuffer
    {
        public TraceBuffer(TraceId id) => Id = id;

        public TraceId Id { get; }

        public Dictionary<ulong, BufferedSpan> Spans { get; } = new();

        public List<PendingTask> TaskSpans { get; } = new();

        public List<BufferedCall> Calls { get; } = new();

        public bool HasRoot { get; set; }

        public long LastTouched { get; set; }

        public LinkedListNode<TraceBuffer>? Node { get; set; }
    }
}
