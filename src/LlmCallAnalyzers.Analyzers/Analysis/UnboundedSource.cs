using System.Collections.Concurrent;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>A place that makes a task's fan-out unbounded: a loop with no bound or a recursive call.</summary>
internal sealed class UnboundedSource
{
    public UnboundedSource(Location location, string description, bool isRecursion = false)
    {
        Location = location;
        Description = description;
        IsRecursion = isRecursion;
    }

    /// <summary>A recursive call (else a loop, or a LINQ / Parallel call that loops over its source).</summary>
    public bool IsRecursion { get; }

    public Location Location { get; }

    public string Description { get; }

    /// <summary>LLM calls one iteration of the loop (one level of the recursion) makes at most, when known.</summary>
    public long? CallsPerIteration { get; set; }
}
