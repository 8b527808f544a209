using System;

namespace LlmCallAnalyzers.Model.Contracts;

/// <summary>
/// The analyzer's provider keys — under which it looks up a call's availability in <c>.editorconfig</c>
/// (<c>llm_call_analyzers.provider.KEY.*</c>) and in the measured-availability file — and how a telemetry provider
/// name maps to them. The abstraction keys <see cref="ChatClient"/>, <see cref="SemanticKernel"/> and
/// <see cref="Agent"/> name no provider at build time; the availability file gives them the availability measured over
/// all model calls.
/// </summary>
public static class ProviderKeys
{
    /// <summary>OpenAI and Azure OpenAI (same SDK types).</summary>
    public const string OpenAI = GenAiProviderNames.OpenAI;

    /// <summary>Anthropic.</summary>
    public const string Anthropic = GenAiProviderNames.Anthropic;

    /// <summary>Microsoft.Extensions.AI <c>IChatClient</c>: any provider.</summary>
    public const string ChatClient = "chat-client";

    /// <summary>Microsoft.Extensions.AI <c>IEmbeddingGenerator</c>: any provider.</summary>
    public const string EmbeddingGenerator = "embedding-generator";

    /// <summary>Semantic Kernel services and kernel invocations: any provider.</summary>
    public const string SemanticKernel = "semantic-kernel";

    /// <summary>Microsoft Agent Framework agents: any provider.</summary>
    public const string Agent = "agent";

    /// <summary>OllamaSharp.</summary>
    public const string Ollama = GenAiProviderNames.Ollama;

    /// <summary>AWS Bedrock.</summary>
    public const string Bedrock = "bedrock";

    /// <summary>An entry point of a catalog file (<c>llm-calls*.txt</c>) or an <c>[LlmCall]</c> wrapper that names no provider.</summary>
    public const string Custom = "custom";

    /// <summary>The telemetry provider name of a model call that names none (read as no analyzer key).</summary>
    public const string UnknownTelemetryProvider = "unknown";

    /// <summary>The keys measured over all calls of all providers (they name no provider at build time).</summary>
    public static readonly string[] AbstractionKeys = { ChatClient, SemanticKernel, Agent };

    /// <summary>
    /// The analyzer key of a telemetry provider name (<c>gen_ai.provider.name</c>, or the older <c>gen_ai.system</c>):
    /// the OpenAI and Azure OpenAI names → <see cref="OpenAI"/>; <see cref="GenAiProviderNames.Anthropic"/> →
    /// <see cref="Anthropic"/>; <see cref="GenAiProviderNames.AwsBedrock"/> → <see cref="Bedrock"/>;
    /// <see cref="GenAiProviderNames.Ollama"/> → <see cref="Ollama"/>; any other name as it is (lower case), for calls
    /// that a catalog file attributes to it. Null when the name is empty, <c>unknown</c> or cannot stand as a key.
    /// </summary>
    public static string? ToAnalyzerKey(string telemetryProvider)
    {
        if (string.IsNullOrWhiteSpace(telemetryProvider) || telemetryProvider == UnknownTelemetryProvider)
        {
            return null;
        }

        string name = telemetryProvider.Trim().ToLowerInvariant();
        switch (name)
        {
            case GenAiProviderNames.OpenAI:
            case GenAiProviderNames.AzureOpenAI:
            case "az.ai.openai":
            case "azure_openai":
            case "azure.openai":
                return OpenAI;
            case GenAiProviderNames.Anthropic:
                return Anthropic;
            case GenAiProviderNames.AwsBedrock:
            case "aws_bedrock":
            case Bedrock:
                return Bedrock;
            case GenAiProviderNames.Ollama:
                return Ollama;
            default:
                return IsKeyText(name) ? name : null;
        }
    }

    /// <summary>True when <paramref name="text"/> can stand as a key (no '=', '#', '/' or white space).</summary>
    public static bool IsKeyText(string text)
    {
        foreach (char c in text)
        {
            if (c is '=' or '#' or '/' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    /// <summary>True when <paramref name="model"/> can stand after '/' in a key.</summary>
    public static bool IsModelText(string model)
    {
        foreach (char c in model)
        {
            if (c is '=' or '#' or '\n' or '\r')
            {
                return false;
            }
        }

        return model.Trim().Length > 0 && model.Trim() == model;
    }
}
