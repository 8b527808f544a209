using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// What one assignment or initializer stores in a field or property (a client, a pipeline, a model id), and where: a
/// member assigned in several places takes the facts of the first in source order, whichever thread summarized it
/// first (<see cref="MemberFactIndex"/>).
/// </summary>
internal readonly struct MemberFact
{
    public MemberFact(ISymbol member, ValueFacts facts, SyntaxNode source)
    {
        Member = member;
        Facts = facts;
        Source = source;
    }

    /// <summary>The field or property (its original definition).</summary>
    public ISymbol Member { get; }

    /// <summary>What the assigned value is.</summary>
    public ValueFacts Facts { get; }

    /// <summary>The assignment or initializer value.</summary>
    public SyntaxNode Source { get; }
}
