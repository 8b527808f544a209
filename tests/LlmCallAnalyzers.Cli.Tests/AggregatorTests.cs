using LlmCallAnalyzers.Cli.Statistics;
using LlmCallAnalyzers.Cli.Telemetry;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary>The trace buffer stays bounded and the Wilson interval is right.</summary>
public sealed class AggregatorTests
{
    [Fact]
    public void The_buffer_stays_bounded_however_many_traces_and_every_task_is_counted()
    {
        var aggregator = new TaskAggregator(new AggregatorLimits { MaxBufferedSpans = 1000, RootedIdleSpans = 50, UnrootedIdleSpans = 5000 });
        const int traces = 20_000;
        for (ulong t = 1; t <= traces; t++)
        {
            var id = new TraceId(t, t);
            for (ulong c = 1; c <= 3; c++)
            {
                aggregator.Add(new SpanRecord { TraceId = id, SpanId = c, ParentSpanId = 10, Kind = SpanKind.ModelCall, Provider = "openai", Operation = "chat" });
            }

            aggregator.Add(new SpanRecord { TraceId = id, SpanId = 10, Kind = SpanKind.Task, TaskName = "Shop.Task" });
        }

        aggregator.CompleteAll();
        Assert.True(aggregator.PeakBufferedSpans <= 1001, "peak " + aggregator.PeakBufferedSpans);
        Assert.Equal(0, aggregator.BufferedSpans);
        var task = aggregator.Tasks["Shop.Task"];
        Assert.Equal(traces, task.Instances);
        Assert.Equal(3, task.Calls.Smallest.Low);
        Assert.Equal(3, task.Calls.Largest.Low);
        Assert.Equal(0, aggregator.CallsOutsideTasks);
    }

    [Fact]
    public void A_reported_call_count_larger_than_the_spans_wins()
    {
        var aggregator = new TaskAggregator();
        var id = new TraceId(1, 2);
        aggregator.Add(new SpanRecord { TraceId = id, SpanId = 2, ParentSpanId = 1, Kind = SpanKind.ModelCall, Operation = "chat" });
        aggregator.Add(new SpanRecord { TraceId = id, SpanId = 1, Kind = SpanKind.Task, TaskName = "T", ReportedCalls = 4 });
        aggregator.CompleteAll();
        Assert.Equal(4, aggregator.Tasks["T"].Calls.Largest.Low);
    }

    [Theory]
    [InlineData(0, 10, 0.0, 0.277533)]
    [InlineData(95, 100, 0.88825, 0.978456)]
    [InlineData(10, 10, 0.722467, 1.0)]
    [InlineData(980, 1000, 0.96931, 0.987016)]
    public void Wilson_interval_matches_published_values(long successes, long trials, double lower, double upper)
    {
        var interval = WilsonInterval.Compute(successes, trials);
        Assert.Equal(lower, interval.Lower, 5);
        Assert.Equal(upper, interval.Upper, 5);
    }

    [Fact]
    public void Histogram_quantiles_use_the_nearest_rank()
    {
        var histogram = new CountHistogram();
        for (int i = 1; i <= 100; i++) histogram.Add(i);
        Assert.Equal(50, histogram.Quantile(0.5));
        Assert.Equal(99, histogram.Quantile(0.99));
        Assert.Equal(100, histogram.Max);
        Assert.Equal(1, histogram.Min);
        Assert.Equal(10, histogram.CountAbove(90));
    }
}
