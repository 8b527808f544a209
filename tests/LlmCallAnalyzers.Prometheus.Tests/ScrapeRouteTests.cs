using LlmCallAnalyzers.Cli.Prometheus;
using LlmCallAnalyzers.Prometheus.Tests.Infrastructure;

namespace LlmCallAnalyzers.Prometheus.Tests;

/// <summary>
/// The production route: tasks through the runtime, the OpenTelemetry Prometheus exporter, a real Prometheus scraping it
/// every second; the same tasks' spans in an OTLP JSON Lines file. <c>confirm --prometheus</c> and <c>confirm
/// --telemetry</c> must reach the same verdict for every task.
/// </summary>
[Collection(RuntimeMeterCollection.Name)]
public sealed class ScrapeRouteTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("llmslo-scrape-").FullName;
    private PrometheusServer _server = null!;
    private TaskFeed _feed = null!;

    private string Traces => Path.Combine(_root, "traces.jsonl");

    private static string Estimates => typeof(FeedTasks).Assembly.Location;

    public async Task InitializeAsync()
    {
        _feed = new TaskFeed(Traces);
        _server = await PrometheusServer.StartAsync(new[] { _feed.Port });
    }

    public async Task DisposeAsync()
    {
        _feed.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Confirm_from_Prometheus_gives_the_verdicts_of_confirm_from_the_trace_file()
    {
        // increase() cannot see what a series already held when it was first scraped: start every series the run
        // will use (task × outcome) with one invocation and wait until Prometheus holds them all.
        await _feed.RunAsync(FeedTasks.Checkout, 3);
        await _feed.RunAsync(FeedTasks.Search, 2);
        await _feed.RunAsync(FeedTasks.Summarize, 1);
        await _feed.RunAsync(FeedTasks.Summarize, 1, fail: true);
        await _server.WaitForAsync($"count({RuntimeMetrics.TaskCalls.Count})", r => r.Count == 1 && r[0].Value >= 4, TimeSpan.FromSeconds(60));

        // The run, over several scrapes: Checkout 40 invocations of 3..10 calls and one of 15 (estimate 12); Search 60
        // of 2 calls; Summarize 40 of 1 call, every other one failing (SLO 99 %).
        int total = 4;
        for (int batch = 0; batch < 4; batch++)
        {
            for (int i = 0; i < 10; i++)
            {
                await _feed.RunAsync(FeedTasks.Checkout, batch == 2 && i == 5 ? 15 : 3 + ((batch + i) % 8));
                await _feed.RunAsync(FeedTasks.Search, 2);
                await _feed.RunAsync(FeedTasks.Search, 2);
                await _feed.RunAsync(FeedTasks.Search, 2);
                await _feed.RunAsync(FeedTasks.Summarize, 1, fail: i % 2 == 0);
                total += 5;
            }

            await Task.Delay(1200);
        }

        await _server.WaitForAsync($"sum({RuntimeMetrics.TaskOutcome.Name})", r => r.Count == 1 && r[0].Value == total, TimeSpan.FromSeconds(60));
        await Task.Delay(2500);

        // The names Prometheus stored are the ones the CLI derives from the instrument names.
        var names = (await _server.QueryAsync("count by (__name__) ({__name__=~\"llm_.*\"})")).Select(s => s.Label("__name__")).ToHashSet();
        Assert.Contains(RuntimeMetrics.TaskCalls.Bucket, names);
        Assert.Contains(RuntimeMetrics.TaskCalls.Sum, names);
        Assert.Contains(RuntimeMetrics.TaskCalls.Count, names);
        Assert.Contains(RuntimeMetrics.TaskDuration.Bucket, names);
        Assert.Contains(RuntimeMetrics.TaskOutcome.Name, names);
        Assert.Contains(RuntimeMetrics.EstimateExceeded.Name, names);
        var les = (await _server.QueryAsync($"count by (le) ({RuntimeMetrics.TaskCalls.Bucket})")).Select(s => s.Label("le")).ToList();
        var twelve = await _server.QueryAsync($"{RuntimeMetrics.TaskCalls.Bucket}{{{RuntimeMetrics.TaskNameLabel}=\"{FeedTasks.Checkout}\",le=\"12.0\"}}");
        Assert.True(twelve.Count == 1, "le values: " + string.Join(", ", les));
        var bucket = twelve[0];
        Assert.Equal(RuntimeMetrics.Success, bucket.Label(RuntimeMetrics.TaskOutcomeLabel));
        Assert.Equal("LlmCallAnalyzers", bucket.Label("otel_scope_name"));

        // The application stops: its series go stale, and confirm still reads them through increase().
        _feed.Dispose();
        await Task.Delay(1500);

        var files = await Llmslo.RunAsync("confirm", "--telemetry", Traces, "--estimates", Estimates, "--format", "json");
        var metrics = await Llmslo.RunAsync("confirm", "--prometheus", _server.Url.ToString(), "--window", "10m", "--estimates", Estimates, "--format", "json");
        Assert.True(files.ExitCode == 1, files.ToString());
        Assert.True(metrics.ExitCode == 1, metrics.ToString());
        var fromFiles = ConfirmJson.Tasks(files.Output);
        var fromMetrics = ConfirmJson.Tasks(metrics.Output);

        foreach (string task in new[] { FeedTasks.Checkout, FeedTasks.Search, FeedTasks.Summarize })
        {
            Assert.True(fromFiles[task].Verdict == fromMetrics[task].Verdict, $"{task}: files {fromFiles[task]} vs Prometheus {fromMetrics[task]}\n{metrics}");
            // increase() extrapolates to the window's edges and misses each series' first scrape: close, not equal.
            Assert.InRange(fromMetrics[task].Seen, fromFiles[task].Seen * 0.8, fromFiles[task].Seen * 1.2);
        }

        Assert.Equal("exceeded", fromMetrics[FeedTasks.Checkout].Verdict);
        Assert.Equal(15, fromFiles[FeedTasks.Checkout].MaxCalls);
        Assert.Equal(16, fromMetrics[FeedTasks.Checkout].MaxCalls);
        Assert.Equal("buckets", fromMetrics[FeedTasks.Checkout].Resolution);
        Assert.Equal("confirmed", fromMetrics[FeedTasks.Search].Verdict);
        Assert.Equal("below_slo", fromMetrics[FeedTasks.Summarize].Verdict);

        // Per-call availability from llm_model_calls_total, as from the model-call spans.
        string files2 = Path.Combine(_root, "llm-availability-files.txt"), metrics2 = Path.Combine(_root, "llm-availability-metrics.txt");
        await Llmslo.RunAsync("confirm", "--telemetry", Traces, "--write-availability", files2, "--min-calls", "10");
        await Llmslo.RunAsync("confirm", "--prometheus", _server.Url.ToString(), "--window", "10m", "--write-availability", metrics2, "--min-calls", "10");
        Assert.Contains("chat-client = 1   #", File.ReadAllText(files2));
        Assert.Contains("chat-client = 1   #", File.ReadAllText(metrics2));

        var table = await Llmslo.RunAsync("confirm", "--prometheus", _server.Url.ToString(), "--window", "10m", "--estimates", Estimates);
        Assert.Contains("max ≤ 16 calls > estimate 12", table.Output);
        Assert.Contains("Queried " + _server.Url, table.Output);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RuntimeMeterCollection
{
    /// <summary>Tests that listen to the runtime's process-wide meter run alone.</summary>
    public const string Name = "runtime meter";
}
