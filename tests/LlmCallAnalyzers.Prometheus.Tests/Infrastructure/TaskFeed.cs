using LlmCallAnalyzers.Runtime;
using Microsoft.Extensions.AI;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ResearchAgent;

namespace LlmCallAnalyzers.Prometheus.Tests.Infrastructure;

/// <summary>
/// An application as production runs it: tasks through the runtime (<c>LlmTask</c> + <c>UseLlmTaskTelemetry()</c>), its
/// meter exposed by the OpenTelemetry Prometheus exporter on a free port for Prometheus to scrape, and its spans written
/// as OTLP JSON Lines for <c>confirm --telemetry</c>: the same tasks reach both.
/// </summary>
public sealed class TaskFeed : IDisposable
{
    private readonly MeterProvider _meters;
    private readonly TracerProvider _traces;
    private readonly IChatClient _client;
    private bool _disposed;

    public TaskFeed(string tracesPath)
    {
        Port = FreePort.Get();
        _meters = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("feed"))
            .AddMeter(LlmTelemetry.MeterName)
            .AddPrometheusHttpListener(options =>
            {
                options.Host = "127.0.0.1";
                options.Port = Port;
            })
            .Build();
        _traces = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("feed"))
            .AddSource(LlmTelemetry.SourceName)
            .SetSampler(new AlwaysOnSampler())
            .AddProcessor(new SimpleActivityExportProcessor(new OtlpJsonLinesExporter(tracesPath)))
            .Build();
        _client = new ChatClientBuilder(new ScriptedChatClient()).UseLlmTaskTelemetry().Build();
    }

    /// <summary>The exporter's port (<c>/metrics</c>).</summary>
    public int Port { get; }

    /// <summary>Runs one invocation of <paramref name="task"/> that makes <paramref name="calls"/> calls and fails when <paramref name="fail"/>.</summary>
    public async Task RunAsync(string task, int calls, bool fail = false)
    {
        using var scope = LlmTask.Start(task);
        for (int i = 0; i < calls; i++)
        {
            await _client.GetResponseAsync("question " + i);
        }

        if (fail)
        {
            scope.MarkFailed(new InvalidOperationException("the task failed"));
        }
    }

    /// <summary>Flushes the spans and stops the exporter: Prometheus' next scrape fails and the series go stale.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _client.Dispose();
        _traces.ForceFlush();
        _traces.Dispose();
        _meters.Dispose();
    }
}
