using LlmCallAnalyzers.Cli.Telemetry;
using LlmCallAnalyzers.Model.ColdStarts;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary>The cold-start collector: idle gaps from all calls in any order, and memory bounded however many calls.</summary>
public sealed class ColdStartCollectorTests
{
    private const double Minute = 60_000;

    private static long Nanos(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks * 100;

    [Fact]
    public void Idle_gaps_match_the_detector_whatever_the_order_the_calls_arrive_in()
    {
        // Overlapping and touching calls, added shuffled: the gap before each call is the detector's (start order).
        var random = new Random(5);
        var t0 = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        var calls = Enumerable.Range(0, 2000)
            .Select(_ => new ColdStartObservation(t0.AddMilliseconds(random.Next(0, 50_000_000)), random.Next(0, 4) == 0 ? 0 : random.Next(200, 30_000)))
            .GroupBy(o => o.Start).Select(g => g.First())   // equal starts: the detector breaks ties by position
            .ToList();
        var expected = ColdStartDetector.WithIdleGaps(calls).ToDictionary(o => o.Start, o => o.IdleGapMs);

        var busy = new BusyPeriods(maxPeriods: 1 << 20);
        foreach (var call in calls.OrderBy(_ => random.Next()))
        {
            busy.Add(Nanos(call.Start), Nanos(call.End));
        }

        foreach (var call in calls)
        {
            double? gap = busy.IdleGapBeforeMs(Nanos(call.Start));
            double? want = expected[call.Start];
            if (want is null) Assert.Null(gap);
            else Assert.Equal(want.Value, gap!.Value, 3);
        }

        Assert.Equal(Nanos(calls.Min(c => c.Start)), busy.FirstStart);
        Assert.Equal(Nanos(calls.Max(c => c.End)), busy.LastEnd);
    }

    [Fact]
    public void Beyond_the_bound_the_shortest_gaps_close_and_the_long_ones_stay_exact()
    {
        var busy = new BusyPeriods(maxPeriods: 64);
        long second = 1_000_000_000;
        long time = 1_800_000_000L * second;
        var longGaps = new List<long>();
        for (int i = 0; i < 1000; i++)
        {
            long gap = i % 50 == 49 ? (3600 + i) * second : (1 + (i % 7)) * second;
            if (gap > 3600 * second) longGaps.Add(gap);
            time += gap;
            busy.Add(time, time + second);
            time += second;
        }

        Assert.True(busy.Count <= 64, "periods " + busy.Count);
        Assert.InRange(busy.MergedGapNanos, 1 * second, 7 * second);
        var gaps = busy.IdleGaps().ToList();
        Assert.All(gaps, g => Assert.True(g > busy.MergedGapNanos));
        Assert.Equal(longGaps, gaps.Where(g => g > 3600 * second));
    }

    [Fact]
    public void A_hundred_thousand_calls_keep_memory_bounded_and_still_show_the_cold_starts()
    {
        // Half the periods may stay open after closing the shortest gaps: more than the 15,000 long gaps.
        var limits = new ColdStartLimits { MaxBusyPeriodsPerModel = 65_536, SamplesPerGapOctave = 256 };
        var collector = new ColdStartCollector(limits);
        var timeline = ColdStartConfirmTests.Timeline(seed: 13, warm: 85_000, cold: 15_000);
        var noTasks = Array.Empty<ulong>();
        var oneTask = new ulong[] { 42 };

        // Two "files" (processes), each in time order, read one after the other.
        var ordered = timeline.Where((_, i) => i % 2 == 0).Concat(timeline.Where((_, i) => i % 2 == 1));
        int n = 0;
        foreach (var (start, latency, _) in ordered)
        {
            var trace = new TraceId(1, (ulong)++n);
            long s = Nanos(start);
            collector.Add(new CompletedModelCall(trace, ColdStartConfirmTests.FineTuned, s, s + (long)(latency * 1e6), false, false, false), n % 2 == 0 ? oneTask : noTasks);
        }

        var model = Assert.Single(collector.Models);
        Assert.True(model.BusyPeriodCount <= 65_536, "periods " + model.BusyPeriodCount);
        Assert.True(model.KeptCalls <= ColdStartSampler.Buckets * 256, "kept " + model.KeptCalls);

        var result = Assert.Single(collector.Analyze());
        Assert.Equal(ColdStartVerdict.ColdStarts, result.Verdict);
        Assert.True(result.Sampled);
        Assert.True(result.MergedGapMs > 0, "no gap was closed");
        Assert.Equal(100_000, result.Calls);
        Assert.InRange(result.Analysis.IdleThresholdMs!.Value, 10 * Minute, 25 * Minute);
        Assert.InRange(result.Analysis.Cold!.P50Ms, 4600 * 0.95, 4600 * 1.05);
        Assert.InRange(result.Analysis.Warm!.P50Ms, 800 * 0.95, 800 * 1.05);
        Assert.InRange(result.ColdCalls, 15_000 * 0.95, 15_000 * 1.05);
        Assert.Equal(50_000, result.TasksWithCalls);
        Assert.InRange(result.TasksPaid, 7_500 * 0.9, 7_500 * 1.1);
    }

    [Fact]
    public void Failed_synthetic_and_untimed_calls_are_not_analyzed()
    {
        var collector = new ColdStartCollector();
        var trace = new TraceId(1, 1);
        long s = Nanos(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
        collector.Add(new CompletedModelCall(trace, "m", s, s + 1_000_000, failed: true, synthetic: false, taggedColdStart: true), Array.Empty<ulong>());
        collector.Add(new CompletedModelCall(trace, "m", s, s + 1_000_000, failed: false, synthetic: true, taggedColdStart: false), Array.Empty<ulong>());
        collector.Add(new CompletedModelCall(trace, "m", 0, 0, false, false, false), Array.Empty<ulong>());
        collector.Add(new CompletedModelCall(trace, null, s, s, false, false, false), Array.Empty<ulong>());

        var model = Assert.Single(collector.Models);
        Assert.Equal(0, model.Calls);
        Assert.Equal(1, model.FailedCalls);
        Assert.Equal(1, model.SyntheticCalls);
        Assert.Equal(1, model.TaggedColdCalls);
        Assert.Equal(0, model.KeptCalls);
        Assert.Equal(1, collector.UntimedCalls);
        Assert.Equal(1, collector.CallsWithoutModel);
        Assert.Empty(collector.Analyze());
    }
}
