using System;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>
/// Maps a telemetry provider name (<c>gen_ai.provider.name</c>, or the older <c>gen_ai.system</c>) to the analyzer's
/// provider key, under which the analyzer looks up a call's availability:
/// <c>openai</c>, <c>azure.ai.openai</c>, <c>az.ai.openai</c> → <c>openai</c> (the analyzer treats Azure OpenAI as OpenAI:
/// same SDK types); <c>anthropic</c> → <c>anthropic</c>; <c>aws.bedrock</c> → <c>bedrock</c>; <c>ollama</c> → <c>ollama</c>;
/// any other name is kept as it is (lower case), for calls that a catalog file (<c>llm-calls*.txt</c>) attributes to it.
/// The abstraction keys <c>chat-client</c> (IChatClient), <c>semantic-kernel</c> and <c>agent</c> name no provider at build
/// time; the availability file gives them the availability measured over all model calls.
/// </summary>
public static class ProviderKeys
{
    /// <summary>The analyzer keys measured over all calls of all providers.</summary>
    public static readonly string[] AbstractionKeys = { "chat-client", "semantic-kernel", "agent" };

    /// <summary>The analyzer key of <paramref name="telemetryProvider"/>, or null when the provider is unknown.</summary>
    public static string? ToAnalyzerKey(string telemetryProvider)
    {
        if (string.IsNullOrWhiteSpace(telemetryProvider) || telemetryProvider == "unknown")
        {
            return null;
        }

        string name = telemetryProvider.Trim().ToLowerInvariant();
        return name switch
        {
            "openai" or "azure.ai.openai" or "az.ai.openai" or "azure_openai" or "azure.openai" => "openai",
            "anthropic" => "anthropic",
            "aws.bedrock" or "aws_bedrock" or "bedrock" => "bedrock",
            "ollama" => "ollama",
            _ => IsKeyText(name) ? name : null,
        };
    }

    /// <summary>True when <paramref name="text"/> can stand as a key in the availability file (no '=', '#', '/' or spaces).</summary>
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

    /// <summary>True when <paramref name="model"/> can stand after '/' in the availability file.</summary>
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
