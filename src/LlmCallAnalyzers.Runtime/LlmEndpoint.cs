
namespace LlmCallAnalyzers.Runtime;

/// <summary>What a request URI says about an LLM call: the GenAI operation, the provider and (when in the path) the model.</summary>
public readonly struct LlmEndpoint
{
    /// <summary>Creates an endpoint description.</summary>
    /// <param name="operation">The <c>gen_ai.operation.name</c>.</param>
    /// <param name="provider">The <c>gen_ai.provider.name</c>, or null when unknown.</param>
    /// <param name="model">The model or deployment named in the path, or null.</param>
    public LlmEndpoint(string operation, string? provider, string? model)
    {
        Operation = operation;
        Provider = provider;
        Model = model;
    }

    /// <summary>The <c>gen_ai.operation.name</c>: <c>chat</c>, <c>text_completion</c> or <c>generate_content</c>.</summary>
    public string Operation { get; }

    /// <summary>The <c>gen_ai.provider.name</c>, or null when the host is not a known provider.</summary>
    public string? Provider { get; }

    /// <summary>The model or deployment named in the path (Azure OpenAI deployments, Gemini, Bedrock), or null.</summary>
    public string? Model { get; }
}
