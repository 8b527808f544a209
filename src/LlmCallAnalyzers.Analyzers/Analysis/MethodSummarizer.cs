using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmCallAnalyzers.Analyzers.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Turns the operation blocks of one declaration (a method body, a field or property initializer) into an
/// <see cref="OwnerSummary"/>. Holds no results: <see cref="SummaryStore"/> caches them. Thread-safe.
/// </summary>
internal sealed class MethodSummarizer
{
    private readonly WellKnownSymbols _symbols;
    private readonly AttributeSymbols _attributes;
    private readonly IAssemblySymbol _assembly;
    private readonly DispatchIndex _dispatch;
    private readonly DispatchSetting _followDispatch;

    /// <param name="compilation">The compilation whose declarations are summarized.</param>
    /// <param name="catalog">The LLM entry points.</param>
    /// <param name="followDispatch">Where virtual calls are followed to their implementations (<c>follow_dispatch</c>); everywhere when null.</param>
    public MethodSummarizer(Compilation compilation, CallSiteCatalog catalog, DispatchSetting? followDispatch = null)
    {
        Catalog = catalog;
        _symbols = new WellKnownSymbols(compilation);
        _attributes = new AttributeSymbols(compilation);
        _assembly = compilation.Assembly;
        _dispatch = new DispatchIndex(compilation);
        _followDispatch = followDispatch ?? DispatchSetting.Always;
    }

    public CallSiteCatalog Catalog { get; }

    public AttributeSymbols Attributes => _attributes;

    /// <summary>Summarizes the operation blocks of <paramref name="owner"/> (a method, field or property).</summary>
    /// <param name="owner">The declaration.</param>
    /// <param name="blocks">Its operation blocks.</param>
    /// <param name="optionsTree">The file whose options apply; the blocks' own when null.</param>
    /// <param name="declaredAt">Where the method's diagnostics go; its symbol's location when null.</param>
    public OwnerSummary Summarize(ISymbol owner, IReadOnlyList<IOperation> blocks, SyntaxTree? optionsTree = null, Location? declaredAt = null)
    {
        switch (owner)
        {
            case IMethodSymbol method:
                return SummarizeMethod(method, blocks, optionsTree, declaredAt);
            case IFieldSymbol or IPropertySymbol:
                var assignments = ImmutableArray.CreateBuilder<MemberFact>();
                var bodies = ImmutableArray.CreateBuilder<MethodSummary>();
                foreach (var block in blocks)
                {
                    if (block is ISymbolInitializerOperation initializer)
                    {
                        SummarizeInitializer(owner, initializer.Value, assignments, bodies);
                    }
                }

                return assignments.Count == 0 && bodies.Count == 0 ? OwnerSummary.None : new OwnerSummary(null, assignments.ToImmutable(), bodies.ToImmutable());
            default:
                return OwnerSummary.None;
        }
    }

    private OwnerSummary SummarizeMethod(IMethodSymbol method, IReadOnlyList<IOperation> blocks, SyntaxTree? optionsTree, Location? declaredAt)
    {
        var first = blocks.FirstOrDefault();
        var dispatch = first is not null && _followDispatch.AppliesTo(optionsTree ?? first.Syntax.SyntaxTree) ? _dispatch : null;
        var parts = default(ShapeSequence);

        var builder = new ShapeBuilder(Catalog, _symbols, _assembly, dispatch);
        int code = 0;
        foreach (var block in blocks)
        {
            // Parameter default values and attribute arguments run no code.
            if (block.Kind is OperationKind.ParameterInitializer or OperationKind.Attribute)
            {
                continue;
            }

            code++;
            parts.Add(builder.Build(block));
        }

        if (code == 0)
        {
            return OwnerSummary.None; // abstract, extern or partial without a body: nothing runs here
        }

        var shape = parts.ToShape();
        var attributes = TaskAttributes.Read(method, _attributes);
        var summary = shape.IsEmpty && !attributes.IsTask && attributes.FanOut is null
            ? null
            : new MethodSummary(method.OriginalDefinition, shape, attributes, declaredAt);
        var assignments = builder.MemberAssignments is { } list ? list.ToImmutableArray() : ImmutableArray<MemberFact>.Empty;
        var bodies = builder.DelegateBodies is { } lambdas ? lambdas.ToImmutableArray() : ImmutableArray<MethodSummary>.Empty;
        return summary is null && assignments.IsEmpty && bodies.IsEmpty ? OwnerSummary.None : new OwnerSummary(summary, assignments, bodies);
    }

    /// <summary>What a field or property initializer builds (a client, a pipeline, a model id, a delegate).</summary>
    private void SummarizeInitializer(ISymbol member, IOperation value, ImmutableArray<MemberFact>.Builder assignments, ImmutableArray<MethodSummary>.Builder bodies)
    {
        var facts = FactsExtractor.Extract(value, static _ => null, _symbols);
        // Only a delegate needs a shape builder (its lambda is summarized); most initializers hold data or clients.
        var builder = IsDelegateValue(value) ? new ShapeBuilder(Catalog, _symbols, _assembly, _followDispatch.AppliesTo(value.Syntax.SyntaxTree) ? _dispatch : null) : null;
        if (builder?.DelegateHeldBy(value) is { } held)
        {
            facts = new ValueFacts { Delegate = held }.Over(facts);
            if (builder.MemberAssignments is { } stored)
            {
                assignments.AddRange(stored);
            }

            if (builder.DelegateBodies is { } lambdas)
            {
                bodies.AddRange(lambdas);
            }
        }

        if (!facts.IsEmpty)
        {
            assignments.Add(new MemberFact(member.OriginalDefinition, facts, value.Syntax));
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
}
