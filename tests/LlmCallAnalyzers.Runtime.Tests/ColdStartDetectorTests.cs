using System.Diagnostics;
using System.Net;
using LlmCallAnalyzers.Model.ColdStarts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace LlmCallAnalyzers.Runtime.Tests;

public sealed class ColdStartDetectorTests
{
    private const string FineTuned = "ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4";
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The reference traffic: most calls 1–10 minutes apart, every sixth after 25–90 minutes of idling.</summary>
    private static List<TimeSpan> IssueGaps(int calls, int seed = 17)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, calls)
            .Select(i => TimeSpan.FromMinutes(i % 6 == 5 ? 25 + (random.NextDouble() * 65) : 1 + (random.NextDouble() * 9)))
            .ToList();
    }

    [Fact]
    public async Task The_middleware_measures_the_idle_threshold_and_tags_cold_starts_on_the_spans()
    {
        using var activities = new ActivityCollector();
        using var metrics = new MetricCollector();
        var time = new FakeTimeProvider(Start);
        var detector = new LlmColdStartDetector(timeProvider: time);
        var provider = new ColdModelChatClient(time);
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry(o => o.ColdStartDetector = detector).Build();

        List<TimeSpan> gaps = IssueGaps(240);
        foreach (TimeSpan gap in gaps)
        {
            time.Advance(gap);
            await LlmTask.RunAsync("ColdStarts.Middleware.Classify", () => client.GetResponseAsync("classify this ticket"));
        }

        LlmModelColdStartSnapshot snapshot = detector.GetSnapshot(FineTuned)!;
        ColdStartAnalysis analysis = snapshot.Analysis;
        Assert.Equal(ColdStartVerdict.ColdStarts, analysis.Verdict);
        Assert.InRange(snapshot.IdleThreshold!.Value, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(25));
        Assert.Equal(snapshot.MeasuredIdleThreshold, snapshot.IdleThreshold);
        Assert.Null(snapshot.ConfiguredIdleThreshold);
        Assert.InRange(analysis.Cold!.P50Ms, 4600 * 0.95, 4600 * 1.05);
        Assert.InRange(analysis.Warm!.P50Ms, 800 * 0.95, 800 * 1.05);
        Assert.Equal(240, snapshot.Calls);
        Assert.InRange(snapshot.Samples, 150, 239);          // the first call has no gap; at most 64 are kept per gap octave
        Assert.Equal(detector.GetIdleThreshold(FineTuned), snapshot.IdleThreshold);
        Assert.Equal(TimeSpan.Zero, detector.GetIdleTime(FineTuned));   // the clock has not moved since the last call ended

        // Every span but the first carries the idle gap, measured from the previous call's end.
        List<Activity> spans = activities.GenAi().Where(a => a.GetTagItem(LlmTelemetry.TaskNameAttribute) as string == "ColdStarts.Middleware.Classify").ToList();
        Assert.Equal(240, spans.Count);
        Assert.Null(spans[0].GetTagItem(LlmTelemetry.ModelIdleMsAttribute));
        for (int i = 1; i < spans.Count; i++)
        {
            Assert.Equal((long)Math.Round(gaps[i].TotalMilliseconds), (long)spans[i].GetTagItem(LlmTelemetry.ModelIdleMsAttribute)!);
        }

        // Once the threshold is measured, each call after a long gap is tagged a cold start and no short-gap call is.
        List<Activity> tagged = spans.Where(s => s.GetTagItem(LlmTelemetry.ColdStartAttribute) is true).ToList();
        Assert.All(tagged, s => Assert.True((long)s.GetTagItem(LlmTelemetry.ModelIdleMsAttribute)! > TimeSpan.FromMinutes(10).TotalMilliseconds));
        // (About a dozen cold starts are needed before the claim: the first ones are not tagged.)
        int longGapCallsAfterWarmUp = Enumerable.Range(90, 150).Count(i => gaps[i] > TimeSpan.FromMinutes(20));
        int taggedAfterWarmUp = Enumerable.Range(90, 150).Count(i => spans[i].GetTagItem(LlmTelemetry.ColdStartAttribute) is true);
        Assert.True(longGapCallsAfterWarmUp >= 20);
        Assert.Equal(longGapCallsAfterWarmUp, taggedAfterWarmUp);
        Assert.Equal(tagged.Count, snapshot.ColdStartCalls);
        Assert.Equal(tagged.Count, metrics.Measurements.Count(m => m.Instrument == LlmTelemetry.ColdStartCallsMetric && (string?)m.Tags[LlmTelemetry.GenAiRequestModel] == FineTuned));

        // The provider's own truth agrees: every tagged call was cold.
        Assert.All(Enumerable.Range(0, 240).Where(i => spans[i].GetTagItem(LlmTelemetry.ColdStartAttribute) is true), i => Assert.True(provider.Requests[i].Cold));
    }

    [Fact]
    public void Gaps_are_null_first_zero_while_a_call_runs_and_failed_calls_end_gaps_without_being_analyzed()
    {
        var time = new FakeTimeProvider(Start);
        var detector = new LlmColdStartDetector(timeProvider: time);

        LlmColdStartDetector.Call first = detector.OnCallStarted("m", synthetic: false);
        Assert.Null(first.IdleGapMs);
        LlmColdStartDetector.Call overlapping = detector.OnCallStarted("m", synthetic: false);
        Assert.Equal(0, overlapping.IdleGapMs);
        Assert.Equal(TimeSpan.Zero, detector.GetIdleTime("m"));
        time.Advance(TimeSpan.FromSeconds(2));
        detector.OnCallEnded(first, succeeded: true);
        time.Advance(TimeSpan.FromSeconds(1));
        detector.OnCallEnded(overlapping, succeeded: false);     // failed: ends the gap, is not a sample
        Assert.Equal(0, detector.GetSnapshot("m")!.Samples);     // the only success had no gap

        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(TimeSpan.FromMinutes(3), detector.GetIdleTime("m"));
        LlmColdStartDetector.Call third = detector.OnCallStarted("m", synthetic: false);
        Assert.Equal(TimeSpan.FromMinutes(3).TotalMilliseconds, third.IdleGapMs);
        time.Advance(TimeSpan.FromMilliseconds(750));
        detector.OnCallEnded(third, succeeded: true);

        LlmModelColdStartSnapshot snapshot = detector.GetSnapshot("m")!;
        Assert.Equal(3, snapshot.Calls);
        Assert.Equal(1, snapshot.Samples);
        Assert.Equal(ColdStartVerdict.InsufficientData, snapshot.Analysis.Verdict);
        Assert.Equal(750, snapshot.Analysis.Warm!.P50Ms, 6);
        Assert.Null(detector.GetSnapshot("unknown"));
        Assert.Null(detector.GetIdleTime("unknown"));
    }

    [Fact]
    public void Memory_is_bounded_per_model_and_rare_long_gaps_survive_busy_traffic()
    {
        var time = new FakeTimeProvider(Start);
        var detector = new LlmColdStartDetector(new LlmColdStartDetectorOptions { SamplesPerGapBucket = 16, MaxModels = 2 }, time);

        void Call(string model, TimeSpan gap, double latencyMs)
        {
            time.Advance(gap);
            LlmColdStartDetector.Call call = detector.OnCallStarted(model, synthetic: false);
            time.Advance(TimeSpan.FromMilliseconds(latencyMs));
            detector.OnCallEnded(call, succeeded: true);
        }

        // 12 cold starts after 40 minutes, then 20,000 busy calls half a second apart.
        Call("m", TimeSpan.Zero, 800);
        for (int i = 0; i < 12; i++)
        {
            Call("m", TimeSpan.FromMinutes(40), 4600);
            for (int j = 0; j < 20; j++)
            {
                Call("m", TimeSpan.FromMinutes(2), 800);
            }
        }

        for (int i = 0; i < 20_000; i++)
        {
            Call("m", TimeSpan.FromMilliseconds(500), 800);
        }

        LlmModelColdStartSnapshot snapshot = detector.GetSnapshot("m")!;
        Assert.True(snapshot.Samples <= LlmColdStartDetector.GapBuckets * 16, snapshot.Samples.ToString());
        Assert.Equal(1 + (12 * 21) + 20_000, snapshot.Calls);
        Assert.Equal(ColdStartVerdict.ColdStarts, snapshot.Analysis.Verdict);
        Assert.Equal(12, snapshot.Analysis.ColdCalls);
        Assert.InRange(snapshot.IdleThreshold!.Value, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(40));

        // A bounded number of models.
        Call("second", TimeSpan.Zero, 800);
        Call("third", TimeSpan.Zero, 800);
        Assert.Equal(new[] { "m", "second" }, detector.Models);
        Assert.Null(detector.GetSnapshot("third"));
        Assert.Equal(1, detector.UntrackedModelCalls);
    }

    [Fact]
    public void A_model_forgotten_by_Clear_starts_afresh()
    {
        var time = new FakeTimeProvider(Start);
        var detector = new LlmColdStartDetector(timeProvider: time);
        detector.OnCallEnded(detector.OnCallStarted("m", synthetic: false), succeeded: true);
        time.Advance(TimeSpan.FromMinutes(5));

        detector.Clear();
        Assert.Null(detector.GetSnapshot("m"));

        // The next call is the model's first again (not one five minutes after the forgotten one).
        LlmColdStartDetector.Call call = detector.OnCallStarted("m", synthetic: false);
        Assert.Null(call.IdleGapMs);
        detector.OnCallEnded(call, succeeded: true);
        Assert.Equal(1, detector.GetSnapshot("m")!.Calls);
    }

    [Fact]
    public void Once_the_warm_ring_is_full_one_warm_call_in_eight_replaces_a_sample_and_every_call_counts()
    {
        var time = new FakeTimeProvider(Start);
        var detector = new LlmColdStartDetector(new LlmColdStartDetectorOptions { SamplesPerGapBucket = 4 }, time);

        void WarmCall(double latencyMs)
        {
            time.Advance(TimeSpan.FromMilliseconds(200));
            LlmColdStartDetector.Call call = detector.OnCallStarted("m", synthetic: false);
            time.Advance(TimeSpan.FromMilliseconds(latencyMs));
            detector.OnCallEnded(call, succeeded: true);
        }

        detector.OnCallEnded(detector.OnCallStarted("m", synthetic: false), succeeded: true); // the first call has no gap
        for (int i = 0; i < 4; i++)
        {
            WarmCall(100);
        }

        for (int i = 0; i < 7; i++)
        {
            WarmCall(900);
        }

        LlmModelColdStartSnapshot snapshot = detector.GetSnapshot("m")!;
        Assert.Equal(12, snapshot.Calls);
        Assert.Equal(4, snapshot.Samples);
        Assert.Equal(100, snapshot.Analysis.Warm!.P50Ms, 6);     // seven calls past the full ring: none kept

        WarmCall(900);                                             // the eighth replaces the oldest sample
        WarmCall(900);
        snapshot = detector.GetSnapshot("m")!;
        Assert.Equal(14, snapshot.Calls);
        Assert.Equal(4, snapshot.Samples);
        Assert.Equal(900, snapshot.Analysis.Warm!.MaxMs, 6);
    }

    [Fact]
    public async Task With_the_system_clock_a_span_and_the_detector_share_one_reading_at_each_end()
    {
        const string model = "wall-clock-test-model";
        using var activities = new ActivityCollector();
        var detector = new LlmColdStartDetector();
        using IChatClient client = new FakeProviderChatClient(model: model).AsBuilder()
            .UseLlmTaskTelemetry(o => o.ColdStartDetector = detector)
            .Build();

        await client.GetResponseAsync("first");
        await Task.Delay(1100);
        await client.GetResponseAsync("second");

        List<Activity> spans = activities.GenAi().Where(a => a.GetTagItem(LlmTelemetry.GenAiRequestModel) as string == model).ToList();
        Assert.Equal(2, spans.Count);
        DateTime firstEnd = spans[0].StartTimeUtc + spans[0].Duration;
        long idleMs = (long)spans[1].GetTagItem(LlmTelemetry.ModelIdleMsAttribute)!;
        Assert.Equal((long)Math.Round((spans[1].StartTimeUtc - firstEnd).TotalMilliseconds), idleMs);
        Assert.InRange(idleMs, 1000, 60_000);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(999, 0)]
    [InlineData(1000, 1)]
    [InlineData(1999, 1)]
    [InlineData(2000, 2)]
    [InlineData(60_000, 6)]         // 60 s in [32, 64)
    [InlineData(3_600_000, 12)]     // 1 h in [2048, 4096) s
    [InlineData(1e12, 23)]
    public void Gaps_are_kept_per_octave(double gapMs, int bucket) => Assert.Equal(bucket, LlmColdStartDetector.BucketOf(gapMs));

    [Fact]
    public async Task A_configured_threshold_tags_cold_starts_before_any_is_measured()
    {
        using var activities = new ActivityCollector();
        var time = new FakeTimeProvider(Start);
        var detector = new LlmColdStartDetector(timeProvider: time);
        detector.SetIdleThreshold(FineTuned, TimeSpan.FromMinutes(15));
        var provider = new ColdModelChatClient(time);
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry(o => o.ColdStartDetector = detector).Build();

        await LlmTask.RunAsync("ColdStarts.Configured.Run", async () =>
        {
            await client.GetResponseAsync("a");
            time.Advance(TimeSpan.FromMinutes(5));
            await client.GetResponseAsync("b");
            time.Advance(TimeSpan.FromMinutes(16));
            await client.GetResponseAsync("c");
        });

        List<Activity> spans = activities.GenAi().Where(a => a.GetTagItem(LlmTelemetry.TaskNameAttribute) as string == "ColdStarts.Configured.Run").ToList();
        Assert.Equal(new object?[] { null, null, true }, spans.Select(s => s.GetTagItem(LlmTelemetry.ColdStartAttribute)));
        Assert.Equal(TimeSpan.FromMinutes(15), detector.GetSnapshot(FineTuned)!.IdleThreshold);
        Assert.Equal(1, detector.GetSnapshot(FineTuned)!.ColdStartCalls);

        detector.SetIdleThreshold(FineTuned, null);
        Assert.Null(detector.GetIdleThreshold(FineTuned));
        Assert.Throws<ArgumentOutOfRangeException>(() => detector.SetIdleThreshold(FineTuned, TimeSpan.Zero));
    }

    [Fact]
    public async Task Calls_outside_any_task_with_no_listener_still_feed_the_detector_unless_it_is_off()
    {
        var time = new FakeTimeProvider(Start);
        var detector = new LlmColdStartDetector(timeProvider: time);
        var provider = new ColdModelChatClient(time);
        using IChatClient detecting = provider.AsBuilder().UseLlmTaskTelemetry(o => o.ColdStartDetector = detector).Build();
        using IChatClient off = provider.AsBuilder().UseLlmTaskTelemetry(o => o.ColdStartDetector = null).Build();

        await detecting.GetResponseAsync("x");
        await off.GetResponseAsync("y");

        Assert.Equal(1, detector.GetSnapshot(FineTuned)!.Calls);
    }

    [Fact]
    public async Task The_http_handler_feeds_the_detector_with_the_deployment_named_in_the_path()
    {
        using var activities = new ActivityCollector();
        var time = new FakeTimeProvider(Start);
        var detector = new LlmColdStartDetector(timeProvider: time);
        using var http = new HttpClient(new LlmTaskTelemetryHandler(new OkTransport(time)) { ColdStartDetector = detector });
        const string url = "https://contoso.openai.azure.com/openai/deployments/tickets-ft/chat/completions?api-version=2024-10-21";

        await LlmTask.RunAsync("ColdStarts.Http.Run", async () =>
        {
            await http.PostAsync(url, new StringContent("{}"));
            time.Advance(TimeSpan.FromMinutes(7));
            await http.PostAsync(url, new StringContent("{}"));
        });

        LlmModelColdStartSnapshot snapshot = detector.GetSnapshot("tickets-ft")!;
        Assert.Equal(2, snapshot.Calls);
        Assert.Equal(1, snapshot.Samples);
        Activity second = activities.GenAi().Where(a => a.GetTagItem(LlmTelemetry.TaskNameAttribute) as string == "ColdStarts.Http.Run").Last();
        Assert.Equal((long)TimeSpan.FromMinutes(7).TotalMilliseconds, second.GetTagItem(LlmTelemetry.ModelIdleMsAttribute));
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LlmColdStartDetector(new LlmColdStartDetectorOptions { MaxModels = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LlmColdStartDetector(new LlmColdStartDetectorOptions { SamplesPerGapBucket = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LlmColdStartDetector(new LlmColdStartDetectorOptions { ReanalyzeEvery = 0 }));
        Assert.Same(LlmColdStartDetector.Shared, new LlmTaskTelemetryOptions().ColdStartDetector);
        Assert.True(new LlmColdStartDetector().AlwaysOn); // a detector you create is fed every call; Shared only while observed
        var keepWarm = new LlmKeepWarmService(new LlmKeepWarmOptions { Detector = new LlmColdStartDetector { AlwaysOn = false } });
        Assert.True(keepWarm.Detector.AlwaysOn);
    }

    private sealed class OkTransport(FakeTimeProvider time) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            time.Advance(TimeSpan.FromMilliseconds(900));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}"), RequestMessage = request });
        }
    }
}
