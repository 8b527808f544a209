namespace LlmCallAnalyzers.Prometheus.Tests.Infrastructure;

/// <summary>
/// A Prometheus server holding a month of the runtime's task metrics, backfilled with <c>promtool tsdb
/// create-blocks-from openmetrics</c> (<see cref="OpenMetricsHistory"/>): 30 days at a 30-minute step, ending four hours
/// ago (clear of the server's head block).
/// </summary>
public sealed class BackfilledPrometheus : IAsyncLifetime
{
    private string _root = string.Empty;

    public static IReadOnlyList<HistoryTask> Tasks { get; } = new[]
    {
        // Once a day (every 48th step) one invocation makes 15 calls against an estimate of 12.
        new HistoryTask(HistoryTasks.Track, 2, (r, step, i) => (step % 48 == 0 && i == 0 ? 15 : r.Next(3, 11), r.NextDouble() < 0.01), 12),
        new HistoryTask(HistoryTasks.Quote, 4, (r, _, _) => (r.Next(1, 5), r.NextDouble() < 0.001), 4),
        new HistoryTask(HistoryTasks.Answer, 3, (r, _, _) => (r.Next(1, 4), r.NextDouble() < 0.03), 3),
        // Exactly 13 calls now and then: at the estimate, inside the bucket (12, 16].
        new HistoryTask(HistoryTasks.Route, 1, (r, step, _) => (step % 100 == 0 ? 13 : r.Next(5, 13), r.NextDouble() < 0.02), 13),
    };

    public DateTimeOffset Start { get; private set; }

    public DateTimeOffset End { get; private set; }

    public IReadOnlyDictionary<string, HistoryTotals> Totals { get; private set; } = new Dictionary<string, HistoryTotals>();

    public PrometheusServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _root = Directory.CreateTempSubdirectory("llmslo-backfill-").FullName;
        var now = DateTimeOffset.UtcNow;
        End = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero) - TimeSpan.FromHours(4);
        Start = End - TimeSpan.FromDays(30);
        var (totals, files) = OpenMetricsHistory.Write(_root, Tasks, Start, End, TimeSpan.FromMinutes(30), seed: 19);
        Totals = totals;
        string data = Path.Combine(_root, "data");
        foreach (string file in files)
        {
            var result = await ToolProcess.RunAsync("promtool", "tsdb", "create-blocks-from", "openmetrics", "--quiet", file, data);
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        Server = await PrometheusServer.StartAsync(dataDirectory: data);
    }

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
