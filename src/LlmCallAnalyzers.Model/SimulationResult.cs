using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Model;

/// <summary>The outcome of a Monte Carlo run over a task's call tree.</summary>
public sealed class SimulationResult
{
    internal SimulationResult(int tasks, int succeeded, long[] callCounts)
    {
        Tasks = tasks;
        Succeeded = succeeded;
        CallCounts = callCounts;
    }

    /// <summary>Simulated task runs.</summary>
    public int Tasks { get; }

    /// <summary>Runs in which every essential call succeeded.</summary>
    public int Succeeded { get; }

    /// <summary>Observed success rate.</summary>
    public double SuccessRate => Tasks == 0 ? 0 : (double)Succeeded / Tasks;

    /// <summary>Standard error of the success rate: √(p(1 − p)/n).</summary>
    public double StandardError => Tasks == 0 ? 0 : Math.Sqrt(SuccessRate * (1 - SuccessRate) / Tasks);

    /// <summary>Model requests made by each run (attempts included), sorted ascending.</summary>
    public IReadOnlyList<long> CallCounts { get; }

    /// <summary>The <paramref name="q"/>-quantile (0..1) of requests per run (nearest rank).</summary>
    public long CallQuantile(double q)
    {
        if (CallCounts.Count == 0) return 0;
        int index = (int)Math.Ceiling(q * CallCounts.Count) - 1;
        return CallCounts[Math.Max(0, Math.Min(CallCounts.Count - 1, index))];
    }
}
