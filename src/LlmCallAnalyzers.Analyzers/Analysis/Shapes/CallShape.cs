using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>A recognized LLM call (SDK entry point, [LlmCall] wrapper or catalog-file entry).</summary>
internal sealed class CallShape : Shape
{
    public CallShape(string provider, string? model, string label, Location location, LoopContext? loop, int hiddenMaxCalls, string? hiddenReason, ValueFacts receiver)
    {
        Provider = provider;
        Model = model;
        Label = label;
        Location = location;
        Loop = loop;
        HiddenMaxCalls = hiddenMaxCalls;
        HiddenReason = hiddenReason;
        Receiver = receiver;
    }

    public string Provider { get; }

    public string? Model { get; }

    public string Label { get; }

    public Location Location { get; }

    public LoopContext? Loop { get; }

    /// <summary>When above 1, one call makes up to this many model requests (function invocation, auto-invoke).</summary>
    public int HiddenMaxCalls { get; }

    public string? HiddenReason { get; }

    /// <summary>Facts about the receiver that are only known once the member's assignments are read (a field's initializer), at composition.</summary>
    public ValueFacts Receiver { get; }
}
