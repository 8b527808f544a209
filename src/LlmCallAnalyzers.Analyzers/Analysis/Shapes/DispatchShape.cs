using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// A virtual call (interface, abstract or virtual member) that reaches several source methods: which one runs is
/// decided at run time, so its fan-out is the range over <see cref="Targets"/> and the worst one counts.
/// </summary>
internal sealed class DispatchShape : Shape
{
    private readonly SyntaxNode _site;

    public DispatchShape(IMethodSymbol member, ImmutableArray<IMethodSymbol> targets, SyntaxNode site, LoopContext? loop)
    {
        Member = member;
        Targets = targets;
        _site = site;
        Loop = loop;
    }

    /// <summary>The member the code calls (e.g. <c>IPlanStep.ExecuteAsync</c>).</summary>
    public IMethodSymbol Member { get; }

    /// <summary>The implementations in source, each once, in source order.</summary>
    public ImmutableArray<IMethodSymbol> Targets { get; }

    public LoopContext? Loop { get; }

    /// <summary>Where the call is (made on each read).</summary>
    public Location Location => _site.GetLocation();

    /// <summary>The call's syntax (for a place that makes its location only when read).</summary>
    public SyntaxNode Site => _site;

    /// <summary><c>IPlanStep.ExecuteAsync</c>: the declaring type's name (without type arguments) and the member's.</summary>
    public string Label => Describe(Member);

    public static string Describe(IMethodSymbol member) => member.ContainingType is { } type ? type.Name + "." + member.Name : member.Name;

    /// <summary>The implementing type's name, as a report shows it (<c>ReviewStep</c>).</summary>
    public static string ImplementationName(IMethodSymbol target) => target.ContainingType?.Name ?? target.Name;
}
