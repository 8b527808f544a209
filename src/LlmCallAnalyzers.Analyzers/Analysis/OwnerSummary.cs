using System.Collections.Generic;
using System.Collections.Immutable;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// What one declaration with code (a method body, a field or property initializer) yields when summarized: the
/// method's summary (none for an initializer, or for a method that neither calls nor declares anything), what it stores
/// in fields and properties, and the lambdas it stores there, summarized as methods of their own.
/// </summary>
internal sealed class OwnerSummary
{
    public static readonly OwnerSummary None = new(null, ImmutableArray<MemberFact>.Empty, ImmutableArray<MethodSummary>.Empty);

    public OwnerSummary(MethodSummary? summary, ImmutableArray<MemberFact> assignments, ImmutableArray<MethodSummary> delegateBodies)
    {
        Summary = summary;
        Assignments = assignments;
        DelegateBodies = delegateBodies;
    }

    /// <summary>The method's summary; null for initializers and for methods with nothing to summarize.</summary>
    public MethodSummary? Summary { get; }

    /// <summary>What the code stores in fields and properties (assignments and, for an initializer, its value).</summary>
    public ImmutableArray<MemberFact> Assignments { get; }

    /// <summary>Lambdas stored in fields or properties by this code.</summary>
    public ImmutableArray<MethodSummary> DelegateBodies { get; }

    /// <summary>The method's summary and its delegate bodies: every summary whose code lies in this declaration.</summary>
    public IEnumerable<MethodSummary> AllSummaries()
    {
        if (Summary is not null)
        {
            yield return Summary;
        }

        foreach (var body in DelegateBodies)
        {
            yield return body;
        }
    }
}
