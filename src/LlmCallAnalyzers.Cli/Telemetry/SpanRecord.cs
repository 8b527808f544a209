namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>The fields of one OTLP span that <c>llmslo confirm</c> uses; everything else is dropped while reading.</summary>
public sealed class SpanRecord
{
    /// <summary>The trace.</summary>
    public TraceId TraceId { get; init; }

    /// <summary>The span.</summary>
    public ulong SpanId { get; init; }

    /// <summary>The parent span; 0 for a root span.</summary>
    public ulong ParentSpanId { get; init; }

    /// <summary>What the span is.</summary>
    public SpanKind Kind { get; init; }

    /// <summary>Task spans: <c>llm.task.name</c>.</summary>
    public string? TaskName { get; init; }

    /// <summary>Task spans: how the task ended.</summary>
    public TaskOutcome Outcome { get; init; }

    /// <summary>Task spans: <c>llm.task.calls</c>, the runtime's own count.</summary>
    public long? ReportedCalls { get; init; }

    /// <summary>Task spans: <c>llm.task.failed_calls</c>.</summary>
    public long? ReportedFailedCalls { get; init; }

    /// <summary>Task spans: <c>llm.task.estimate.max_calls</c> (-1 unbounded).</summary>
    public long? EstimateMaxCalls { get; init; }

    /// <summary>Task spans: <c>llm.task.estimate.min_calls</c>.</summary>
    public long? EstimateMinCalls { get; init; }

    /// <summary>Task spans: <c>llm.task.fan_out.max</c>.</summary>
    public long? FanOutMax { get; init; }

    /// <summary>Task spans: <c>llm.task.slo.availability</c>.</summary>
    public double? Slo { get; init; }

    /// <summary>Model calls: <c>gen_ai.operation.name</c>.</summary>
    public string? Operation { get; init; }

    /// <summary>Model calls: <c>gen_ai.provider.name</c> (or the older <c>gen_ai.system</c>).</summary>
    public string? Provider { get; init; }

    /// <summary>Model calls: <c>gen_ai.request.model</c> (or <c>gen_ai.response.model</c>).</summary>
    public string? Model { get; init; }

    /// <summary>Model calls: <c>error.type</c> set or an error status.</summary>
    public bool Failed { get; init; }

    /// <summary>Model calls: <c>startTimeUnixNano</c>; 0 when absent.</summary>
    public long StartUnixNano { get; init; }

    /// <summary>Model calls: <c>endTimeUnixNano</c>; 0 when absent.</summary>
    public long EndUnixNano { get; init; }

    /// <summary>Model calls: <c>llm.synthetic = true</c> (keep-warm traffic).</summary>
    public bool Synthetic { get; init; }

    /// <summary>Model calls: <c>llm.cold_start = true</c> (the runtime's own per-process tag).</summary>
    public bool TaggedColdStart { get; init; }
}
