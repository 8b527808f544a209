using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>A call of a method declared in this compilation, resolved to the callee's composed tree at composition.</summary>
internal sealed class InvokeShape : Shape
{
    private readonly SyntaxNode _site;

    /// <summary>Keeps the call's syntax, not a <see cref="Microsoft.CodeAnalysis.Location"/>: most are never reported, and every method call makes one.</summary>
    public InvokeShape(IMethodSymbol target, SyntaxNode site, LoopContext? loop)
    {
        Target = target;
        _site = site;
        Loop = loop;
    }

    public IMethodSymbol Target { get; }

    /// <summary>Where the call is (made on each read).</summary>
    public Location Location => _site.GetLocation();

    /// <summary>The call's syntax (for a place that makes its location only when read).</summary>
    public SyntaxNode Site => _site;

    public LoopContext? Loop { get; }
}
