using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Model;
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
    private readonly Compilation _compilation;

    private readonly DispatchIndex _dispatch;
    private readonly DispatchSetting _followDispatch;

    /// <param name="compilation">The compilation whose methods are summarized.</param>
    /// <param name="catalog">The LLM entry points.</param>
    /// <param name="followDispatch">Where virtual calls are followed to their implementations (<c>follow_dispatch</c>); everywhere when null.</param>
    public MethodSummarizer(Compilation compilation, CallSiteCatalog catalog, DispatchSetting? followDispatch = null)
    {
        Catalog = catalog;
        _compilation = compilation;
        _symbols = new WellKnownSymbols(compilation);
        _attributes = new AttributeSymbols(compilation);
        _assembly = compilation.Assembly;
        _dispatch = new DispatchIndex(compilation);
        _followDispatch = followDispatch ?? DispatchSetting.Always;
    }

    public CallSiteCatalog Catalog { get; }

    // Lock-free queues while the compiler's threads summarize; keyed once, at compilation end (a concurrent
    // dictionary here hashed every method symbol twice and contended on growth).
    private readonly ConcurrentQueue<MethodSummary> _summaries = new();
    private readonly ConcurrentQueue<MemberFact> _memberFacts = new();

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

    /// <summary>
    /// What fields and properties are assigned, by member: where a member is assigned in several places, the first in
    /// source order (compilation order of the files, then position) wins — not the first summarized, which depends on
    /// which of the compiler's (or the generator's) threads got there first.
    /// </summary>
    [MethodImpl(JitHints.Optimized)]
    public Dictionary<ISymbol, ValueFacts> CollectMemberFacts()
    {
        var first = new Dictionary<ISymbol, MemberFact>(SymbolEqualityComparer.Default);
        Dictionary<SyntaxTree, int>? treeOrder = null;
        foreach (var fact in _memberFacts)
        {
            if (!first.TryGetValue(fact.Member, out var kept))
            {
                first.Add(fact.Member, fact);
            }
            else if (Precedes(fact.Source, kept.Source, ref treeOrder))
            {
                first[fact.Member] = fact;
            }
        }

        var result = new Dictionary<ISymbol, ValueFacts>(first.Count, SymbolEqualityComparer.Default);
        foreach (var pair in first)
        {
            result.Add(pair.Key, pair.Value.Facts);
        }

        return result;
    }

    private bool Precedes(SyntaxNode candidate, SyntaxNode kept, ref Dictionary<SyntaxTree, int>? treeOrder)
    {
        if (candidate.SyntaxTree != kept.SyntaxTree)
        {
            if (treeOrder is null)
            {
                treeOrder = new Dictionary<SyntaxTree, int>();
                int index = 0;
                foreach (var tree in _compilation.SyntaxTrees)
                {
                    treeOrder[tree] = index++;
                }
            }

            int candidateIndex = treeOrder.TryGetValue(candidate.SyntaxTree, out var c) ? c : int.MaxValue;
            int keptIndex = treeOrder.TryGetValue(kept.SyntaxTree, out var k) ? k : int.MaxValue;
            if (candidateIndex != keptIndex)
            {
                return candidateIndex < keptIndex;
            }

            return string.CompareOrdinal(candidate.SyntaxTree.FilePath, kept.SyntaxTree.FilePath) < 0;
        }

        return candidate.SpanStart < kept.SpanStart;
    }

    /// <summary>Summarizes one method from its operation blocks; returns the summary, or null when it neither calls nor declares anything.</summary>
    public MethodSummary? SummarizeMethod(IMethodSymbol method, IEnumerable<IOperation> blocks)
    {
        var first = blocks.FirstOrDefault();
        var dispatch = first is not null && _followDispatch.AppliesTo(first.Syntax.SyntaxTree) ? _dispatch : null;
        var parts = default(ShapeSequence);

        var builder = new ShapeBuilder(Catalog, _symbols, _assembly, dispatch);
        foreach (var block in blocks)
        {
            // Parameter default values and attribute arguments run no code.
            if (block.Kind is OperationKind.ParameterInitializer or OperationKind.Attribute)
            {
                continue;
            }

            parts.Add(builder.Build(block));
        }

        CollectSideResults(builder);

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

    private void CollectSideResults(ShapeBuilder builder)
    {
        if (builder.MemberAssignments is { } assignments)
        {
            foreach (var assignment in assignments)
            {
                _memberFacts.Enqueue(assignment);
            }
        }

        if (builder.DelegateBodies is { } bodies)
        {
            foreach (var body in bodies)
            {
                _summaries.Enqueue(body);
            }
        }
    }

    /// <summary>Records what a field or property initializer builds (a client, a pipeline, a model id, a delegate).</summary>
    public void RecordInitializer(ISymbol member, IOperation value)
    {
        var facts = FactsExtractor.Extract(value, static _ => null, _symbols);
        // Only a delegate needs a shape builder (its lambda is summarized); most initializers hold data or clients.
        var builder = IsDelegateValue(value) ? new ShapeBuilder(Catalog, _symbols, _assembly, _followDispatch.AppliesTo(value.Syntax.SyntaxTree) ? _dispatch : null) : null;
        if (builder?.DelegateHeldBy(value) is { } held)
        {
            facts = new ValueFacts { Delegate = held }.Over(facts);
            CollectSideResults(builder);
        }

        if (!facts.IsEmpty)
        {
            _memberFacts.Enqueue(new MemberFact(member.OriginalDefinition, facts, value.Syntax));
        }
    }

    private static bool IsDelegateValue(IOperation value)
    {
        while (value is IConversionOperation or IParenthesizedOperation)
        {
            value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
        }

        return value is IDelegateCreationOperation or IAnonymousFunctionOperation;
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
