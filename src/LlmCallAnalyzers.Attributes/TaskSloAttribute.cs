using System;

namespace LlmCallAnalyzers;

/// <summary>
/// Declares the service level objective of one user task: the share of invocations that must succeed
/// (and optionally the p99 latency). LlmCallAnalyzers composes the LLM calls the method makes and warns
/// (LLM003, LLM004) when the declared objective cannot be met.
/// </summary>
/// <remarks>An availability outside (0, 1] is reported at compile time (LLM007).</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TaskSloAttribute : Attribute
{
    /// <summary>Declares the task's availability target, e.g. <c>0.995</c> for 99.5 %.</summary>
    /// <param name="availability">The share of task invocations that must succeed, in (0, 1].</param>
    public TaskSloAttribute(double availability) => Availability = availability;

    /// <summary>The share of task invocations that must succeed, in (0, 1].</summary>
    public double Availability { get; }

    /// <summary>The p99 latency budget of the whole task in milliseconds; 0 when none is declared.</summary>
    public int LatencyP99Ms { get; set; }
}
