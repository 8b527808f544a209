using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// An invocation of a delegate held by a field or property (<c>_ask(prompt)</c>): it runs the lambda or method that
/// the member's assignments store, resolved once every method is summarized.
/// </summary>
internal sealed class DelegateInvokeShape : Shape
{
    private readonly SyntaxNode _site;

    public DelegateInvokeShape(ISymbol member, SyntaxNode site, LoopContext? loop)
    {
        Member = member;
        _site = site;
        Loop = loop;
    }

    /// <summary>The field or property holding the delegate.</summary>
    public ISymbol Member { get; }

    public LoopContext? Loop { get; }

    /// <summary>Where the call is (made on each read).</summary>
    public Location Location => _site.GetLocation();

    /// <summary>The call's syntax (for a place that makes its location only when read).</summary>
    public SyntaxNode Site => _site;
}
