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
    private IChatClient _llmTaskNoDetector = null!;
    private ActivityListener? _listener;

    /// <summary>Whether an ActivityListener samples both sources (as an OpenTelemetry SDK exporting them would).</summary>
    [Params(false, true)]
    public bool Listener { get; set; }

    // One client per benchmark process: every UseLlmTaskTelemetry() pipeline registers a counting layer, and two
    // layers in a process turn on the de-duplication guard (an AsyncLocal write per call) for all of them.
    [GlobalSetup(Target = nameof(BareClient))]
    public void SetupBare() => Setup(p => _bare = p);

    [GlobalSetup(Targets = new[] { nameof(UseLlmTaskTelemetry_InTask), nameof(UseLlmTaskTelemetry_NoTask) })]
    public void SetupLlmTask() => Setup(p => _llmTask = p.AsBuilder().UseLlmTaskTelemetry().Build());

    [GlobalSetup(Target = nameof(UseLlmTaskTelemetry_NoTask_NoDetector))]
    public void SetupLlmTaskNoDetector() => Setup(p => _llmTaskNoDetector = p.AsBuilder().UseLlmTaskTelemetry(o => o.ColdStartDetector = null).Build());

    [GlobalSetup(Target = nameof(UseOpenTelemetry))]
    public void SetupOpenTelemetry() => Setup(p => _otel = p.AsBuilder().UseOpenTelemetry().Build());

    private void Setup(Action<IChatClient> build)
    {
        build(new InstantProvider());
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

    /// <summary>Without cold-start detection (<c>ColdStartDetector = null</c>): what the detector costs per call.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task UseLlmTaskTelemetry_NoTask_NoDetector()
    {
        for (int i = 0; i < Calls; i++)
        {
            await _llmTaskNoDetector.GetResponseAsync(s_messages);
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
