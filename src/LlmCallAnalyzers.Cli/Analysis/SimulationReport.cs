using System;
using System.Collections.Generic;
using System.Linq;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Cli.Statistics;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Cli.Analysis;

/// <summary>How <c>llmslo simulate</c> runs the model.</summary>
public sealed class SimulationSettings
{
    /// <summary>Simulated runs per task.</summary>
    public int Runs { get; init; } = 10_000;

    /// <summary>The seed (runs are reproducible).</summary>
    public int Seed { get; init; } = 12345;

    /// <summary>Overrides <c>provider_outage</c> for every provider: correlated outages counted once per provider per run.</summary>
    public double? ProviderOutage { get; init; }

    /// <summary>Take a uniformly random arm of each branch rather than its worst arm.</summary>
    public bool RandomBranches { get; init; }

    /// <summary>Iterations of a loop the code does not bound.</summary>
    public int UnboundedIterations { get; init; } = 100;
}
