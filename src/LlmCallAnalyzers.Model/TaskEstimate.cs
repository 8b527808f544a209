namespace LlmCallAnalyzers.Model;

/// <summary>The figures of one task: its tree's estimate with outages and cold starts applied once per task.</summary>
public sealed class TaskEstimate
{
    internal TaskEstimate(TreeEstimate tree, double? availability, double outageFactor, double? latencyP99Ms)
    {
        Tree = tree;
        Availability = availability;
        OutageFactor = outageFactor;
        LatencyP99Ms = latencyP99Ms;
    }

    /// <summary>The raw figures of the tree.</summary>
    public TreeEstimate Tree { get; }

    /// <summary>The fewest model requests.</summary>
    public long MinCalls => Tree.MinCalls;

    /// <summary>The most model requests; null when unbounded.</summary>
    public long? MaxCalls => Tree.MaxCalls;

    /// <summary>True when the number of calls is unbounded.</summary>
    public bool IsUnbounded => Tree.IsUnbounded;

    /// <summary>The most essential logical calls; null when unbounded.</summary>
    public long? EssentialCalls => Tree.EssentialCalls;

    /// <summary>
    /// Worst-case task availability: Π(1 − p_eff) over essential calls × Π(1 − o) over distinct providers; null when
    /// unbounded. When a fallback spans providers and outages are configured, the outage states of the fallback's
    /// providers are conditioned on rather than multiplied (see <see cref="CallTreeEvaluator.EvaluateTask"/>).
    /// </summary>
    public double? Availability { get; }

    /// <summary>
    /// The factor that provider outages contribute, <see cref="Availability"/> / <see cref="TreeEstimate.CallAvailability"/>
    /// (1 when <c>provider_outage</c> is 0; Π(1 − o) over distinct providers when no fallback spans providers).
    /// </summary>
    public double OutageFactor { get; }

    /// <summary>Worst-case p99 latency estimate including one cold start per fine-tuned model; null when unbounded.</summary>
    public double? LatencyP99Ms { get; }

    /// <summary>True when the availability meets <paramref name="target"/> (a task whose availability is unknown — unbounded essential fan-out — never does).</summary>
    public bool Meets(double target) => Availability is double a && a >= target - 1e-12;
}
