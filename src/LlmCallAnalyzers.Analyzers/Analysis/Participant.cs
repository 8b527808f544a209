using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>An agent taking part in an orchestration, with the model calls one of its runs makes.</summary>
internal sealed class Participant
{
    /// <summary>How messages name an agent no local, field or parameter holds (a label, not the provider key).</summary>
    public const string UnnamedAgent = "agent";

    public Participant(string name, ISymbol? identity, ValueFacts facts, int callsPerRun, string? reason)
    {
        Name = name;
        Identity = identity;
        Facts = facts;
        CallsPerRun = callsPerRun;
        Reason = reason;
    }

    /// <summary>How messages name it: the local, field or parameter that holds it, else <see cref="UnnamedAgent"/>.</summary>
    public string Name { get; }

    /// <summary>The local, field or parameter that holds it (handoff edges are matched on it); null when none.</summary>
    public ISymbol? Identity { get; }

    /// <summary>What the expression that gave the agent says (its own hidden tool loop, or a nested workflow).</summary>
    public ValueFacts Facts { get; }

    /// <summary>Model calls one run makes at most, by the rule for a lone agent run (ChatClientAgent: 41).</summary>
    public int CallsPerRun { get; }

    public string? Reason { get; }
}
