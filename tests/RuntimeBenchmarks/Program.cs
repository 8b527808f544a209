using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using LlmCallAnalyzers.Runtime;
using Microsoft.Extensions.AI;

BenchmarkSwitcher.FromAssembly(typeof(ChatClientOverhead).Assembly).Run(args);

/// <summary>
/// Per-call cost of the runtime middleware against a bare client and against Microsoft.Extensions.AI's
/// OpenTelemetryChatClient, with and without an ActivityListener. Each operation is one GetResponseAsync on a
/// provider that answers synchronously with a cached response. <c>_InTask</c> counts each call into a running task;
/// <c>_NoTask</c> calls outside any task; <c>_NoDetector</c> turns cold-start detection off (what it costs per call).
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
    private IChatClient _spanOnly = null!;
    private ActivityListener? _listener;
    private LlmTaskScope? _task;

    /// <summary>Whether an ActivityListener samples both sources (as an OpenTelemetry SDK exporting them would).</summary>
    [Params(false, true)]
    public bool Listener { get; set; }

    // One client per benchmark process: every UseLlmTaskTelemetry() pipeline registers a counting layer, and two
    // layers in a process turn on the de-duplication guard (an AsyncLocal write per call) for all of them.
    [GlobalSetup(Target = nameof(BareClient))]
    public void SetupBare() => Setup(p => _bare = p);

    [GlobalSetup(Target = nameof(UseLlmTaskTelemetry_NoTask))]
    public void SetupLlmTask() => Setup(p => _llmTask = p.AsBuilder().UseLlmTaskTelemetry().Build());

    /// <summary>
    /// The calls run inside one task started here (a synchronous setup on the benchmark's thread: the scope stays
    /// current for every invocation), so the figure is the cost of a call counted into a running task; what starting
    /// and ending a task costs is <see cref="TaskScopeOverhead"/>.
    /// </summary>
    [GlobalSetup(Target = nameof(UseLlmTaskTelemetry_InTask))]
    public void SetupLlmTaskInTask()
    {
        SetupLlmTask();
        _task = LlmTask.Start("Bench.Agent.Run");
    }

    [GlobalSetup(Target = nameof(UseLlmTaskTelemetry_NoTask_NoDetector))]
    public void SetupLlmTaskNoDetector() => Setup(p => _llmTaskNoDetector = p.AsBuilder().UseLlmTaskTelemetry(o => o.ColdStartDetector = null).Build());

    [GlobalSetup(Target = nameof(UseOpenTelemetry))]
    public void SetupOpenTelemetry() => Setup(p => _otel = p.AsBuilder().UseOpenTelemetry().Build());

    [GlobalSetup(Target = nameof(GenAiSpanOnly))]
    public void SetupSpanOnly() => Setup(p => _spanOnly = new SpanOnlyChatClient(p));

    private void Setup(Action<IChatClient> build)
    {
        build(new InstantProvider());
        _listener = Listener ? SamplingListener.Start() : null;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_task is not null)
        {
            // Proof that the calls were counted into the task (printed in the benchmark's log).
            Console.WriteLine($"// task Bench.Agent.Run counted {_task.CallCount} calls");
            _task.Dispose();
        }

        _listener?.Dispose();
    }

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

    /// <summary>Only a GenAI span with four tags around the call (<see cref="SpanOnlyChatClient"/>): the floor of any tracing middleware.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task GenAiSpanOnly()
    {
        for (int i = 0; i < Calls; i++)
        {
            await _spanOnly.GetResponseAsync(s_messages);
        }
    }
}

/// <summary>
/// The floor both middlewares stand on: a middleware that only starts a GenAI span with the four tags of this call
/// (operation, provider, request model, response model) and stops it — no counting, no detection, no checks.
/// </summary>
internal sealed class SpanOnlyChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public const string SourceName = "LlmCallAnalyzers.Benchmarks.SpanOnly";
    private static readonly ActivitySource s_source = new(SourceName);

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Activity? span = s_source.StartActivity("chat", ActivityKind.Client);
        span?.AddTag("gen_ai.operation.name", "chat");
        span?.AddTag("gen_ai.provider.name", "bench");
        span?.AddTag("gen_ai.request.model", "m");
        Task<ChatResponse> response = base.GetResponseAsync(messages, options, cancellationToken);
        span?.AddTag("gen_ai.response.model", response.Result.ModelId);
        span?.Stop();
        return response;
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

/// <summary>
/// What a task itself costs, once per task whatever its calls: <c>LlmTask.Start</c> and disposing the scope (the
/// <c>llm.task</c> span when a listener samples it, the task metrics, the estimate lookup).
/// </summary>
[MemoryDiagnoser]
public class TaskScopeOverhead
{
    private ActivityListener? _listener;

    [Params(false, true)]
    public bool Listener { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _listener = Listener ? SamplingListener.Start() : null;
    }

    [GlobalCleanup]
    public void Cleanup() => _listener?.Dispose();

    [Benchmark]
    public void StartAndDisposeTask()
    {
        using LlmTaskScope task = LlmTask.Start("Bench.Agent.Run");
    }
}

/// <summary>
/// An ActivityListener that samples <c>LlmCallAnalyzers</c> and <c>Experimental.Microsoft.Extensions.AI</c> with
/// <c>AllDataAndRecorded</c>, as an OpenTelemetry SDK exporting both sources does.
/// </summary>
internal static class SamplingListener
{
    public static ActivityListener Start()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is LlmTelemetry.SourceName or "Experimental.Microsoft.Extensions.AI" or SpanOnlyChatClient.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
