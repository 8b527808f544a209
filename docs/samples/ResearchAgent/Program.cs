using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Runtime;
using Microsoft.Extensions.AI;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ResearchAgent;

/// <summary>
/// Runs the research agent offline against the simulated provider.
/// <code>
/// dotnet run -- [--tasks N] [--telemetry out.jsonl] [--failure-rate 0.001] [--latency-ms 5]
///               [--cold-start-ms 0] [--keep-warm-ms 60000] [--concurrency 8] [--seed 42]
///               [--metrics-port 9464] [--duration-seconds 60] [--linger-seconds 15]
/// </code>
/// With <c>--telemetry</c> every task and model call is exported as OTLP JSON Lines for <c>llmslo confirm</c>; with
/// <c>--metrics-port</c> the runtime's task metrics are served for Prometheus to scrape (<c>confirm --prometheus</c>).
/// </summary>
internal static class Program
{
    private static readonly string[] s_topics = { "vector databases", "LLM evaluation", "retrieval augmentation", "prompt caching", "agent memory" };

    /// <summary>The entry point.</summary>
    private static async Task<int> Main(string[] args)
    {
        Settings settings;
        try
        {
            settings = Settings.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine("ResearchAgent: " + ex.Message);
            Console.Error.WriteLine("usage: dotnet run -- [--tasks N] [--telemetry FILE] [--failure-rate P] [--latency-ms MS] [--cold-start-ms MS] [--keep-warm-ms MS] [--concurrency N] [--seed N] [--metrics-port PORT] [--duration-seconds S] [--linger-seconds S]");
            return 2;
        }

        TracerProvider? tracing = null;
        if (settings.TelemetryPath is not null)
        {
            tracing = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("ResearchAgent"))
                .AddSource(LlmTelemetry.SourceName, ResearchService.Source.Name)
                .SetSampler(new AlwaysOnSampler())
                .AddProcessor(new BatchActivityExportProcessor(new OtlpJsonLinesExporter(settings.TelemetryPath), maxQueueSize: 65_536, maxExportBatchSize: 512))
                .Build();
        }

        MeterProvider? metrics = null;
        if (settings.MetricsPort is int port)
        {
            // The OpenTelemetry Prometheus exporter: http://127.0.0.1:PORT/metrics, for Prometheus to scrape.
            metrics = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("ResearchAgent"))
                .AddMeter(LlmTelemetry.MeterName)
                .AddPrometheusHttpListener(options =>
                {
                    options.Host = "127.0.0.1";
                    options.Port = port;
                })
                .Build();
            Console.WriteLine($"Metrics for Prometheus: http://127.0.0.1:{port}/metrics");
        }

        IChatClient client = new ChatClientBuilder(new SimulatedChatClient(settings.Provider))
            .UseLlmTaskTelemetry()
            .Build();
        var agent = new ResearchService(client);

        var random = new Random(settings.Provider.Seed);
        var plan = Enumerable.Range(0, settings.Tasks).Select(i => (Kind: Pick(random), Topic: s_topics[i % s_topics.Length])).ToList();
        var results = new List<(string Task, bool Ok, int Calls)>();
        var watch = Stopwatch.StartNew();
        var indexed = plan.Select((item, index) => (item.Kind, item.Topic, Index: index)).ToList();
        await Parallel.ForEachAsync(indexed, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency }, async (item, ct) =>
        {
            // Spread over --duration-seconds, so that a scraper sees the counters grow (increase() needs two samples).
            if (settings.DurationSeconds > 0)
            {
                var due = TimeSpan.FromSeconds(settings.DurationSeconds * item.Index / Math.Max(1, settings.Tasks));
                if (due > watch.Elapsed) await Task.Delay(due - watch.Elapsed, ct);
            }

            string name = item.Kind switch
            {
                0 => "ResearchAgent.ResearchService.ResearchAsync",
                1 => "ResearchAgent.ResearchService.QuickAnswerAsync",
                _ => "ResearchAgent.ResearchService.DeepResearchAsync",
            };
            using var scope = LlmTask.Start(name);
            bool ok = true;
            try
            {
                switch (item.Kind)
                {
                    case 0: await agent.ResearchAsync(item.Topic, ct); break;
                    case 1: await agent.QuickAnswerAsync("What is " + item.Topic + "?", ct); break;
                    default: await agent.DeepResearchAsync(item.Topic, ct); break;
                }
            }
            catch (SimulatedProviderException ex)
            {
                scope.MarkFailed(ex);
                ok = false;
            }

            lock (results)
            {
                results.Add((name, ok, scope.CallCount));
            }
        });

        tracing?.ForceFlush();
        tracing?.Dispose();
        if (metrics is not null)
        {
            // Stay up for the last scrapes, then stop: Prometheus marks the series stale, confirm still reads them.
            Console.WriteLine($"Serving the final metrics for {settings.LingerSeconds} s.");
            await Task.Delay(TimeSpan.FromSeconds(settings.LingerSeconds));
            metrics.Dispose();
        }

        Console.WriteLine($"Ran {results.Count} tasks in {watch.Elapsed.TotalSeconds:0.0} s against the simulated provider (failure rate {settings.Provider.FailureRate.ToString(CultureInfo.InvariantCulture)} per call).");
        foreach (var group in results.GroupBy(r => r.Task).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int ok = group.Count(r => r.Ok);
            Console.WriteLine($"  {group.Key}: {group.Count()} tasks, {ok} succeeded, calls {group.Min(r => r.Calls)}..{group.Max(r => r.Calls)}");
        }

        if (settings.TelemetryPath is not null)
        {
            Console.WriteLine($"Telemetry (OTLP JSON Lines): {settings.TelemetryPath}");
            Console.WriteLine($"Confirm it: dotnet run --project src/LlmCallAnalyzers.Cli -- confirm --telemetry {settings.TelemetryPath}");
        }

        return 0;
    }

    /// <summary>70 % research, 20 % quick answers, 10 % deep research.</summary>
    private static int Pick(Random random)
    {
        double r = random.NextDouble();
        return r < 0.7 ? 0 : r < 0.9 ? 1 : 2;
    }

    private sealed class Settings
    {
        public int Tasks { get; private set; } = 50;

        public int Concurrency { get; private set; } = 8;

        public string? TelemetryPath { get; private set; }

        public int? MetricsPort { get; private set; }

        public double DurationSeconds { get; private set; }

        public double LingerSeconds { get; private set; } = 15;

        public SimulatedProviderOptions Provider { get; } = new();

        public static Settings Parse(string[] args)
        {
            var settings = new Settings();
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value");
                double Number() => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 ? v : throw new ArgumentException(args[i - 1] + " needs a number ≥ 0");
                switch (args[i])
                {
                    case "--tasks": settings.Tasks = (int)Number(); break;
                    case "--concurrency": settings.Concurrency = Math.Max(1, (int)Number()); break;
                    case "--telemetry": settings.TelemetryPath = Value(); break;
                    case "--metrics-port": settings.MetricsPort = (int)Number(); break;
                    case "--duration-seconds": settings.DurationSeconds = Number(); break;
                    case "--linger-seconds": settings.LingerSeconds = Number(); break;
                    case "--failure-rate": settings.Provider.FailureRate = Math.Min(1, Number()); break;
                    case "--latency-ms": settings.Provider.LatencyMs = Number(); break;
                    case "--cold-start-ms": settings.Provider.ColdStartMs = Number(); break;
                    case "--keep-warm-ms": settings.Provider.KeepWarmMs = Number(); break;
                    case "--tool-call-rate": settings.Provider.ToolCallRate = Math.Min(1, Number()); break;
                    case "--seed": settings.Provider.Seed = (int)Number(); break;
                    default: throw new ArgumentException("unknown option " + args[i]);
                }
            }

            return settings;
        }
    }
}
