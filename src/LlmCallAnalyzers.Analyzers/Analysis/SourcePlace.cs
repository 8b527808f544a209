using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// A call tree node's place in this compilation: its <see cref="Location"/> (for related locations of diagnostics) and
/// the file and line derived from it on first read, so that composing trees costs no line lookups.
/// </summary>
internal sealed class SourcePlace : NodePlace
{
    private readonly SyntaxNode? _syntax;
    private Location? _location;
    private FileLinePositionSpan? _span;

    public SourcePlace(Location location, string? source)
        : base(source) => _location = location;

    public SourcePlace(SyntaxNode syntax, string? source)
        : base(source) => _syntax = syntax;

    /// <summary>The node's location (made from the syntax on first read).</summary>
    public Location Location => _location ??= _syntax!.GetLocation();

    public override string? File => Span.Path;

    public override int Line => Span.IsValid ? Span.StartLinePosition.Line + 1 : 0;

    private FileLinePositionSpan Span => _span ??= Location.GetLineSpan();

    /// <summary>The name a frame shows for <paramref name="method"/>: <c>ResearchService.SummarizeAsync</c>.</summary>
    public static string MethodName(IMethodSymbol method)
        => method.ContainingType is { } type ? type.Name + "." + method.Name : method.Name;
}
