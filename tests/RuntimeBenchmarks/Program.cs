using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using LlmCallAnalyzers.Runtime;
using Microsoft.Extensions.AI;

BenchmarkSwitcher.FromAssembly(typeof(ChatClientOverhead).Assembly).Run(args);

/// <summary>
/// Per-call cost of the runtime middleware against a bare client and against Microsoft.Extensions.AI's
/// OpenTelemetryChatClient, with and without an ActivityListener. Each operation is one GetResponseAsync on a
/// provider that answers synchronously with a cached response; the UseLlmTaskTelemetry cases run inside a task
/// scope (Calls calls per task, the scope's own cost amortized over them).
/// </summary>
[MemoryDiagnoser]
public class ChatClientOverhead
{
    private const int Calls = 16;
    private static readonly List<ChatMessage> s_messages = [new ChatMessage(ChatRole.User, "hi")];

    private IChatClient _bare = null!;
    private IChatClient _llmTask = null!;
    private IChatClient _otel = null!;
    private ActivityListener? _listener;

    /// <summary>Whether an ActivityListener samples both sources (as an OpenTelemetry SDK exporting them would).</summary>
    [Params(false, true)]
    public bool Listener { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var provider = new InstantProvider();
        _bare = provider;
        _llmTask = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        _otel = provider.AsBuilder().UseOpenTelemetry().Build();
        if (Listener)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name is LlmTelemetry.SourceName or "Experimental.Microsoft.Extensions.AI",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(_listener);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _listener?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public async Task BareClient()
    {
        for (int i = 0; i < Calls; i++)
        {
            await _bare.GetResponseAsync(s_messages);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task UseLlmTaskTelemetry_InTask()
    {
        using LlmTaskScope task = LlmTask.Start("Bench.Agent.Run");
        for (int i = 0; i < Calls; i++)
        {
            await _llmTask.GetResponseAsync(s_messages);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task UseLlmTaskTelemetry_NoTask()
    {
        for (int i = 0; i < Calls; i++)
        {
            await _llmTask.GetResponseAsync(s_messages);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task UseOpenTelemetry()
    {
        for (int i = 0; i < Calls; i++)
        {
            await _otel.GetResponseAsync(s_messages);
        }
    }
}

/// <summary>A provider that answers at once with the same response (measures the pipeline, not the model).</summary>
internal sealed class InstantProvider : IChatClient
{
    private static readonly Task<ChatResponse> s_response = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { ModelId = "m" });
    private static readonly ChatClientMetadata s_metadata = new("bench", null, "m");

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => s_response;

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(ChatClientMetadata) ? s_metadata : null;

    public void Dispose()
    {
    }
}
