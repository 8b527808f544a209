using System;

namespace LlmCallAnalyzers;

/// <summary>
/// The static estimate of one task, written into the compiled assembly by the LlmCallAnalyzers source generator so
/// that the runtime and the <c>llmslo</c> CLI can compare what production observes with what the build predicted.
/// Not meant to be written by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class LlmTaskEstimateAttribute : Attribute
{
    /// <summary>Records one task's estimate.</summary>
    /// <param name="task">The task name, <c>Namespace.Type.Method</c>.</param>
    /// <param name="minCalls">The fewest LLM calls one invocation makes.</param>
    /// <param name="maxCalls">The most LLM calls one invocation makes; -1 when unbounded.</param>
    /// <param name="availability">The composed worst-case availability.</param>
    /// <param name="slo">The declared <see cref="TaskSloAttribute.Availability"/>; 0 when none.</param>
    public LlmTaskEstimateAttribute(string task, int minCalls, int maxCalls, double availability, double slo)
    {
        Task = task;
        MinCalls = minCalls;
        MaxCalls = maxCalls;
        Availability = availability;
        Slo = slo;
    }

    /// <summary>The task name, <c>Namespace.Type.Method</c>.</summary>
    public string Task { get; }

    /// <summary>The fewest LLM calls one invocation makes.</summary>
    public int MinCalls { get; }

    /// <summary>The most LLM calls one invocation makes; -1 when unbounded.</summary>
    public int MaxCalls { get; }

    /// <summary>The composed worst-case availability.</summary>
    public double Availability { get; }

    /// <summary>The declared availability SLO; 0 when none.</summary>
    public double Slo { get; }

    /// <summary>The declared <see cref="FanOutAttribute.Max"/>; -1 when none.</summary>
    public int DeclaredFanOut { get; set; } = -1;

    /// <summary>The estimated p99 latency of the task in milliseconds; 0 when not estimated.</summary>
    public int LatencyP99Ms { get; set; }
}
