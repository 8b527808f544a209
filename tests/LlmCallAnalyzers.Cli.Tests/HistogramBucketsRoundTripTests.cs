using System.Diagnostics.Metrics;
using LlmCallAnalyzers.Cli.Statistics;
using LlmCallAnalyzers.Model.Contracts;
using LlmCallAnalyzers.Runtime;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary>
/// The call-count buckets the runtime advises for <c>llm.task.calls</c> are what <c>llmslo confirm</c> resolves: every
/// invocation's calls, filed by the runtime's own bounds as Prometheus files them (cumulative, <c>le</c>, <c>+Inf</c>),
/// read back by <see cref="BucketedCallCounts"/> to the bucket that holds it.
/// </summary>
public sealed class HistogramBucketsRoundTripTests
{
    [Fact]
    public void The_runtime_advises_the_contracts_bounds()
    {
        Assert.Equal(HistogramBuckets.TaskCalls.Select(b => (double)b), AdvisedBounds(LlmTelemetry.TaskCallsMetric));
        Assert.Equal(HistogramBuckets.TaskDurationSeconds, AdvisedBounds(LlmTelemetry.TaskDurationMetric));
    }

    [Fact]
    public void Every_call_count_reads_back_as_the_bucket_that_holds_it()
    {
        var bounds = AdvisedBounds(LlmTelemetry.TaskCallsMetric).Append(double.PositiveInfinity).ToList();
        for (long calls = 0; calls <= 300; calls++)
        {
            // One invocation with `calls` calls, as the exporter's cumulative buckets show it.
            var read = new BucketedCallCounts(bounds.Select(le => new KeyValuePair<double, double>(le, calls <= le ? 1 : 0)));
            var largest = read.Largest;

            Assert.InRange(calls, largest.Low, largest.High ?? long.MaxValue);
            int index = bounds.FindIndex(le => calls <= le);
            Assert.Equal(double.IsPositiveInfinity(bounds[index]) ? null : (long)bounds[index], largest.High);
            Assert.Equal(index == 0 ? 0 : (long)bounds[index - 1] + 1, largest.Low);
            Assert.Equal(HistogramBuckets.TaskCalls.Contains((int)calls) && (index == 0 || bounds[index - 1] == calls - 1), largest.IsExact);
        }
    }

    /// <summary>The bucket bounds the runtime's instrument advises (what an exporter writes as <c>le</c>).</summary>
    private static List<double> AdvisedBounds(string metric)
    {
        _ = LlmTelemetry.Meter;
        List<double>? bounds = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name != LlmTelemetry.MeterName || instrument.Name != metric) return;
                bounds = instrument switch
                {
                    Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
                    Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToList(),
                    _ => null,
                };
            },
        };
        listener.Start();
        return bounds ?? throw new InvalidOperationException(metric + " has no bucket advice");
    }
}
