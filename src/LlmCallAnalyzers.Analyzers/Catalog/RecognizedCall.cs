using System.Collections.Concurrent;

namespace LlmCallAnalyzers.Analyzers.Catalog;

/// <summary>A recognized LLM call: which provider it goes to and how to name it in messages.</summary>
internal sealed class RecognizedCall
{
    public RecognizedCall(string provider, string? model, string label, EntryPointKind kind)
    {
        Provider = provider;
        Model = model;
        Label = label;
        Kind = kind;
    }

    public string Provider { get; }

    public string? Model { get; }

    public string Label { get; }

    public EntryPointKind Kind { get; }
}
