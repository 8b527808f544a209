namespace LlmCallAnalyzers.Model.Contracts;

/// <summary>
/// Values of <see cref="TelemetryNames.GenAiProviderName"/> (OpenTelemetry GenAI semantic conventions) that the runtime
/// writes when it recognizes a provider's endpoint, and that <see cref="ProviderKeys.ToAnalyzerKey"/> maps to
/// the analyzer's provider keys.
/// </summary>
public static class GenAiProviderNames
{
    /// <summary>OpenAI.</summary>
    public const string OpenAI = "openai";

    /// <summary>Azure OpenAI.</summary>
    public const string AzureOpenAI = "azure.ai.openai";

    /// <summary>Azure AI Inference.</summary>
    public const string AzureInference = "azure.ai.inference";

    /// <summary>Anthropic.</summary>
    public const string Anthropic = "anthropic";

    /// <summary>Google Gemini.</summary>
    public const string GcpGemini = "gcp.gemini";

    /// <summary>Google Vertex AI.</summary>
    public const string GcpVertexAI = "gcp.vertex_ai";

    /// <summary>AWS Bedrock.</summary>
    public const string AwsBedrock = "aws.bedrock";

    /// <summary>Ollama (not in the semantic conventions; the name its own instrumentation uses).</summary>
    public const string Ollama = "ollama";

    /// <summary>Mistral AI.</summary>
    public const string MistralAI = "mistral_ai";

    /// <summary>Groq.</summary>
    public const string Groq = "groq";

    /// <summary>Cohere.</summary>
    public const string Cohere = "cohere";

    /// <summary>DeepSeek.</summary>
    public const string DeepSeek = "deepseek";

    /// <summary>xAI.</summary>
    public const string XAI = "x_ai";

    /// <summary>Perplexity.</summary>
    public const string Perplexity = "perplexity";
}
