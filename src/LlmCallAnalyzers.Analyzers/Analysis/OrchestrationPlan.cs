using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// What the builder calls in view say about a workflow: its kind, participants and caps. Each fluent call contributes a
/// fragment (<c>AddParticipants</c> only participants, <c>WithMaxRounds</c> only a cap); <see cref="Over"/> merges the
/// fragments of a chain. Anything not visible is recorded as open, so that it widens the estimate rather than narrow it.
/// </summary>
internal sealed class OrchestrationPlan
{
    public OrchestrationKind? Kind { get; init; }

    public ImmutableArray<Participant> Participants { get; init; } = ImmutableArray<Participant>.Empty;

    /// <summary>Some participants are not visible (a collection built elsewhere, a builder mutated by statements).</summary>
    public bool OpenParticipants { get; init; }

    /// <summary>Group chat: the manager's maximum iteration count, when the manager is one whose cap is known.</summary>
    public int? Iterations { get; init; }

    /// <summary>Where <see cref="Iterations"/> comes from ("MaximumIterationCount = 5", "default 40").</summary>
    public string? IterationSource { get; init; }

    /// <summary>Group chat: the manager is not one whose cap can be read (a method group, a ShouldTerminateAsync override).</summary>
    public bool UnknownManager { get; init; }

    /// <summary>Handoff: the edges (from, to) between agents held in locals, fields or parameters.</summary>
    public ImmutableArray<(ISymbol From, ISymbol To)> Edges { get; init; } = ImmutableArray<(ISymbol, ISymbol)>.Empty;

    /// <summary>Handoff: an edge whose ends are not locals, fields or parameters, or a collection of targets not in view.</summary>
    public bool OpenEdges { get; init; }

    /// <summary>Handoff: runs per agent visit in autonomous mode (turn limit + 1); null when autonomous mode is off.</summary>
    public int? AutonomousRunsPerVisit { get; init; }

    /// <summary>Handoff: autonomous mode with per-agent limits or a limit not in view.</summary>
    public bool UnknownAutonomousLimit { get; init; }

    /// <summary>Magentic: the manager agent.</summary>
    public Participant? Manager { get; init; }

    /// <summary>Magentic: <c>WithMaxRounds(n)</c> with a constant (rounds of the whole run); null when unlimited (the default) or not in view.</summary>
    public int? MaxRounds { get; init; }

    /// <summary>Magentic: <c>WithMaxResets(n)</c> with a constant (replans after stalls); null when unlimited (the default) or not in view.</summary>
    public int? MaxResets { get; init; }

    /// <summary>This fragment (an outer call of the chain) over <paramref name="inner"/>: participants add up, settings override.</summary>
    public OrchestrationPlan Over(OrchestrationPlan inner) => new()
    {
        Kind = Kind ?? inner.Kind,
        Participants = inner.Participants.AddRange(Participants),
        OpenParticipants = OpenParticipants || inner.OpenParticipants,
        Iterations = IterationSource is not null ? Iterations : inner.Iterations,
        IterationSource = IterationSource ?? inner.IterationSource,
        UnknownManager = IterationSource is not null ? UnknownManager : UnknownManager || inner.UnknownManager,
        Edges = inner.Edges.AddRange(Edges),
        OpenEdges = OpenEdges || inner.OpenEdges,
        AutonomousRunsPerVisit = AutonomousRunsPerVisit ?? inner.AutonomousRunsPerVisit,
        UnknownAutonomousLimit = UnknownAutonomousLimit || inner.UnknownAutonomousLimit,
        Manager = Manager ?? inner.Manager,
        MaxRounds = MaxRounds ?? inner.MaxRounds,
        MaxResets = MaxResets ?? inner.MaxResets,
    };

    public static OrchestrationPlan? Combine(OrchestrationPlan? outer, OrchestrationPlan? inner)
        => outer is null ? inner : inner is null ? outer : outer.Over(inner);
}
