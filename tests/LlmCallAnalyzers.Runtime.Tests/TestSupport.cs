using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

// Listeners and the rate limiter are process-wide: run the tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace LlmCallAnalyzers.Runtime.Tests;

/// <summary>
/// A fake LLM provider behind the real Microsoft.Extensions.AI <see cref="IChatClient"/> interface: answers every
/// call, fails each one independently with <see cref="FailureProbability"/> (seeded, so runs are deterministic).
/// </summary>
public sealed class FakeProviderChatClient : IChatClient
{
    private readonly Random _random;
    private readonly object _lock = new();
    private int _calls;

    public FakeProviderChatClient(double failureProbability = 0, int seed = 12345, string provider = "fake-provider", string model = "fake-model")
    {
        FailureProbability = failureProbability;
        _random = new Random(seed);
        Metadata = new ChatClientMetadata(provider, new Uri("https://llm.example.test:8443/v1"), model);
    }

    public double FailureProbability { get; }

    public ChatClientMetadata Metadata { get; }

    /// <summary>Yield (and optionally delay) inside each call so that concurrent calls interleave.</summary>
    public TimeSpan? Delay { get; set; }

    public bool YieldInsideCall { get; set; }

    /// <summary>Streaming: updates per stream, and the index of the update before which enumeration throws (or -1).</summary>
    public int StreamUpdates { get; set; } = 3;

    public int StreamThrowAt { get; set; } = -1;

    public int Calls => Volatile.Read(ref _calls);

    public Func<Exception> FailureFactory { get; set; } = () => new HttpRequestException("fake provider: 503 Service Unavailable");

    public ChatResponse? LastResponse { get; private set; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (YieldInsideCall)
        {
            await Task.Yield();
        }

        if (Delay is TimeSpan delay)
        {
            await Task.Delay(delay, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (NextFails())
        {
            throw FailureFactory();
        }

        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer"))
        {
            ModelId = options?.ModelId ?? Metadata.DefaultModelId,
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 2 },
        };
        LastResponse = response;
        return response;
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        for (int i = 0; i < StreamUpdates; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            if (i == StreamThrowAt)
            {
                throw FailureFactory();
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, "part" + i) { ModelId = Metadata.DefaultModelId };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? Metadata :
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private bool NextFails()
    {
        if (FailureProbability <= 0)
        {
            return false;
        }

        lock (_lock)
        {
            return _random.NextDouble() < FailureProbability;
        }
    }
}

/// <summary>Collects the stopped activities of the given sources.</summary>
public sealed class ActivityCollector : IDisposable
{
    private readonly ActivityListener _listener;

    public ActivityCollector(params string[] sources)
    {
        var names = new HashSet<string>(sources.Length == 0 ? new[] { LlmTelemetry.SourceName } : sources);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => names.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => Stopped.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<Activity> Stopped { get; } = new();

    public List<Activity> Tasks(string? namePrefix = null) =>
        Stopped.Where(a => a.OperationName == LlmTelemetry.TaskSpanName
                           && (namePrefix is null || ((string?)a.GetTagItem(LlmTelemetry.TaskNameAttribute))?.StartsWith(namePrefix, StringComparison.Ordinal) == true))
               .ToList();

    public List<Activity> GenAi(string operation = "chat") =>
        Stopped.Where(a => a.GetTagItem(LlmTelemetry.GenAiOperationName) as string == operation).ToList();

    public void Dispose() => _listener.Dispose();
}

/// <summary>Collects measurements of the LlmCallAnalyzers meter.</summary>
public sealed class MetricCollector : IDisposable
{
    private readonly MeterListener _listener = new();

    public MetricCollector()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LlmTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements { get; } = new();

    public List<(string Instrument, double Value, Dictionary<string, object?> Tags)> For(string instrument, string taskName) =>
        Measurements.Where(m => m.Instrument == instrument && m.Tags.TryGetValue(LlmTelemetry.TaskNameAttribute, out var n) && (string?)n == taskName).ToList();

    public void Dispose() => _listener.Dispose();

    private void Add<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var dict = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            dict[tag.Key] = tag.Value;
        }

        Measurements.Enqueue((instrument.Name, Convert.ToDouble(value), dict));
    }
}
