using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace LlmCallAnalyzers.Runtime.Tests;

/// <summary>
/// A fake provider serving one fine-tuned model behind the real <see cref="IChatClient"/> interface, on a fake clock:
/// after idling longer than <see cref="UnloadAfter"/> the model is unloaded and the next call takes <see cref="ColdMs"/>
/// (reload included); otherwise <see cref="WarmMs"/>. Each call advances the clock by its latency.
/// </summary>
public sealed class ColdModelChatClient : IChatClient
{
    private readonly FakeTimeProvider _time;
    private readonly Random _random = new(4242);
    private DateTimeOffset? _lastEnd;

    public ColdModelChatClient(FakeTimeProvider time, string model = "ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4")
    {
        _time = time;
        Metadata = new ChatClientMetadata("openai", new Uri("https://api.openai.com/v1"), model);
    }

    public ChatClientMetadata Metadata { get; }

    public TimeSpan UnloadAfter { get; set; } = TimeSpan.FromMinutes(15);

    public double WarmMs { get; set; } = 800;

    public double ColdMs { get; set; } = 4600;

    /// <summary>Relative jitter of the latency (uniform ±).</summary>
    public double Jitter { get; set; } = 0.05;

    public Func<Exception>? Fail { get; set; }

    public List<(ChatOptions? Options, string Prompt, bool Cold, double LatencyMs, DateTimeOffset At)> Requests { get; } = new();

    public int ColdStarts => Requests.Count(r => r.Cold);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (Fail is not null)
        {
            lock (Requests)
            {
                Requests.Add((options, string.Concat(messages.Select(m => m.Text)), false, 0, _time.GetUtcNow()));
            }

            throw Fail();
        }

        DateTimeOffset now = _time.GetUtcNow();
        bool cold = _lastEnd is null || now - _lastEnd.Value > UnloadAfter;
        double latency = (cold ? ColdMs : WarmMs) * (1 + ((_random.NextDouble() * 2) - 1) * Jitter);
        _time.Advance(TimeSpan.FromMilliseconds(latency));
        _lastEnd = _time.GetUtcNow();
        lock (Requests)
        {
            Requests.Add((options, string.Concat(messages.Select(m => m.Text)), cold, latency, now));
        }

        bool keepWarm = options?.MaxOutputTokens == 1;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, keepWarm ? "ok" : "billing"))
        {
            ModelId = options?.ModelId ?? Metadata.DefaultModelId,
            Usage = new UsageDetails { InputTokenCount = 8, OutputTokenCount = keepWarm ? 1 : 40 },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChatResponse response = await GetResponseAsync(messages, options, cancellationToken);
        yield return new ChatResponseUpdate(ChatRole.Assistant, response.Text) { ModelId = response.ModelId };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? Metadata :
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
