namespace LlmCallAnalyzers.Model.Contracts;

/// <summary>
/// One task's static estimate as the build embeds it (<c>[assembly: LlmTaskEstimate]</c>, see
/// <see cref="EmbeddedEstimateAttribute"/>) and as the runtime and <c>llmslo confirm</c> read it back.
/// </summary>
public sealed class EmbeddedEstimate
{
    /// <summary>Creates the estimate; the sentinels are those of the attribute (-1 unbounded or none, 0 none).</summary>
    public EmbeddedEstimate(string task, int minCalls, int maxCalls, double availability, double slo, int declaredFanOut = -1, int latencyP99Ms = 0)
    {
        Task = task;
        MinCalls = minCalls;
        MaxCalls = maxCalls;
        Availability = availability;
        Slo = slo;
        DeclaredFanOut = declaredFanOut;
        LatencyP99Ms = latencyP99Ms;
    }

    /// <summary>The task name, <c>Namespace.Type.Method</c>.</summary>
    public string Task { get; }

    /// <summary>The fewest LLM calls one invocation makes.</summary>
    public int MinCalls { get; }

    /// <summary>The most LLM calls one invocation makes; -1 when unbounded.</summary>
    public int MaxCalls { get; }

    /// <summary>The composed worst-case availability (0 when unbounded).</summary>
    public double Availability { get; }

    /// <summary>The declared availability SLO; 0 when none.</summary>
    public double Slo { get; }

    /// <summary>The declared <c>[FanOut]</c>; -1 when none.</summary>
    public int DeclaredFanOut { get; }

    /// <summary>The estimated p99 latency in milliseconds; 0 when not estimated.</summary>
    public int LatencyP99Ms { get; }

    /// <summary>True when the estimate bounds the calls.</summary>
    public bool IsBounded => MaxCalls >= 0;

    /// <summary>The most calls an invocation may make (<see cref="TaskCallLimit.Of"/>); null when nothing bounds them.</summary>
    public long? CallLimit => TaskCallLimit.Of(MaxCalls, DeclaredFanOut);
}
