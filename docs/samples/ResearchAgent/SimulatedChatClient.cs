using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace ResearchAgent;

/// <summary>The knobs of the simulated provider.</summary>
public sealed class SimulatedProviderOptions
{
    /// <summary>Probability that one call fails (throws <see cref="SimulatedProviderException"/>), as after the SDK's retries.</summary>
    public double FailureRate { get; set; } = 0.001;

    /// <summary>Latency of one call in milliseconds (uniform between half and one and a half times this).</summary>
    public double LatencyMs { get; set; } = 5;

    /// <summary>Extra latency of the first call to a model after it was idle longer than <see cref="KeepWarmMs"/> (0: no cold starts).</summary>
    public double ColdStartMs { get; set; }

    /// <summary>How long a model stays loaded without calls.</summary>
    public double KeepWarmMs { get; set; } = 60_000;

    /// <summary>Probability that the model asks for the search tool before answering a sub-question.</summary>
    public double ToolCallRate { get; set; } = 0.7;

    /// <summary>Probability that the model asks for one more search after seeing a search result.</summary>
    public double FollowUpToolCallRate { get; set; } = 0.3;

    /// <summary>The provider name reported in telemetry (<c>gen_ai.provider.name</c>).</summary>
    public string ProviderName { get; set; } = "openai";

    /// <summary>The model.</summary>
    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>Seed of the simulation.</summary>
    public int Seed { get; set; } = 42;
}

/// <summary>A failure of the simulated provider (what a 5xx after the SDK's own retries looks like to the caller).</summary>
public sealed class SimulatedProviderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulatedProviderException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// An offline <see cref="IChatClient"/> that behaves like a hosted model: it plans (a numbered list of sub-questions),
/// asks for the <c>search</c> tool before answering, summarizes — with a configurable failure rate, latency and cold
/// starts. Deterministic for a given seed (calls on several threads interleave, so runs differ in order only).
/// </summary>
public sealed class SimulatedChatClient : IChatClient
{
    private readonly SimulatedProviderOptions _options;
    private readonly Random _random;
    private readonly object _lock = new();
    private DateTime _lastCall = DateTime.MinValue;

    /// <summary>Creates the client.</summary>
    public SimulatedChatClient(SimulatedProviderOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
        Metadata = new ChatClientMetadata(options.ProviderName, new Uri("https://simulated.invalid/v1"), options.Model);
    }

    /// <summary>What the client reports about itself.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        double latency, roll, toolRoll;
        bool cold;
        lock (_lock)
        {
            var now = DateTime.UtcNow;
            cold = _options.ColdStartMs > 0 && (now - _lastCall).TotalMilliseconds > _options.KeepWarmMs;
            _lastCall = now;
            latency = _options.LatencyMs * (0.5 + _random.NextDouble());
            roll = _random.NextDouble();
            toolRoll = _random.NextDouble();
        }

        if (cold) latency += _options.ColdStartMs;
        if (latency > 0) await Task.Delay(TimeSpan.FromMilliseconds(latency), cancellationToken).ConfigureAwait(false);
        if (roll < _options.FailureRate)
        {
            throw new SimulatedProviderException("503 Service Unavailable (simulated)");
        }

        string prompt = list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        int toolResults = list.Sum(m => m.Contents.OfType<FunctionResultContent>().Count());
        bool toolResultPresent = toolResults > 0;
        bool canCallTool = options?.Tools?.Any(t => t.Name == "search") == true;
        ChatMessage reply;
        if (canCallTool && toolRoll < (toolResults == 0 ? _options.ToolCallRate : toolResults == 1 ? _options.FollowUpToolCallRate : 0))
        {
            var arguments = new Dictionary<string, object?> { ["query"] = prompt };
            reply = new ChatMessage(ChatRole.Assistant, new List<AIContent> { new FunctionCallContent(Guid.NewGuid().ToString("N"), "search", arguments) });
        }
        else if (prompt.StartsWith("Plan:", StringComparison.Ordinal))
        {
            string topic = prompt.Substring(5).Trim();
            reply = new ChatMessage(ChatRole.Assistant, string.Join("\n", new[]
            {
                $"1. What is {topic}?",
                $"2. What are the main risks of {topic}?",
                $"3. Who works on {topic}?",
                $"4. What changed in {topic} recently?",
                $"5. What should a newcomer to {topic} read first?",
            }));
        }
        else if (prompt.StartsWith("Summarize:", StringComparison.Ordinal))
        {
            reply = new ChatMessage(ChatRole.Assistant, "Summary: " + prompt.Substring(10).Trim().Split('\n').Length + " findings, consistent with each other.");
        }
        else
        {
            string evidence = toolResultPresent ? " (from search)" : string.Empty;
            reply = new ChatMessage(ChatRole.Assistant, "Answer to '" + prompt + "'" + evidence + ".");
        }

        return new ChatResponse(reply) { ModelId = _options.Model, FinishReason = ChatFinishReason.Stop };
    }

    /// <inheritdoc />
    async IAsyncEnumerable<ChatResponseUpdate> IChatClient.GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
        => serviceKey is null && serviceType == typeof(ChatClientMetadata) ? Metadata
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
            : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>The JSON of a search result (what the tool returns).</summary>
    public static string SearchResult(string query) => JsonSerializer.Serialize(new { query, results = new[] { "doc-1", "doc-2" } });
}
