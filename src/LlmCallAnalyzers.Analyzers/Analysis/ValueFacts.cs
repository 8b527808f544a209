using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// What the analyzer knows about a value (a client, a pipeline, a model id) from the expression that built it:
/// a chat client built with function invocation, a Polly pipeline with retry or hedging, a string constant.
/// </summary>
internal sealed class ValueFacts
{
    public static readonly ValueFacts None = new();

    /// <summary>Model requests one call through the value can make (function invocation rounds), when it hides fan-out.</summary>
    public int? HiddenMaxCalls { get; init; }

    /// <summary>What hides the fan-out, for messages ("UseFunctionInvocation(), MaximumIterationsPerRequest 40").</summary>
    public string? HiddenReason { get; init; }

    /// <summary>Extra attempts of a Polly retry strategy in the pipeline.</summary>
    public int RetryAttempts { get; init; }

    /// <summary>Extra attempts of a Polly hedging strategy in the pipeline.</summary>
    public int HedgedAttempts { get; init; }

    /// <summary>Hedging delay in milliseconds when stated.</summary>
    public double HedgingDelayMs { get; init; }

    /// <summary>A string constant the value holds (a model id).</summary>
    public string? StringConstant { get; init; }

    /// <summary>The model id a client was created for (e.g. <c>new ChatClient("ft:...", key)</c>).</summary>
    public string? ModelId { get; init; }

    /// <summary>The value is (a copy of) this field or property, whose facts are known only at compilation end.</summary>
    public ISymbol? AliasOf { get; init; }

    /// <summary>The lambda or method a delegate value runs when invoked (a field assigned <c>prompt =&gt; client.GetResponseAsync(prompt)</c>).</summary>
    public IMethodSymbol? Delegate { get; init; }

    /// <summary>A multi-agent workflow (or a builder of one) and what its construction in view says.</summary>
    public OrchestrationPlan? Orchestration { get; init; }

    public bool IsEmpty => HiddenMaxCalls is null && RetryAttempts == 0 && HedgedAttempts == 0 && StringConstant is null && ModelId is null && AliasOf is null && Delegate is null && Orchestration is null;

    /// <summary>Facts of a value derived from <paramref name="inner"/> with these facts added on top.</summary>
    public ValueFacts Over(ValueFacts inner) => new()
    {
        HiddenMaxCalls = HiddenMaxCalls ?? inner.HiddenMaxCalls,
        HiddenReason = HiddenReason ?? inner.HiddenReason,
        RetryAttempts = RetryAttempts + inner.RetryAttempts,
        HedgedAttempts = HedgedAttempts + inner.HedgedAttempts,
        HedgingDelayMs = HedgedAttempts > 0 ? HedgingDelayMs : inner.HedgingDelayMs,
        StringConstant = StringConstant ?? inner.StringConstant,
        ModelId = ModelId ?? inner.ModelId,
        AliasOf = AliasOf ?? inner.AliasOf,
        Delegate = Delegate ?? inner.Delegate,
        Orchestration = OrchestrationPlan.Combine(Orchestration, inner.Orchestration),
    };
}
