using System.Globalization;
using LlmCallAnalyzers.Cli;
using LlmCallAnalyzers.Prometheus.Tests.Infrastructure;

namespace LlmCallAnalyzers.Prometheus.Tests;

/// <summary>
/// <c>confirm --prometheus</c> over a backfilled month: with the window on the history's first and last samples
/// <c>increase()</c> has nothing to extrapolate, so every count is exact and can be checked against what was written.
/// </summary>
public sealed class BackfillConfirmTests : IClassFixture<BackfilledPrometheus>
{
    private readonly BackfilledPrometheus _history;

    public BackfillConfirmTests(BackfilledPrometheus history) => _history = history;

    private static string Estimates => typeof(HistoryTasks).Assembly.Location;

    private string Url => _history.Server.Url.ToString();

    private string Start => _history.Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private string End => _history.End.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_month_gives_exact_counts_and_the_verdicts_the_history_calls_for()
    {
        var result = await Llmslo.RunAsync("confirm", "--prometheus", Url, "--start", Start, "--end", End, "--estimates", Estimates, "--format", "json");
        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        var tasks = ConfirmJson.Tasks(result.Output);
        foreach (var (name, totals) in _history.Totals)
        {
            Assert.Equal(totals.Succeeded, tasks[name].Succeeded);
            Assert.Equal(totals.Failed, tasks[name].Failed);
            Assert.Equal("buckets", tasks[name].Resolution);
        }

        var track = tasks[HistoryTasks.Track];
        Assert.Equal("exceeded", track.Verdict);
        Assert.Equal(30, _history.Totals[HistoryTasks.Track].Exceeded);
        Assert.Equal(30, track.Exceeded);
        Assert.Equal(16, track.MaxCalls);
        Assert.Equal("confirmed", tasks[HistoryTasks.Quote].Verdict);
        Assert.Equal("below_slo", tasks[HistoryTasks.Answer].Verdict);

        // 13 calls against an estimate of 13: inside the bucket (12, 16], so "possibly" and no more.
        var route = tasks[HistoryTasks.Route];
        Assert.Equal("confirmed", route.Verdict);
        Assert.Equal(0, _history.Totals[HistoryTasks.Route].Exceeded);
        Assert.True(route.PossiblyExceeded > 0, route.ToString());
    }

    [Fact]
    public async Task The_table_says_what_bucket_resolution_allows()
    {
        var result = await Llmslo.RunAsync("confirm", "--prometheus", Url, "--start", Start, "--end", End, "--estimates", Estimates);
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        long track = _history.Totals[HistoryTasks.Track].Invocations;
        Assert.Contains($"max ≤ 16 calls > estimate 12 in 30 of {track} tasks", result.Output);
        Assert.Contains("may exceed it: the histogram buckets cannot tell", result.Output);
        Assert.Contains("1 exceeded, 1 below SLO", result.Output);
    }

    [Fact]
    public async Task A_window_before_the_end_is_the_same_as_start_and_end()
    {
        var byWindow = await Llmslo.RunAsync("confirm", "--prometheus", Url, "--window", "30d", "--end", End, "--estimates", Estimates, "--format", "json");
        var byStart = await Llmslo.RunAsync("confirm", "--prometheus", Url, "--start", Start, "--end", End, "--estimates", Estimates, "--format", "json");
        Assert.Equal(ConfirmJson.Tasks(byStart.Output).Values, ConfirmJson.Tasks(byWindow.Output).Values);

        var lastDay = await Llmslo.RunAsync("confirm", "--prometheus", Url, "--window", "1d", "--end", End, "--estimates", Estimates, "--format", "json");
        long seen = ConfirmJson.Tasks(lastDay.Output)[HistoryTasks.Quote].Seen;
        Assert.InRange(seen, 4 * 48 * 0.95, 4 * 48 * 1.05);
    }

    [Fact]
    public async Task A_selector_narrows_every_query()
    {
        var result = await Llmslo.RunAsync("confirm", "--prometheus", Url, "--start", Start, "--end", End, "--estimates", Estimates, "--format", "json",
            "--selector", $"llm_task_name=\"{HistoryTasks.Quote}\"");
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var tasks = ConfirmJson.Tasks(result.Output);
        Assert.Equal("confirmed", tasks[HistoryTasks.Quote].Verdict);
        Assert.Equal("not_seen", tasks[HistoryTasks.Track].Verdict);
    }

    [Fact]
    public async Task Write_availability_and_markdown_work_from_Prometheus()
    {
        string file = Path.Combine(Path.GetTempPath(), $"llm-availability-{Guid.NewGuid():N}.txt");
        try
        {
            var result = await Llmslo.RunAsync("confirm", "--prometheus", Url, "--start", Start, "--end", End, "--estimates", Estimates, "--format", "markdown", "--write-availability", file);
            Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
            Assert.Contains($"| `{HistoryTasks.Track}` |", result.Output);
            Assert.Contains("Queried ", result.Output);
            Assert.Contains(Url, File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("service=\"nowhere\"", "no llm_task_outcome_total or llm_task_calls_bucket series matching {service=\"nowhere\"}")]
    [InlineData("service==\"x\"", "Prometheus rejected the query (bad_data:")]
    public async Task Absent_metrics_and_rejected_queries_are_one_line_and_exit_2(string selector, string expected)
    {
        var result = await Llmslo.RunAsync("confirm", "--prometheus", Url, "--start", Start, "--end", End, "--selector", selector);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task A_server_that_is_not_Prometheus_or_not_there_is_one_line_and_exit_2()
    {
        var notTheApi = await Llmslo.RunAsync("confirm", "--prometheus", Url + "not/prometheus/");
        Assert.Equal(ExitCodes.BadInput, notTheApi.ExitCode);
        Assert.Contains("HTTP 404", notTheApi.Error);
        Assert.Contains("is not a Prometheus HTTP API answer", notTheApi.Error);

        var nobody = await Llmslo.RunAsync("confirm", "--prometheus", $"http://127.0.0.1:{FreePort.Get()}", "--window", "1h");
        Assert.Equal(ExitCodes.BadInput, nobody.ExitCode);
        Assert.Contains("cannot reach Prometheus", nobody.Error);
        Assert.Single(nobody.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
