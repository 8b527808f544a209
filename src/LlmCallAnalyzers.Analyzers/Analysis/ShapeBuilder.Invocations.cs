using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>Invocations: LLM calls, source-method calls, Task.WhenAll, LINQ, Parallel, Polly, local functions.</summary>
internal sealed partial class ShapeBuilder
{
    private Shape VisitInvocation(IInvocationOperation invocation, LoopContext? loop, int depth, bool concurrent = false)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;

        if (WellKnownSymbols.Is(type, _symbols.Task) && method.Name is "WhenAll" or "WhenAny")
        {
            return VisitWhenAll(invocation, loop, depth);
        }

        if (_symbols.IsLinq(type))
        {
            return VisitLinq(invocation, loop, depth, concurrent);
        }

        if (WellKnownSymbols.Is(type, _symbols.Parallel) && method.Name is "For" or "ForEach" or "ForAsync" or "ForEachAsync" && invocation.Arguments.Length >= 2)
        {
            var bound = method.Name.StartsWith("For", System.StringComparison.Ordinal) && !method.Name.StartsWith("ForEach", System.StringComparison.Ordinal)
                ? RangeBound(invocation.Arguments[0].Value, invocation.Arguments[1].Value)
                : CountOf(invocation.Arguments[0].Value);
            return VisitPerElement(invocation, invocation.Arguments[0].Value, bound.WithConcurrent(true), loop, depth);
        }

        if (method.Name == "ForEach" && WellKnownSymbols.Is(type?.OriginalDefinition, _symbols.List) && invocation.Instance is { } list)
        {
            return VisitPerElement(invocation, list, CountOf(list), loop, depth);
        }

        if (_symbols.IsResiliencePipeline(type) && method.Name.StartsWith("Execute", System.StringComparison.Ordinal))
        {
            var pipelineFacts = FactsExtractor.Extract(invocation.Instance, LocalFacts, _symbols);
            var receiver = Visit(invocation.Instance, loop, depth);
            var arguments = default(ShapeSequence);
            foreach (var argument in invocation.Arguments)
            {
                arguments.Add(VisitArgument(argument.Value, loop, depth));
            }

            var body = arguments.ToShape();
            return Shape.Sequence(ImmutableArray.Create(receiver, body.IsEmpty ? Shape.Empty : new PipelineShape(body, pipelineFacts, invocation.Syntax)));
        }

        var parts = default(ShapeSequence);
        parts.Add(Visit(invocation.Instance, loop, depth));
        foreach (var argument in invocation.Arguments)
        {
            // A task passed on (tasks.Add(client.GetResponseAsync(…))) is started here, not awaited.
            parts.Add(Started(VisitArgument(argument.Value, loop, depth), argument.Value));
        }

        if (method.MethodKind == MethodKind.LocalFunction)
        {
            parts.Add(InlineLocalFunction(method, invocation, loop, depth));
        }
        else if (method.MethodKind == MethodKind.DelegateInvoke && invocation.Instance is ILocalReferenceOperation local && _localLambdas.TryGetValue(local.Local, out var lambda))
        {
            _localLambdas.Remove(local.Local);
            parts.Add(Visit(lambda.Body, loop, depth));
            _localLambdas.Set(local.Local, lambda);
        }
        else if (method.MethodKind == MethodKind.DelegateInvoke && StripConversions(invocation.Instance!) is IFieldReferenceOperation or IPropertyReferenceOperation)
        {
            // A delegate held by a field or property: what it runs is known once every assignment is summarized.
            var member = invocation.Instance is IFieldReferenceOperation field ? (ISymbol)field.Field : ((IPropertyReferenceOperation)StripConversions(invocation.Instance!)).Property;
            parts.Add(new DelegateInvokeShape(member.OriginalDefinition, invocation.Syntax, loop));
        }
        else if (Classify(method, invocation, loop) is Shape call)
        {
            parts.Add(call);
        }

        return parts.ToShape();
    }

    private Shape InlineLocalFunction(IMethodSymbol method, IInvocationOperation invocation, LoopContext? loop, int depth)
    {
        var symbol = method.OriginalDefinition;
        if (FindLocalFunction(symbol) is not { } declaration)
        {
            return Shape.Empty;
        }

        if (_localFunctionsInProgress.ContainsKey(symbol))
        {
            return new LocalRecursionShape(invocation.Syntax.GetLocation(), symbol.Name);
        }

        _localFunctionsInProgress.Set(symbol, true);
        try
        {
            return Visit(declaration.Body, loop, depth);
        }
        finally
        {
            _localFunctionsInProgress.Remove(symbol);
        }
    }

    /// <summary>The LLM call or source-method call <paramref name="method"/> is, or null.</summary>
    private Shape? Classify(IMethodSymbol method, IOperation site, LoopContext? loop)
    {
        if (_catalog.Recognize(method) is RecognizedCall recognized)
        {
            if (OrchestrationRun(recognized, method, site, loop) is Shape orchestration)
            {
                return orchestration;
            }

            var invocation = site as IInvocationOperation;
            var receiver = invocation?.Instance ?? (invocation is not null && method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            var receiverFacts = receiver is null ? ValueFacts.None : FactsExtractor.Extract(receiver, LocalFacts, _symbols);
            int hidden = receiverFacts.HiddenMaxCalls ?? 0;
            string? reason = receiverFacts.HiddenReason;
            if (recognized.Kind is EntryPointKind.Agent && receiverFacts.HiddenMaxCalls is null && receiverFacts.AliasOf is null
                && receiver is not null && StripConversions(receiver).Type is INamedTypeSymbol receiverType && IsOrDerives(receiverType, _symbols.ChatClientAgent))
            {
                hidden = HiddenFanOut.FunctionInvocationMaxCalls(HiddenFanOut.FunctionInvocationDefaultIterations);
                reason = string.Format(CultureInfo.InvariantCulture, "ChatClientAgent makes up to {0} model calls per run", hidden);
            }

            if (receiverFacts.HiddenMaxCalls is null && receiverFacts.AliasOf is null && receiver is not null && StripConversions(receiver).Type is INamedTypeSymbol clientType
                && IsOrDerives(clientType, _symbols.FunctionInvokingChatClient))
            {
                hidden = HiddenFanOut.FunctionInvocationMaxCalls(HiddenFanOut.FunctionInvocationDefaultIterations);
                reason = string.Format(CultureInfo.InvariantCulture, "FunctionInvokingChatClient makes up to {0} model calls per request", hidden);
            }

            if (recognized.Provider == ProviderKeys.SemanticKernel && invocation is not null && UsesAutoFunctionInvocation(invocation))
            {
                hidden = HiddenFanOut.SemanticKernelAutoInvokeRounds + 1;
                reason = string.Format(CultureInfo.InvariantCulture, "automatic function calling makes up to {0} model calls ({1} auto-invoke rounds)", hidden, HiddenFanOut.SemanticKernelAutoInvokeRounds);
            }

            string? model = recognized.Model ?? ModelFromArguments(invocation) ?? receiverFacts.ModelId;
            return new CallShape(recognized.Provider, model, recognized.Label, site.Syntax.GetLocation(), loop, hidden, reason, receiverFacts);
        }

        if (_dispatch is not null && ClassifyDispatch(method, site, loop) is Shape dispatched)
        {
            return dispatched;
        }

        var target = (method.ReducedFrom ?? method).OriginalDefinition;
        if (target.PartialImplementationPart is { } implementation)
        {
            target = implementation;
        }

        return IsSourceMethod(target) && target.MethodKind != MethodKind.LocalFunction
            ? new InvokeShape(target, site.Syntax, loop)
            : null;
    }

    /// <summary>A model id passed with the call, e.g. <c>new ChatOptions { ModelId = "ft:..." }</c> or a local holding one.</summary>
    private string? ModelFromArguments(IInvocationOperation? invocation)
    {
        if (invocation is null)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.Name == "ChatOptions" && FactsExtractor.Extract(argument.Value, LocalFacts, _symbols).ModelId is string model)
            {
                return model;
            }
        }

        return null;
    }

    private static bool IsOrDerives(INamedTypeSymbol type, INamedTypeSymbol? baseType)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (WellKnownSymbols.Is(t, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Semantic Kernel automatic function calling: FunctionChoiceBehavior.Auto() or ToolCallBehavior.AutoInvokeKernelFunctions in view.</summary>
    private bool UsesAutoFunctionInvocation(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (MentionsAutoInvoke(argument.Value))
            {
                return true;
            }

            if (StripConversions(argument.Value) is ILocalReferenceOperation local && _autoInvokeLocals.ContainsKey(local.Local))
            {
                return true;
            }
        }

        return false;
    }


    private bool MentionsAutoInvoke(IOperation value)
    {
        foreach (var op in value.DescendantsAndSelf())
        {
            switch (op)
            {
                case IInvocationOperation { TargetMethod: { Name: "Auto", ContainingType.Name: "FunctionChoiceBehavior" } } call:
                    // Auto(functions, autoInvoke: false) does not invoke.
                    if (!call.Arguments.Any(a => a.Parameter?.Name == "autoInvoke" && a.Value.ConstantValue is { HasValue: true, Value: false }))
                    {
                        return true;
                    }

                    break;
                case IPropertyReferenceOperation { Property: { Name: "AutoInvokeKernelFunctions", ContainingType.Name: "ToolCallBehavior" } }:
                case IFieldReferenceOperation { Field: { Name: "AutoInvokeKernelFunctions", ContainingType.Name: "ToolCallBehavior" } }:
                    return true;
                case ILocalReferenceOperation local when _autoInvokeLocals.ContainsKey(local.Local):
                    return true;
            }
        }

        return false;
    }

    private Shape VisitArgument(IOperation value, LoopContext? loop, int depth)
    {
        var stripped = StripConversions(value);
        switch (stripped)
        {
            case IAnonymousFunctionOperation lambda:
                return Visit(lambda.Body, loop, depth);
            case IDelegateCreationOperation { Target: IAnonymousFunctionOperation created }:
                return Visit(created.Body, loop, depth);
            case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }:
                return Classify(reference.Method, reference, loop) ?? Shape.Empty;
            case IMethodReferenceOperation methodReference:
                return Classify(methodReference.Method, methodReference, loop) ?? Shape.Empty;
            default:
                return Visit(value, loop, depth);
        }
    }

    private Shape VisitWhenAll(IInvocationOperation invocation, LoopContext? loop, int depth)
    {
        var parts = ImmutableArray.CreateBuilder<Shape>();
        foreach (var argument in invocation.Arguments)
        {
            // Task.WhenAll(a, b, c) passes a params array before C# 13 and a params ReadOnlySpan<Task> (a collection
            // expression) from C# 13 on .NET 9+; [a, b, c] and new[] { a, b, c } are the same tasks written out.
            var value = StripConversions(argument.Value);
            switch (value)
            {
                case IArrayCreationOperation { Initializer: { } init }:
                    foreach (var element in init.ElementValues)
                    {
                        parts.Add(VisitConcurrent(element, loop, depth));
                    }

                    break;
                case ICollectionExpressionOperation collection:
                    foreach (var element in collection.Elements)
                    {
                        parts.Add(VisitConcurrent(element is ISpreadOperation spread ? spread.Operand : element, loop, depth));
                    }

                    break;
                default:
                    parts.Add(VisitConcurrent(value, loop, depth));
                    break;
            }
        }

        return Shape.Parallel(parts.ToImmutable());
    }

    private Shape VisitConcurrent(IOperation value, LoopContext? loop, int depth)
        => StripConversions(value) is IInvocationOperation invocation && _symbols.IsLinq(invocation.TargetMethod.ContainingType)
            ? VisitInvocation(invocation, loop, depth, concurrent: true)
            : Visit(value, loop, depth);

    private Shape VisitLinq(IInvocationOperation invocation, LoopContext? loop, int depth, bool concurrent)
    {
        var method = invocation.TargetMethod;
        var source = invocation.Instance ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        if (source is null)
        {
            return VisitChildren(invocation, loop, depth);
        }

        var bound = CountOf(source).WithConcurrent(concurrent);
        return VisitPerElement(invocation, source, bound, loop, depth);
    }

    /// <summary>The delegates passed to <paramref name="invocation"/> run once per element of <paramref name="source"/>.</summary>
    private Shape VisitPerElement(IInvocationOperation invocation, IOperation source, LoopBound bound, LoopContext? loop, int depth)
    {
        var sourceShape = StripConversions(source) is IInvocationOperation inner && _symbols.IsLinq(inner.TargetMethod.ContainingType)
            ? VisitInvocation(inner, loop, depth, bound.Concurrent)
            : Visit(source, loop, depth);
        var inLoop = Push(loop, bound);
        var perElement = default(ShapeSequence);
        var once = default(ShapeSequence);
        once.Add(sourceShape);
        foreach (var argument in invocation.Arguments)
        {
            if (ReferenceEquals(argument.Value, source))
            {
                continue;
            }

            var stripped = StripConversions(argument.Value);
            if (stripped is IAnonymousFunctionOperation or IDelegateCreationOperation or IMethodReferenceOperation)
            {
                perElement.Add(VisitArgument(argument.Value, inLoop, depth));
            }
            else
            {
                once.Add(Visit(argument.Value, loop, depth));
            }
        }

        var body = perElement.ToShape();
        if (!body.IsEmpty)
        {
            once.Add(new LoopShape(body, bound, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name + " over " + (bound.Source ?? TypeText(source) + " (size unknown)")));
        }

        return once.ToShape();
    }

    private LoopBound RangeBound(IOperation from, IOperation to)
    {
        var (a, _) = IntValue(from);
        var (b, text) = IntValue(to);
        return a is int start && b is int end && end >= start
            ? LoopBound.Exactly(end - start, "Parallel.For(…, " + text + ")")
            : LoopBound.Unknown();
    }
}
