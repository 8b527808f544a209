using Microsoft.Extensions.AI;

namespace LlmCallAnalyzers.Prometheus.Tests.Infrastructure;

/// <summary>An offline provider: answers every request at once with "ok" (the runtime counts the calls above it).</summary>
public sealed class ScriptedChatClient : IChatClient
{
    private static readonly ChatClientMetadata s_metadata = new("scripted", new Uri("http://127.0.0.1/"), "scripted-model");

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { ModelId = "scripted-model" });

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null)
        => serviceKey is null && serviceType == typeof(ChatClientMetadata) ? s_metadata : null;

    public void Dispose()
    {
    }
}
