using System;

namespace LlmCallAnalyzers.Runtime;

/// <summary>Data of <see cref="LlmTask.EstimateExceeded"/>.</summary>
public sealed class LlmTaskEstimateExceededEventArgs : EventArgs
{
    internal LlmTaskEstimateExceededEventArgs(string taskName, LlmTaskLimitKind kind, int limit, int observedCalls, long suppressed)
    {
        TaskName = taskName;
        Kind = kind;
        Limit = limit;
        ObservedCalls = observedCalls;
        SuppressedSinceLastReport = suppressed;
    }

    /// <summary>The task name.</summary>
    public string TaskName { get; }

    /// <summary>Which bound was exceeded.</summary>
    public LlmTaskLimitKind Kind { get; }

    /// <summary>The bound.</summary>
    public int Limit { get; }

    /// <summary>The calls the task had made when it crossed the bound (the bound + 1).</summary>
    public int ObservedCalls { get; }

    /// <summary>How many exceeding tasks of this name and kind were not reported since the last report (rate limit).</summary>
    public long SuppressedSinceLastReport { get; }
}
