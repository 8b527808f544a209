using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
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
        int files = compilation.SyntaxTrees is IReadOnlyCollection<SyntaxTree> trees ? trees.Count : 16;
        Summaries = new ConcurrentDictionary<IMethodSymbol, MethodSummary>(concurrencyLevel: 4, capacity: System.Math.Max(31, files * 8), SymbolEqualityComparer.Default);
    }

    public CallSiteCatalog Catalog { get; }

    /// <summary>Sized from the number of files up front: growing a concurrent dictionary takes all its locks.</summary>
    public ConcurrentDictionary<IMethodSymbol, MethodSummary> Summaries { get; }

    public ConcurrentDictionary<ISymbol, ValueFacts> MemberFacts { get; } = new(SymbolEqualityComparer.Default);

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

        foreach (var assignment in builder.MemberAssignments)
        {
            MemberFacts.TryAdd(assignment.Key, assignment.Value);
        }

        var shape = parts.ToShape();
        var attributes = TaskAttributes.Read(method, _attributes);
        if (shape.IsEmpty && !attributes.IsTask && attributes.FanOut is null)
        {
            return null;
        }

        var key = method.OriginalDefinition;
        var summary = new MethodSummary(key, shape, attributes);
        Summaries[key] = summary;
        return summary;
    }

    /// <summary>Records what a field or property initializer builds (a client, a pipeline, a model id).</summary>
    public void RecordInitializer(ISymbol member, IOperation value)
    {
        var facts = FactsExtractor.Extract(value, static _ => null, _symbols);
        if (!facts.IsEmpty)
        {
            MemberFacts.TryAdd(member.OriginalDefinition, facts);
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
