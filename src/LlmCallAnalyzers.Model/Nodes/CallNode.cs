using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Model;

/// <summary>One logical LLM call.</summary>
public sealed class CallNode : CallTree
{
    internal CallNode(string provider, string? model, bool fineTuned, string? label)
    {
        Provider = provider;
        Model = model;
        FineTuned = fineTuned;
        Label = label;
    }

    /// <summary>The provider key (lower case, e.g. <c>openai</c>), used for per-provider parameters and outages.</summary>
    public string Provider { get; }

    /// <summary>The model or deployment, when known.</summary>
    public string? Model { get; }

    /// <summary>True when the model is a fine-tuned model or adapter that can be unloaded when idle.</summary>
    public bool FineTuned { get; }

    /// <summary>A display label (e.g. the method called).</summary>
    public string? Label { get; }

    /// <inheritdoc />
    public override ImmutableArray<CallTree> ChildNodes => ImmutableArray<CallTree>.Empty;
}
