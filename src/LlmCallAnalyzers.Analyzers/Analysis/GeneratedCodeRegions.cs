using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// The declarations the compiler called generated code, recorded from operation-block callbacks, so compilation-end
/// diagnostics in them can be dropped. The analyzer analyzes generated code (an LLM call in a generated method still
/// counts towards its callers' fan-out) and reports diagnostics in it itself
/// (<c>GeneratedCodeAnalysisFlags.Analyze | ReportDiagnostics</c>): otherwise the compiler would search every file that
/// receives a compilation-end diagnostic for <c>[GeneratedCode]</c> declarations, which cost more than the whole
/// compilation-end analysis. Thread-safe.
/// </summary>
internal sealed class GeneratedCodeRegions
{
    private readonly ConcurrentDictionary<SyntaxTree, List<TextSpan>> _regions = new();

    private volatile bool _any;

    /// <summary>True until a generated member is recorded (read without the dictionary's locks).</summary>
    public bool IsEmpty => !_any;

    /// <summary>Records the declarations of <paramref name="owner"/> (an operation block the compiler marked generated).</summary>
    public void Add(ISymbol owner)
    {
        // Only members: the blocks of assembly and module attributes (an SDK build's auto-generated AssemblyInfo.cs)
        // belong to symbols whose declarations are every file of the compilation.
        if (owner is not (IMethodSymbol or IFieldSymbol or IPropertySymbol or IEventSymbol))
        {
            return;
        }

        foreach (var reference in owner.DeclaringSyntaxReferences)
        {
            var spans = _regions.GetOrAdd(reference.SyntaxTree, static _ => new List<TextSpan>());
            lock (spans)
            {
                spans.Add(reference.Span);
            }

            _any = true;
        }
    }

    /// <summary>Whether a generated declaration was recorded in <paramref name="tree"/>.</summary>
    public bool HasRegionsIn(SyntaxTree tree) => _any && _regions.ContainsKey(tree);

    /// <summary>Whether <paramref name="location"/> lies in a recorded generated declaration.</summary>
    public bool Contains(Location location)
    {
        if (!location.IsInSource || location.SourceTree is not { } tree || !_regions.TryGetValue(tree, out var spans))
        {
            return false;
        }

        lock (spans)
        {
            foreach (var span in spans)
            {
                if (span.Contains(location.SourceSpan))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A report callback that drops diagnostics located in generated code.</summary>
    public System.Action<Diagnostic> Filter(System.Action<Diagnostic> report)
        => diagnostic =>
        {
            if (IsEmpty || !Contains(diagnostic.Location))
            {
                report(diagnostic);
            }
        };
}
