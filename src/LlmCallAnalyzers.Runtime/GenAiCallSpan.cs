using System.Collections.Generic;

namespace LlmCallAnalyzers.Runtime;

/// <summary>
/// What a GenAI call span says before the call is made: its operation, display name, provider, requested model and
/// server. A middleware keeps one for its default model, so the span's first tags are one array built once and handed
/// to <c>ActivitySource.StartActivity</c> (which copies them without the lock each <c>Activity.AddTag</c> takes);
/// samplers see them too.
/// </summary>
internal sealed class GenAiCallSpan
{
    public GenAiCallSpan(string operation, string? provider, string? model, string? serverAddress, object? serverPort)
    {
        Operation = operation;
        Model = model;
        MetricTags = provider is null
            ? (model is null ? new KeyValuePair<string, object?>[0] : new[] { LlmTelemetry.Tag(LlmTelemetry.GenAiRequestModel, model) })
            : (model is null
                ? new[] { LlmTelemetry.Tag(LlmTelemetry.GenAiProviderName, provider) }
                : new[] { LlmTelemetry.Tag(LlmTelemetry.GenAiProviderName, provider), LlmTelemetry.Tag(LlmTelemetry.GenAiRequestModel, model) });
        DisplayName = model is null ? operation : operation + " " + model;

        var tags = new List<KeyValuePair<string, object?>>(5) { LlmTelemetry.Tag(LlmTelemetry.GenAiOperationName, operation) };
        if (provider is not null)
        {
            tags.Add(LlmTelemetry.Tag(LlmTelemetry.GenAiProviderName, provider));
        }

        if (model is not null)
        {
            tags.Add(LlmTelemetry.Tag(LlmTelemetry.GenAiRequestModel, model));
        }

        if (serverAddress is not null)
        {
            tags.Add(LlmTelemetry.Tag(LlmTelemetry.ServerAddress, serverAddress));
            if (serverPort is not null)
            {
                tags.Add(LlmTelemetry.Tag(LlmTelemetry.ServerPort, serverPort));
            }
        }

        Tags = tags.ToArray();
    }

    /// <summary>The GenAI operation (<c>chat</c>, <c>text_completion</c>, <c>embeddings</c>, …): the span's name.</summary>
    public string Operation { get; }

    /// <summary>The requested model, when known.</summary>
    public string? Model { get; }

    /// <summary><c>{operation} {model}</c>, or the operation alone.</summary>
    public string DisplayName { get; }

    /// <summary>The tags of the <c>llm.model.calls</c> counter: <c>gen_ai.provider.name</c> and <c>gen_ai.request.model</c> (those known).</summary>
    public KeyValuePair<string, object?>[] MetricTags { get; }

    /// <summary><c>gen_ai.operation.name</c>, <c>gen_ai.provider.name</c>, <c>gen_ai.request.model</c>, <c>server.*</c> (those known).</summary>
    public KeyValuePair<string, object?>[] Tags { get; }
}
