using LlmCallAnalyzers.Cli.Prometheus;
using LlmCallAnalyzers.Cli.Statistics;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary>The parts of confirm --prometheus that need no server: bucket arithmetic, windows, selectors, queries.</summary>
public class PrometheusPartsTests
{
    private static readonly double[] s_bounds = { 0, 1, 2, 3, 4, 6, 8, 10, 12, 16, 20, double.PositiveInfinity };

    private static BucketedCallCounts Buckets(params int[] values)
    {
        var cumulative = s_bounds.Select(b => new KeyValuePair<double, double>(b, values.Count(v => v <= b)));
        return new BucketedCallCounts(cumulative);
    }

    [Fact]
    public void Buckets_say_what_they_can_about_the_largest_and_the_quantiles()
    {
        var calls = Buckets(1, 2, 3, 3, 5, 15);
        Assert.Equal(6, calls.Total);
        Assert.Equal("1", calls.Smallest.ToString());
        Assert.Equal("≤ 16", calls.Largest.ToString());
        Assert.Equal(13, calls.Largest.Low);
        Assert.Equal("3", calls.QuantileRange(0.5).ToString());
        Assert.Equal("> 20", Buckets(1, 30).Largest.ToString());
    }

    [Fact]
    public void Above_a_bucket_bound_is_certain_inside_a_bucket_only_possible()
    {
        var calls = Buckets(3, 13, 15, 17);
        Assert.Equal(3, calls.CountAbove(12));
        Assert.Equal(3, calls.CountPossiblyAbove(12));
        Assert.Equal(1, calls.CountAbove(13));
        Assert.Equal(3, calls.CountPossiblyAbove(13));
    }

    [Fact]
    public void Extrapolated_counts_are_rounded_and_kept_cumulative()
    {
        var calls = new BucketedCallCounts(new[]
        {
            new KeyValuePair<double, double>(1, 10.4),
            new KeyValuePair<double, double>(2, 10.2),
            new KeyValuePair<double, double>(double.PositiveInfinity, 12.6),
        });
        Assert.Equal(13, calls.Total);
        Assert.Equal(new long[] { 10, 10, 13 }, calls.Buckets.Select(b => b.Cumulative));
    }

    [Fact]
    public void Windows_come_from_a_duration_or_from_start_and_end()
    {
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var week = QueryWindow.Parse(null, null, null, now);
        Assert.Equal(now.AddDays(-7), week.Start);
        Assert.Equal("604800s", week.Range);
        Assert.Equal("5400s", QueryWindow.Parse("1h30m", null, null, now).Range);
        var explicitWindow = QueryWindow.Parse(null, "2026-11-01T00:00:00Z", "1796083200", now);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), explicitWindow.Start);
        Assert.Equal(now, explicitWindow.End);
    }

    [Theory]
    [InlineData("7x", null, null, "--window '7x': not a duration")]
    [InlineData("7d", "2026-11-01T00:00:00Z", null, "--window and --start exclude each other")]
    [InlineData(null, "yesterday", null, "--start 'yesterday': not a time")]
    [InlineData(null, "2026-12-02T00:00:00Z", null, "the window is empty")]
    public void Bad_windows_name_the_option(string? window, string? start, string? end, string expected)
    {
        var ex = Assert.Throws<CliException>(() => QueryWindow.Parse(window, start, end, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Queries_sum_increase_over_the_window_by_task_with_the_extra_matchers()
    {
        var queries = new RuntimeQueries("{service=\"checkout\"}", "604800s");
        Assert.Equal("sum by (llm_task_name, le) (increase(llm_task_calls_bucket{service=\"checkout\"}[604800s]))", queries.CallBuckets);
        Assert.Equal("sum by (llm_task_name, llm_task_outcome) (increase(llm_task_outcome_total{service=\"checkout\"}[604800s]))", queries.Outcomes);
        Assert.Equal("sum by (llm_task_name) (increase(llm_task_estimate_exceeded_total{}[1d]))", new RuntimeQueries(null, "1d").Exceeded);
        Assert.Throws<CliException>(() => new RuntimeQueries("a=\"b\"}[5m]", "1d"));
    }

    [Fact]
    public void Burn_rate_rules_follow_the_workbook()
    {
        var rules = AlertRules.Build(new[] { new SloTarget { Task = "Shop.Checkout", Availability = 0.995, CallLimit = 12 } }, null);
        var alerts = rules.Groups.SelectMany(g => g.Rules).Where(r => r.Alert == AlertRules.BurnAlert).ToList();
        Assert.Equal(new[] { "14.4", "6", "3", "1" }, alerts.Select(a => a.Labels!["burn_rate"]));
        Assert.Equal(new[] { "page", "page", "ticket", "ticket" }, alerts.Select(a => a.Labels!["severity"]));
        Assert.Contains("(1 - llm_task:success_ratio:rate1h{llm_task_name=\"Shop.Checkout\"}) > 0.072", alerts[0].Expr);
        Assert.Contains("(1 - llm_task:success_ratio:rate5m{llm_task_name=\"Shop.Checkout\"}) > 0.072", alerts[0].Expr);
        Assert.Equal(7, rules.Groups[0].Rules.Count);
        Assert.Single(rules.Groups.SelectMany(g => g.Rules), r => r.Alert == AlertRules.ExceededAlert);
    }
}
