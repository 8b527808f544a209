using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using LlmCallAnalyzers.Analyzers.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Summarizes method bodies into shapes and records what field and property initializers build. Shared by the
/// analyzer (fed by operation-block callbacks) and by <see cref="LlmTaskAnalysis"/> / the estimate generator (fed
/// from semantic models). Thread-safe.
/// </summary>
internal sealed class MethodSummarizer
{
    private readonly WellKnownSymbols _symbols;
    private readonly AttributeSymbols _attributes;
    private readonly IAssemblySymbol _assembly;

    public MethodSummarizer(Compilation compilation, CallSiteCatalog catalog)
    {
        Catalog = catalog;
        _symbols = new WellKnownSymbols(compilation);
        _attributes = new AttributeSymbols(compilation);
        _assembly = compilation.Assembly;
    }

    public CallSiteCatalog Catalog { get; }

    // Lock-free queues while the compiler's threads summarize; keyed once, at compilation end (a concurrent
    // dictionary here hashed every method symbol twice and contended on growth).
    private readonly ConcurrentQueue<MethodSummary> _summaries = new();
    private readonly ConcurrentQueue<KeyValuePair<ISymbol, ValueFacts>> _memberFacts = new();

    /// <summary>The summaries so far, by method (a method summarized twice keeps its last summary).</summary>
    [MethodImpl(JitHints.Optimized)]
    public Dictionary<IMethodSymbol, MethodSummary> CollectSummaries()
    {
        var result = new Dictionary<IMethodSymbol, MethodSummary>(_summaries.Count, SymbolEqualityComparer.Default);
        foreach (var summary in _summaries)
        {
            result[summary.Method] = summary;
        }

        return result;
    }

    /// <summary>What fields and properties are assigned, by member (the first value recorded for a member wins).</summary>
    [MethodImpl(JitHints.Optimized)]
    public Dictionary<ISymbol, ValueFacts> CollectMemberFacts()
    {
        var result = new Dictionary<ISymbol, ValueFacts>(SymbolEqualityComparer.Default);
        foreach (var pair in _memberFacts)
        {
            if (!result.ContainsKey(pair.Key))
            {
                result.Add(pair.Key, pair.Value);
            }
        }

        return result;
    }

    /// <summary>Summarizes one method from its operation blocks; returns the summary, or null when it neither calls nor declares anything.</summary>
    public MethodSummary? SummarizeMethod(IMethodSymbol method, IEnumerable<IOperation> blocks)
    {
        var builder = new ShapeBuilder(Catalog, _symbols, _assembly);
        var parts = default(ShapeSequence);
        foreach (var block in blocks)
        {
            // Parameter default values and attribute arguments run no code.
            if (block.Kind is OperationKind.ParameterInitializer or OperationKind.Attribute)
            {
                continue;
            }

            parts.Add(builder.Build(block));
        }

        foreach (var assignment in builder.MemberAssignments ?? (IEnumerable<KeyValuePair<ISymbol, ValueFacts>>)System.Array.Empty<KeyValuePair<ISymbol, ValueFacts>>())
        {
            _memberFacts.Enqueue(assignment);
        }

        var shape = parts.ToShape();
        var attributes = TaskAttributes.Read(method, _attributes);
        if (shape.IsEmpty && !attributes.IsTask && attributes.FanOut is null)
        {
            return null;
        }

        var key = method.OriginalDefinition;
        var summary = new MethodSummary(key, shape, attributes);
        _summaries.Enqueue(summary);
        return summary;
    }

    /// <summary>Records what a field or property initializer builds (a client, a pipeline, a model id).</summary>
    public void RecordInitializer(ISymbol member, IOperation value)
    {
        var facts = FactsExtractor.Extract(value, static _ => null, _symbols);
        if (!facts.IsEmpty)
        {
            _memberFacts.Enqueue(new KeyValuePair<ISymbol, ValueFacts>(member.OriginalDefinition, facts));
        }
    }

    /// <summary>Feeds one operation block callback (method body, field or property initializer).</summary>
    public MethodSummary? Summarize(ISymbol owner, ImmutableArray<IOperation> blocks)
    {
        switch (owner)
        {
            case IMethodSymbol method:
                return SummarizeMethod(method, blocks);
            case IFieldSymbol or IPropertySymbol:
                foreach (var block in blocks)
                {
                    if (block is ISymbolInitializerOperation initializer)
                    {
                        RecordInitializer(owner, initializer.Value);
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
