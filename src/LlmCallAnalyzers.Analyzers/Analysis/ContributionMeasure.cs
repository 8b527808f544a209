using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>What a contribution to a task's figure is measured in.</summary>
internal enum ContributionMeasure
{
    /// <summary>Worst-case calls, every attempt of a retry counted (<see cref="TreeEstimate.MaxCalls"/>).</summary>
    Calls,

    /// <summary>Worst-case essential calls, a retried call counted once (<see cref="TreeEstimate.EssentialCalls"/>).</summary>
    EssentialCalls,

    /// <summary>p99 latency in milliseconds on the worst path (sequential iterations add, parallel branches take the slowest).</summary>
    Latency,
}
