using System;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Runtime;

/// <summary>Recognizes the request URIs of LLM calls (used by <see cref="LlmTaskTelemetryHandler"/>).</summary>
public static class LlmEndpoints
{
    /// <summary>
    /// Classifies <paramref name="uri"/>: true for model-call paths (<c>/chat/completions</c>, <c>/completions</c>,
    /// <c>/responses</c>, <c>/messages</c>, <c>:generateContent</c>, <c>:streamGenerateContent</c>, Ollama's
    /// <c>/api/chat</c> and <c>/api/generate</c>, Bedrock's <c>/converse</c> and <c>/invoke</c>) on any host; the
    /// provider is named from well-known hosts.
    /// </summary>
    /// <param name="uri">The request URI.</param>
    /// <param name="endpoint">The classification when true.</param>
    /// <returns>True when the URI is a model call.</returns>
    public static bool TryClassify(Uri uri, out LlmEndpoint endpoint)
    {
        endpoint = default;
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return false;
        }

        string path = uri.AbsolutePath.TrimEnd('/');
        string host = uri.Host;
        string? provider = ProviderOf(host);
        string? operation = null;
        string? model = null;

        if (EndsWith(path, "/chat/completions"))
        {
            operation = TelemetryNames.OperationChat;
            model = Segment(path, "/deployments/");
        }
        else if (EndsWith(path, "/completions"))
        {
            operation = TelemetryNames.OperationTextCompletion;
            model = Segment(path, "/deployments/");
        }
        else if (EndsWith(path, "/responses") || EndsWith(path, "/v1/messages"))
        {
            operation = TelemetryNames.OperationChat;
        }
        else if (EndsWith(path, ":generateContent") || EndsWith(path, ":streamGenerateContent"))
        {
            operation = TelemetryNames.OperationGenerateContent;
            model = Segment(path, "/models/");
            if (model is not null)
            {
                int colon = model.IndexOf(':');
                model = colon > 0 ? model.Substring(0, colon) : model;
            }
        }
        else if (EndsWith(path, "/api/chat") || EndsWith(path, "/api/generate"))
        {
            operation = EndsWith(path, "/api/chat") ? TelemetryNames.OperationChat : TelemetryNames.OperationTextCompletion;
            provider ??= GenAiProviderNames.Ollama;
        }
        else if (provider == GenAiProviderNames.AwsBedrock && (EndsWith(path, "/converse") || EndsWith(path, "/converse-stream") || EndsWith(path, "/invoke") || EndsWith(path, "/invoke-with-response-stream")))
        {
            operation = TelemetryNames.OperationChat;
            model = Segment(path, "/model/");
            if (model is not null)
            {
                model = Uri.UnescapeDataString(model);
            }
        }

        if (operation is null)
        {
            return false;
        }

        endpoint = new LlmEndpoint(operation, provider, model);
        return true;
    }

    private static string? ProviderOf(string host)
    {
        host = host.ToLowerInvariant();
        if (host == "api.openai.com")
        {
            return GenAiProviderNames.OpenAI;
        }

        if (host.EndsWith(".openai.azure.com", StringComparison.Ordinal))
        {
            return GenAiProviderNames.AzureOpenAI;
        }

        if (host.EndsWith(".services.ai.azure.com", StringComparison.Ordinal) || host.EndsWith(".inference.ai.azure.com", StringComparison.Ordinal) || host.EndsWith(".models.ai.azure.com", StringComparison.Ordinal))
        {
            return GenAiProviderNames.AzureInference;
        }

        if (host == "api.anthropic.com")
        {
            return GenAiProviderNames.Anthropic;
        }

        if (host == "generativelanguage.googleapis.com")
        {
            return GenAiProviderNames.GcpGemini;
        }

        if (host.EndsWith("aiplatform.googleapis.com", StringComparison.Ordinal))
        {
            return GenAiProviderNames.GcpVertexAI;
        }

        if (host.StartsWith("bedrock-runtime.", StringComparison.Ordinal) && host.EndsWith(".amazonaws.com", StringComparison.Ordinal))
        {
            return GenAiProviderNames.AwsBedrock;
        }

        if (host == "api.mistral.ai")
        {
            return GenAiProviderNames.MistralAI;
        }

        if (host == "api.groq.com")
        {
            return GenAiProviderNames.Groq;
        }

        if (host == "api.cohere.com" || host == "api.cohere.ai")
        {
            return GenAiProviderNames.Cohere;
        }

        if (host == "api.deepseek.com")
        {
            return GenAiProviderNames.DeepSeek;
        }

        if (host == "api.x.ai")
        {
            return GenAiProviderNames.XAI;
        }

        if (host == "api.perplexity.ai")
        {
            return GenAiProviderNames.Perplexity;
        }

        return null;
    }

    private static bool EndsWith(string path, string suffix) => path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);

    private static string? Segment(string path, string marker)
    {
        int start = path.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return null;
        }

        start += marker.Length;
        int end = path.IndexOf('/', start);
        string segment = end < 0 ? path.Substring(start) : path.Substring(start, end - start);
        return segment.Length == 0 ? null : segment;
    }
}
