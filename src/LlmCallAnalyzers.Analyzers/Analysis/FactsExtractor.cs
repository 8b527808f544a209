using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Reads what an expression builds: a chat client with function invocation, a Polly pipeline with retry or hedging,
/// an agent that wraps function invocation, a string constant. Follows builder chains through receivers and
/// extension-method "this" arguments; a field or property is recorded as an alias resolved at compilation end.
/// </summary>
internal static class FactsExtractor
{
    public static ValueFacts Extract(IOperation? value, Func<ILocalSymbol, ValueFacts?> locals, WellKnownSymbols symbols)
    {
        // Walk the receiver chain iteratively: each step adds its own facts over the facts of what it wraps.
        var facts = ValueFacts.None;
        var layers = new Layers();
        var current = value;
        for (int guard = 0; current is not null && guard < 64; guard++)
        {
            current = Unwrap(current);
            switch (current)
            {
                case ILiteralOperation or IFieldReferenceOperation { Field.IsConst: true } or ILocalReferenceOperation { Local.IsConst: true }
                    when current.ConstantValue.HasValue && current.ConstantValue.Value is string s:
                    layers.Add(new ValueFacts { StringConstant = s });
                    current = null;
                    break;
                case ILocalReferenceOperation local:
                    layers.Add(locals(local.Local) ?? ValueFacts.None);
                    current = null;
                    break;
                case IFieldReferenceOperation field:
                    layers.Add(new ValueFacts { AliasOf = field.Field.OriginalDefinition });
                    current = null;
                    break;
                case IPropertyReferenceOperation property:
                    layers.Add(new ValueFacts { AliasOf = property.Property.OriginalDefinition });
                    current = null;
                    break;
                case IObjectCreationOperation creation:
                    layers.Add(OrchestrationFacts.FromCreation(creation, locals, symbols) ?? FromCreation(creation, symbols, locals));
                    current = creation.Constructor is { ContainingType.Name: "ChatClientBuilder" or "FunctionInvokingChatClient" or "ChatClientAgent" or "DelegatingChatClient" } && creation.Arguments.Length > 0
                        ? creation.Arguments[0].Value
                        : null;
                    break;
                case IInvocationOperation invocation:
                    layers.Add(OrchestrationFacts.FromInvocation(invocation, locals, symbols) ?? FromInvocation(invocation, locals));
                    current = invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                    break;
                default:
                    current = null;
                    break;
            }
        }

        for (int i = layers.Count - 1; i >= 0; i--)
        {
            facts = layers[i].Over(facts);
        }

        return facts;
    }

    /// <summary>The facts of each step of a receiver chain; a list is allocated only for chains of more than one step.</summary>
    private struct Layers
    {
        private ValueFacts? _first;
        private System.Collections.Generic.List<ValueFacts>? _more;

        public readonly int Count => _first is null ? 0 : 1 + (_more?.Count ?? 0);

        public readonly ValueFacts this[int index] => index == 0 ? _first! : _more![index - 1];

        public void Add(ValueFacts facts)
        {
            if (_first is null)
            {
                _first = facts;
            }
            else
            {
                (_more ??= new System.Collections.Generic.List<ValueFacts>()).Add(facts);
            }
        }
    }

    private static IOperation Unwrap(IOperation op)
    {
        while (true)
        {
            switch (op)
            {
                case IConversionOperation conversion:
                    op = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    op = parenthesized.Operand;
                    continue;
                case IAwaitOperation awaited:
                    op = awaited.Operation;
                    continue;
                default:
                    return op;
            }
        }
    }

    /// <summary>A string constant, or the constant a local was initialized with (followed through locals, fields and consts).</summary>
    internal static string? StringOf(IOperation value, Func<ILocalSymbol, ValueFacts?> locals)
    {
        value = Unwrap(value);
        if (value.ConstantValue is { HasValue: true, Value: string constant })
        {
            return constant;
        }

        return value is ILocalReferenceOperation local ? locals(local.Local)?.StringConstant : null;
    }

    private static ValueFacts FromInvocation(IInvocationOperation invocation, Func<ILocalSymbol, ValueFacts?> locals)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "UseFunctionInvocation" when NamespaceNames.Is(method.ContainingNamespace, "Microsoft.Extensions.AI"):
            {
                int iterations = FindIntAssignment(invocation, "MaximumIterationsPerRequest") ?? HiddenFanOut.FunctionInvocationDefaultIterations;
                return FunctionInvocation(iterations, "UseFunctionInvocation()");
            }

            case "AsAIAgent" or "BuildAIAgent" or "CreateAIAgent" when method.ContainingAssembly?.Name.StartsWith("Microsoft.Agents.AI", StringComparison.Ordinal) == true:
                // ChatClientAgent wraps its client in a FunctionInvokingChatClient unless UseProvidedChatClientAsIs is set.
                return UsesProvidedClientAsIs(invocation) ? NoHiddenFanOut : FunctionInvocation(HiddenFanOut.FunctionInvocationDefaultIterations, "ChatClientAgent");
            case "AddRetry" when NamespaceOf(method).StartsWith("Polly", StringComparison.Ordinal):
                return new ValueFacts { RetryAttempts = FindIntAssignment(invocation, "MaxRetryAttempts") ?? 3 };
            case "AddHedging" when NamespaceOf(method).StartsWith("Polly", StringComparison.Ordinal):
                return new ValueFacts
                {
                    HedgedAttempts = FindIntAssignment(invocation, "MaxHedgedAttempts") ?? 1,
                    HedgingDelayMs = FindTimeSpanMs(invocation, "Delay") ?? 2000,
                };
            case "GetChatClient" or "GetEmbeddingClient" or "GetOpenAIResponseClient" or "GetResponsesClient" when invocation.Arguments.Length > 0:
            {
                return StringOf(invocation.Arguments[0].Value, locals) is string model ? new ValueFacts { ModelId = model } : ValueFacts.None;
            }

            default:
                return ValueFacts.None;
        }
    }

    /// <summary>The namespace's name (a string is built only for the few method names above).</summary>
    private static string NamespaceOf(IMethodSymbol method) => method.ContainingNamespace?.ToDisplayString() ?? string.Empty;

    private static ValueFacts FromCreation(IObjectCreationOperation creation, WellKnownSymbols symbols, Func<ILocalSymbol, ValueFacts?> locals)
    {
        var type = creation.Type as INamedTypeSymbol;
        if (type is null)
        {
            return ValueFacts.None;
        }

        if (type.Name == "FunctionInvokingChatClient" && NamespaceNames.Is(type.ContainingNamespace, "Microsoft.Extensions.AI"))
        {
            int iterations = FindIntAssignment(creation, "MaximumIterationsPerRequest") ?? HiddenFanOut.FunctionInvocationDefaultIterations;
            return FunctionInvocation(iterations, "FunctionInvokingChatClient");
        }

        if (WellKnownSymbols.Is(type, symbols.ChatClientAgent))
        {
            return UsesProvidedClientAsIs(creation) ? NoHiddenFanOut : FunctionInvocation(HiddenFanOut.FunctionInvocationDefaultIterations, "ChatClientAgent");
        }

        if ((NamespaceNames.Is(type.ContainingNamespace, "OpenAI.Chat") || NamespaceNames.Is(type.ContainingNamespace, "OpenAI.Embeddings") || NamespaceNames.Is(type.ContainingNamespace, "OpenAI.Responses"))
            && creation.Arguments.Length > 0 && StringOf(creation.Arguments[0].Value, locals) is string model)
        {
            return new ValueFacts { ModelId = model };
        }

        if (type.Name == "ChatOptions" && creation.Initializer is { } initializer)
        {
            foreach (var assignment in initializer.Initializers)
            {
                if (assignment is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ModelId" } } modelId
                    && StringOf(modelId.Value, locals) is string chatModel)
                {
                    return new ValueFacts { ModelId = chatModel };
                }
            }
        }

        return ValueFacts.None;
    }

    /// <summary>Known to make exactly one model request per call (e.g. UseProvidedChatClientAsIs = true).</summary>
    private static readonly ValueFacts NoHiddenFanOut = new() { HiddenMaxCalls = 1 };

    private static ValueFacts FunctionInvocation(int iterations, string source)
    {
        int calls = HiddenFanOut.FunctionInvocationMaxCalls(iterations);
        return new ValueFacts
        {
            HiddenMaxCalls = calls,
            HiddenReason = string.Format(CultureInfo.InvariantCulture, "{0} makes up to {1} model calls per request", source, calls),
        };
    }

    private static bool UsesProvidedClientAsIs(IOperation root)
    {
        foreach (var op in root.Descendants())
        {
            if (op is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "UseProvidedChatClientAsIs" } } assignment
                && assignment.Value.ConstantValue is { HasValue: true, Value: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds <c>Name = constant</c> in an object initializer or configure lambda among the operation's descendants.</summary>
    private static int? FindIntAssignment(IOperation root, string propertyName)
    {
        foreach (var op in root.Descendants())
        {
            if (op is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                && target.Property.Name == propertyName
                && assignment.Value.ConstantValue is { HasValue: true, Value: int value })
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// True unless a second argument is stated: .NET 9 added <c>TimeSpan.FromMilliseconds(long, long = 0)</c> and the like,
    /// which an int literal binds to, with the defaulted arguments present in IOperation.
    /// </summary>
    private static bool OnlyFirstArgumentGiven(IInvocationOperation call)
    {
        for (int i = 1; i < call.Arguments.Length; i++)
        {
            if (call.Arguments[i].ArgumentKind != ArgumentKind.DefaultValue)
            {
                return false;
            }
        }

        return true;
    }

    private static double? FindTimeSpanMs(IOperation root, string propertyName)
    {
        foreach (var op in root.Descendants())
        {
            if (op is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                && target.Property.Name == propertyName
                && assignment.Value is IInvocationOperation { TargetMethod.ContainingType.Name: "TimeSpan", Arguments.Length: >= 1 } call
                && OnlyFirstArgumentGiven(call)
                && call.Arguments[0].Value.ConstantValue is { HasValue: true } constant)
            {
                double v = Convert.ToDouble(constant.Value, CultureInfo.InvariantCulture);
                return call.TargetMethod.Name switch
                {
                    "FromMilliseconds" => v,
                    "FromSeconds" => v * 1000,
                    "FromMinutes" => v * 60000,
                    _ => null,
                };
            }
        }

        return null;
    }
}
