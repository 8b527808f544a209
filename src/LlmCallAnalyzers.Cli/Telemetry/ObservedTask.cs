using LlmCallAnalyzers.Cli.Statistics;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>What was observed of one task (by name) across all its invocations.</summary>
public sealed class ObservedTask
{
    internal ObservedTask(string name)
        : this(name, new CountHistogram())
    {
    }

    internal ObservedTask(string name, ICallDistribution calls)
    {
        Name = name;
        Calls = calls;
    }

    /// <summary>The task name.</summary>
    public string Name { get; }

    /// <summary>Model calls per invocation: exact from trace spans, histogram buckets from metrics.</summary>
    public ICallDistribution Calls { get; }

    /// <summary>
    /// Invocations the runtime itself counted as exceeding its estimate or [FanOut] (the <c>llm.task.estimate_exceeded</c>
    /// counter, read from metrics); null when not read.
    /// </summary>
    public long? RuntimeExceeded { get; internal set; }

    /// <summary>Invocations that completed.</summary>
    public long Succeeded { get; internal set; }

    /// <summary>Invocations that failed.</summary>
    public long Failed { get; internal set; }

    /// <summary>Invocations that were canceled (not in the success rate).</summary>
    public long Canceled { get; internal set; }

    /// <summary>All invocations seen.</summary>
    public long Instances => Succeeded + Failed + Canceled;

    /// <summary>Model calls of all invocations.</summary>
    public long TotalCalls { get; internal set; }

    /// <summary>Failed model calls of all invocations.</summary>
    public long TotalFailedCalls { get; internal set; }

    /// <summary>The last <c>llm.task.estimate.max_calls</c> the spans carried (-1 unbounded).</summary>
    public long? SpanEstimateMax { get; internal set; }

    /// <summary>The last <c>llm.task.estimate.min_calls</c> the spans carried.</summary>
    public long? SpanEstimateMin { get; internal set; }

    /// <summary>The last <c>llm.task.fan_out.max</c> the spans carried.</summary>
    public long? SpanFanOut { get; internal set; }

    /// <summary>The last <c>llm.task.slo.availability</c> the spans carried.</summary>
    public double? SpanSlo { get; internal set; }
}
