using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using LlmCallAnalyzers.Runtime;
using Microsoft.Extensions.AI;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

if (args.Length > 0 && args[0] == "paired")
{
    return PairedComparison.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(ChatClientOverhead).Assembly).Run(args);
return 0;

/// <summary>
/// Per-call cost of the runtime middleware against a bare client and against Microsoft.Extensions.AI's
/// OpenTelemetryChatClient, under each <see cref="Telemetry"/> listener (none, the OpenTelemetry SDK exporting traces,
/// and exporting traces and metrics). Each operation is one GetResponseAsync on a provider that answers synchronously
/// with a cached response (with token usage, as real providers report). <c>_InTask</c> counts each call into a running task;
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
    private OpenTelemetryListener? _listener;
    private LlmTaskScope? _task;

    /// <summary>Who listens: nobody, the OpenTelemetry SDK exporting both libraries' traces, or their traces and metrics.</summary>
    [Params(Telemetry.None, Telemetry.Traces, Telemetry.TracesAndMetrics)]
    public Telemetry Listener { get; set; }

    private IChatClient? _otherPipeline;
    private IChatClient _llmTaskNested = null!;

    [GlobalSetup(Target = nameof(BareClient))]
    public void SetupBare() => Setup(p => _bare = p);

    /// <summary>
    /// Also builds a second, separate <c>UseLlmTaskTelemetry()</c> pipeline over another provider, as an application with
    /// two providers has: separate pipelines must not make each other's calls dearer (nested ones:
    /// <see cref="UseLlmTaskTelemetry_Nested_InTask"/>).
    /// </summary>
    [GlobalSetup(Target = nameof(UseLlmTaskTelemetry_NoTask))]
    public void SetupLlmTask() => Setup(p =>
    {
        _llmTask = p.AsBuilder().UseLlmTaskTelemetry().Build();
        _otherPipeline = new InstantProvider().AsBuilder().UseLlmTaskTelemetry().Build();
    });

    /// <summary>The middleware twice in one pipeline, in a task: the outer one finds the inner one and passes calls through.</summary>
    [GlobalSetup(Target = nameof(UseLlmTaskTelemetry_Nested_InTask))]
    public void SetupLlmTaskNested()
    {
        Setup(p => _llmTaskNested = p.AsBuilder().UseLlmTaskTelemetry().UseLlmTaskTelemetry().Build());
        _task = LlmTask.Start("Bench.Agent.Run");
    }

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

    /// <summary>
    /// <c>UseOpenTelemetry()</c> called inside the same kind of task as <see cref="UseLlmTaskTelemetry_InTask"/>: its
    /// spans get the task's span as parent, so the two in-task figures compare like for like.
    /// </summary>
    [GlobalSetup(Target = nameof(UseOpenTelemetry_InTask))]
    public void SetupOpenTelemetryInTask()
    {
        SetupOpenTelemetry();
        _task = LlmTask.Start("Bench.Agent.Run");
    }

    [GlobalSetup(Target = nameof(GenAiSpanOnly))]
    public void SetupSpanOnly() => Setup(p => _spanOnly = new SpanOnlyChatClient(p));

    private void Setup(Action<IChatClient> build)
    {
        build(new InstantProvider());
        _listener = OpenTelemetryListener.Start(Listener);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_task is not null)
        {
            // Proof that the calls were counted into the task (printed in the benchmark's log; UseOpenTelemetry() counts none).
            Console.WriteLine($"// task Bench.Agent.Run counted {_task.CallCount} calls");
            _task.Dispose();
        }

        _otherPipeline?.Dispose();
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

    /// <summary>What nesting costs: the outer middleware passes each call to the inner one, which counts and traces it.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task UseLlmTaskTelemetry_Nested_InTask()
    {
        for (int i = 0; i < Calls; i++)
        {
            await _llmTaskNested.GetResponseAsync(s_messages);
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

    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task UseOpenTelemetry_InTask()
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
    private static readonly Task<ChatResponse> s_response = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
    {
        ModelId = "m",
        Usage = new UsageDetails { InputTokenCount = 12, OutputTokenCount = 3, TotalTokenCount = 15 },
    });
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
    private OpenTelemetryListener? _listener;

    [Params(Telemetry.None, Telemetry.Traces, Telemetry.TracesAndMetrics)]
    public Telemetry Listener { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _listener = OpenTelemetryListener.Start(Listener);
    }

    [GlobalCleanup]
    public void Cleanup() => _listener?.Dispose();

    [Benchmark]
    public void StartAndDisposeTask()
    {
        using LlmTaskScope task = LlmTask.Start("Bench.Agent.Run");
    }
}

/// <summary>Who listens to the telemetry of both libraries during a benchmark.</summary>
public enum Telemetry
{
    /// <summary>No listener: what a process without OpenTelemetry pays.</summary>
    None,

    /// <summary>The OpenTelemetry SDK with a <c>TracerProvider</c> exporting both libraries' spans.</summary>
    Traces,

    /// <summary>
    /// The OpenTelemetry SDK exporting both libraries' spans and metrics: the configuration Microsoft.Extensions.AI's
    /// documentation shows (<c>WithTracing(AddSource(…))</c> and <c>WithMetrics(AddMeter(…))</c>).
    /// </summary>
    TracesAndMetrics,
}

/// <summary>
/// The real OpenTelemetry SDK (not a hand-made <c>ActivityListener</c>): a <c>TracerProvider</c> sampling every span of
/// <c>LlmCallAnalyzers</c>, <c>Experimental.Microsoft.Extensions.AI</c> and the floor's source, each exported
/// synchronously to an exporter that counts and discards it; for <see cref="Telemetry.TracesAndMetrics"/> also a
/// <c>MeterProvider</c> aggregating both libraries' meters (collected on demand, so no background thread competes with
/// the benchmark). The exporters count what they got: the benchmark's log shows the spans really were exported.
/// </summary>
internal sealed class OpenTelemetryListener : IDisposable
{
    private static readonly string[] s_sources = [LlmTelemetry.SourceName, "Experimental.Microsoft.Extensions.AI", SpanOnlyChatClient.SourceName];
    private static readonly string[] s_meters = [LlmTelemetry.MeterName, "Experimental.Microsoft.Extensions.AI"];

    private readonly CountingExporter<Activity> _spans = new();
    private readonly CountingExporter<Metric> _metrics = new();
    private readonly TracerProvider _tracing;
    private readonly MeterProvider? _metering;
    private readonly BaseExportingMetricReader? _reader;

    private OpenTelemetryListener(bool metrics)
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(s_sources)
            .AddProcessor(new SimpleActivityExportProcessor(_spans))
            .Build();
        if (metrics)
        {
            _reader = new BaseExportingMetricReader(_metrics);
            _metering = Sdk.CreateMeterProviderBuilder().AddMeter(s_meters).AddReader(_reader).Build();
        }
    }

    public static OpenTelemetryListener? Start(Telemetry telemetry) =>
        telemetry == Telemetry.None ? null : new OpenTelemetryListener(telemetry == Telemetry.TracesAndMetrics);

    public void Dispose()
    {
        _reader?.Collect();
        Console.WriteLine($"// OpenTelemetry exported {_spans.Count} spans and {_metrics.Count} metric points");
        _metering?.Dispose();
        _tracing.Dispose();
    }

    /// <summary>An exporter that counts what it is given and drops it (the benchmark measures the pipeline, not I/O).</summary>
    private sealed class CountingExporter<T> : BaseExporter<T>
        where T : class
    {
        public long Count { get; private set; }

        public override ExportResult Export(in Batch<T> batch)
        {
            foreach (T item in batch)
            {
                if (item is Metric metric)
                {
                    foreach (ref readonly MetricPoint _ in metric.GetMetricPoints())
                    {
                        Count++;
                    }
                }
                else
                {
                    Count++;
                }
            }

            return ExportResult.Success;
        }
    }
}
