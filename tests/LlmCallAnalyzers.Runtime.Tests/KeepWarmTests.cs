using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace LlmCallAnalyzers.Runtime.Tests;

public sealed class KeepWarmTests
{
    private const string FineTuned = "ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4";
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private static (FakeTimeProvider Time, LlmColdStartDetector Detector, ColdModelChatClient Provider, IChatClient Client) Setup()
    {
        var time = new FakeTimeProvider(Start);
        var detector = new LlmColdStartDetector(timeProvider: time);
        var provider = new ColdModelChatClient(time);
        IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry(o => o.ColdStartDetector = detector).Build();
        return (time, detector, provider, client);
    }

    [Fact]
    public async Task A_minimal_request_is_sent_when_the_model_has_idled_for_threshold_times_safety_factor()
    {
        var (time, detector, provider, client) = Setup();
        using var service = new LlmKeepWarmService(new LlmKeepWarmOptions
        {
            Detector = detector,
            Models = { new LlmKeepWarmModel(FineTuned, client) { IdleThreshold = TimeSpan.FromMinutes(15) } },
        });

        // Never called: the idle time counts from the service start. 15 min × 0.8 = 12 min.
        Assert.Equal(TimeSpan.FromMinutes(12), service.GetTimeUntilDue(FineTuned));
        time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(0, await service.SendDueAsync());
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await service.SendDueAsync());

        var (options, prompt, _, _, _) = Assert.Single(provider.Requests);
        Assert.Equal(FineTuned, options!.ModelId);
        Assert.Equal(1, options.MaxOutputTokens);
        Assert.Equal("ping", prompt);

        // Just sent: due again 12 minutes after it ended.
        Assert.Equal(0, await service.SendDueAsync());
        time.Advance(TimeSpan.FromMinutes(12));
        Assert.Equal(1, await service.SendDueAsync());
        Assert.Equal(2, provider.Requests.Count);

        LlmKeepWarmCost cost = service.GetCost();
        LlmKeepWarmModelCost model = Assert.Single(cost.Models);
        Assert.Equal(FineTuned, model.Model);
        Assert.True(model.IsThresholdConfigured);
        Assert.Equal(TimeSpan.FromMinutes(12), model.Interval);
        Assert.Equal(2, model.Requests);
        Assert.Equal(0, model.FailedRequests);
        Assert.Equal(16, model.InputTokens);
        Assert.Equal(2, model.OutputTokens);
        Assert.Equal(18, model.Tokens);
        Assert.Equal(9, model.TokensPerRequest);
        Assert.Equal(120, model.MaxRequestsPerDay!.Value, 9);      // 86,400 s / 720 s
        Assert.Equal(1080, model.MaxTokensPerDay!.Value, 9);
        Assert.Equal(2, cost.Requests);
        Assert.Equal(18, cost.Tokens);
        Assert.Equal(120, cost.MaxRequestsPerDay, 9);
        double days = cost.Elapsed.TotalDays;
        Assert.Equal(2 / days, cost.RequestsPerDay!.Value, 6);
        Assert.Equal(18 / days, cost.TokensPerDay!.Value, 6);
    }

    [Fact]
    public async Task Keep_warm_traffic_is_synthetic_in_telemetry_and_never_counted_into_a_task()
    {
        using var activities = new ActivityCollector();
        using var metrics = new MetricCollector();
        var (time, detector, provider, client) = Setup();
        using var service = new LlmKeepWarmService(new LlmKeepWarmOptions
        {
            Detector = detector,
            Models = { new LlmKeepWarmModel(FineTuned, client) { IdleThreshold = TimeSpan.FromMinutes(10) } },
        });
        time.Advance(TimeSpan.FromMinutes(8));

        LlmTaskScope? task = null;
        int sent = await LlmTask.RunAsync("KeepWarm.Synthetic.Outer", async () =>
        {
            task = LlmTask.Current;
            return await service.SendDueAsync();
        });

        Assert.Equal(1, sent);
        Assert.Equal(0, task!.CallCount);

        Activity keepWarm = activities.Stopped.Single(a => a.OperationName == LlmTelemetry.KeepWarmSpanName);
        Assert.Equal("llm.keepwarm " + FineTuned, keepWarm.DisplayName);
        Assert.Null(keepWarm.Parent);                                      // a root, not part of the task's trace
        Assert.Equal(true, keepWarm.GetTagItem(LlmTelemetry.SyntheticAttribute));
        Assert.Equal(FineTuned, keepWarm.GetTagItem(LlmTelemetry.GenAiRequestModel));
        Assert.Equal("success", keepWarm.GetTagItem(LlmTelemetry.KeepWarmOutcomeAttribute));
        Assert.Equal(8L, keepWarm.GetTagItem(LlmTelemetry.GenAiUsageInputTokens));
        Assert.Equal(1L, keepWarm.GetTagItem(LlmTelemetry.GenAiUsageOutputTokens));

        Activity chat = activities.GenAi().Single(a => a.Parent == keepWarm);
        Assert.Equal(true, chat.GetTagItem(LlmTelemetry.SyntheticAttribute));
        Assert.Null(chat.GetTagItem(LlmTelemetry.TaskNameAttribute));
        Assert.DoesNotContain(activities.GenAi(), a => a.GetTagItem(LlmTelemetry.TaskNameAttribute) as string == "KeepWarm.Synthetic.Outer");

        var requests = metrics.Measurements.Where(m => m.Instrument == LlmTelemetry.KeepWarmRequestsMetric && (string?)m.Tags[LlmTelemetry.GenAiRequestModel] == FineTuned).ToList();
        Assert.Equal(1, requests.Sum(m => m.Value));
        Assert.Equal("success", requests.Single().Tags[LlmTelemetry.KeepWarmOutcomeAttribute]);
        var tokens = metrics.Measurements.Where(m => m.Instrument == LlmTelemetry.KeepWarmTokensMetric && (string?)m.Tags[LlmTelemetry.GenAiRequestModel] == FineTuned).ToList();
        Assert.Equal(8, tokens.Single(m => (string?)m.Tags[LlmTelemetry.GenAiTokenType] == "input").Value);
        Assert.Equal(1, tokens.Single(m => (string?)m.Tags[LlmTelemetry.GenAiTokenType] == "output").Value);

        // The detector saw the request end the idle gap, but neither counted nor analyzed it as a call.
        LlmModelColdStartSnapshot snapshot = detector.GetSnapshot(FineTuned)!;
        Assert.Equal(0, snapshot.Calls);
        Assert.Equal(1, snapshot.KeepWarmRequests);
        Assert.Equal(0, snapshot.Samples);
        Assert.Equal(TimeSpan.Zero, detector.GetIdleTime(FineTuned));
    }

    [Fact]
    public async Task Real_traffic_that_keeps_the_model_warm_makes_keep_warm_unnecessary()
    {
        var (time, detector, provider, client) = Setup();
        using var service = new LlmKeepWarmService(new LlmKeepWarmOptions
        {
            Detector = detector,
            Models = { new LlmKeepWarmModel(FineTuned, client) { IdleThreshold = TimeSpan.FromMinutes(15) } },
        });

        for (int i = 0; i < 24; i++)
        {
            time.Advance(TimeSpan.FromMinutes(5));
            await client.GetResponseAsync("user call");
            Assert.Equal(0, await service.SendDueAsync());
        }

        Assert.Equal(24, provider.Requests.Count);
        Assert.Equal(0, service.GetCost().Requests);
    }

    [Fact]
    public async Task With_the_measured_threshold_the_model_no_longer_goes_cold()
    {
        var (time, detector, provider, client) = Setup();
        var random = new Random(17);
        for (int i = 0; i < 240; i++)
        {
            time.Advance(TimeSpan.FromMinutes(i % 6 == 5 ? 25 + (random.NextDouble() * 65) : 1 + (random.NextDouble() * 9)));
            await client.GetResponseAsync("classify");
        }

        TimeSpan threshold = detector.GetIdleThreshold(FineTuned)!.Value;
        Assert.InRange(threshold, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(25));
        int coldBefore = provider.ColdStarts;
        Assert.True(coldBefore >= 40);

        using var service = new LlmKeepWarmService(new LlmKeepWarmOptions
        {
            Detector = detector,
            Models = { new LlmKeepWarmModel(FineTuned, client) },       // no configured threshold: the measured one
        });
        LlmKeepWarmModelCost planned = Assert.Single(service.GetCost().Models);
        Assert.False(planned.IsThresholdConfigured);
        Assert.Equal(threshold, planned.IdleThreshold);
        // 0.8 × the threshold, but never longer than the longest gap seen warm (≈ 10 min, the threshold is 10–25 min).
        TimeSpan longestWarm = TimeSpan.FromMilliseconds(detector.GetSnapshot(FineTuned)!.Analysis.WarmGapMaxMs!.Value);
        Assert.Equal(longestWarm < threshold * 0.8 ? longestWarm : threshold * 0.8, planned.Interval);
        Assert.Equal(86_400_000 / planned.Interval!.Value.TotalMilliseconds, planned.MaxRequestsPerDay!.Value, 6);

        // The same traffic again, with the service checking every minute: no call pays a cold start any more.
        for (int i = 0; i < 120; i++)
        {
            double minutes = i % 6 == 5 ? 25 + (random.NextDouble() * 65) : 1 + (random.NextDouble() * 9);
            for (double m = 0; m < minutes; m += 1)
            {
                time.Advance(TimeSpan.FromMinutes(Math.Min(1, minutes - m)));
                await service.SendDueAsync();
            }

            ChatResponse response = await client.GetResponseAsync("classify");
            Assert.False(provider.Requests[^1].Cold, $"call {i} after {minutes:0.0} min was cold");
        }

        Assert.Equal(coldBefore, provider.ColdStarts);
        LlmKeepWarmModelCost cost = Assert.Single(service.GetCost().Models);
        Assert.True(cost.Requests > 20, cost.Requests.ToString());
        Assert.Equal(0, cost.FailedRequests);
        Assert.True(cost.RequestsPerDay < cost.MaxRequestsPerDay, "real traffic covered part of the day");
    }

    [Fact]
    public async Task Without_a_threshold_nothing_is_sent()
    {
        var (time, detector, provider, client) = Setup();
        using var service = new LlmKeepWarmService(new LlmKeepWarmOptions { Detector = detector, Models = { new LlmKeepWarmModel(FineTuned, client) } });

        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await service.SendDueAsync());
        Assert.Null(service.GetTimeUntilDue(FineTuned));
        Assert.Null(service.GetTimeUntilDue("not-kept-warm"));
        LlmKeepWarmModelCost cost = Assert.Single(service.GetCost().Models);
        Assert.Null(cost.IdleThreshold);
        Assert.Null(cost.MaxRequestsPerDay);
        Assert.Empty(provider.Requests);
    }

    [Fact]
    public async Task A_failed_request_is_counted_and_retried_after_the_minimum_interval()
    {
        using var metrics = new MetricCollector();
        var (time, detector, provider, client) = Setup();
        provider.Fail = () => new HttpRequestException("503");
        using var service = new LlmKeepWarmService(new LlmKeepWarmOptions
        {
            Detector = detector,
            Models = { new LlmKeepWarmModel(FineTuned, client) { IdleThreshold = TimeSpan.FromMinutes(10) } },
        });

        time.Advance(TimeSpan.FromMinutes(8));
        Assert.Equal(1, await service.SendDueAsync());
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, await service.SendDueAsync());
        Assert.Equal(TimeSpan.FromSeconds(10), service.GetTimeUntilDue(FineTuned));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await service.SendDueAsync());

        LlmKeepWarmModelCost cost = Assert.Single(service.GetCost().Models);
        Assert.Equal(2, cost.Requests);
        Assert.Equal(2, cost.FailedRequests);
        Assert.Equal(0, cost.Tokens);
        Assert.Equal(2, metrics.Measurements.Count(m => m.Instrument == LlmTelemetry.KeepWarmRequestsMetric
            && (string?)m.Tags[LlmTelemetry.GenAiRequestModel] == FineTuned && (string?)m.Tags[LlmTelemetry.KeepWarmOutcomeAttribute] == "failure"));
    }

    [Fact]
    public async Task Keep_warm_pauses_outside_the_active_hours()
    {
        var (time, detector, provider, client) = Setup();
        using var service = new LlmKeepWarmService(new LlmKeepWarmOptions
        {
            Detector = detector,
            ActiveWhen = t => t.Hour >= 9,
            Models = { new LlmKeepWarmModel(FineTuned, client) { IdleThreshold = TimeSpan.FromMinutes(10) } },
        });

        time.Advance(TimeSpan.FromMinutes(30));     // 08:30
        Assert.Equal(0, await service.SendDueAsync());
        time.Advance(TimeSpan.FromMinutes(30));     // 09:00
        Assert.Equal(1, await service.SendDueAsync());
    }

    [Fact]
    public async Task The_hosted_service_runs_on_its_own_clock_and_is_registered_once()
    {
        var (time, detector, provider, client) = Setup();
        var services = new ServiceCollection();
        services.AddSingleton(client);
        services.AddLlmKeepWarm(o =>
        {
            o.Detector = detector;
            o.WarmUpOnStart = true;
            o.Models.Add(new LlmKeepWarmModel(FineTuned) { IdleThreshold = TimeSpan.FromMinutes(10) });   // the registered IChatClient
        });
        services.AddLlmKeepWarm(o => o.Models.Add(new LlmKeepWarmModel("ft:other", client) { IdleThreshold = TimeSpan.FromHours(1) }));
        using ServiceProvider provider2 = services.BuildServiceProvider();

        IHostedService hosted = Assert.Single(provider2.GetServices<IHostedService>());
        var service = provider2.GetRequiredService<LlmKeepWarmService>();
        Assert.Same(service, hosted);
        Assert.Equal(2, service.Options.Models.Count);

        await hosted.StartAsync(CancellationToken.None);
        try
        {
            // Warm-up on start: one request per model right away.
            await WaitUntil(() => provider.Requests.Count >= 2);
            Assert.Equal(new[] { FineTuned, "ft:other" }, provider.Requests.Select(r => r.Options!.ModelId).Order(StringComparer.Ordinal));

            // Then every 8 minutes for the first model (10 min × 0.8), driven by the fake clock.
            for (int minute = 0; minute < 17 && provider.Requests.Count < 4; minute++)
            {
                time.Advance(TimeSpan.FromMinutes(1));
                await Task.Delay(50);
            }

            await WaitUntil(() => provider.Requests.Count >= 4);
            Assert.Equal(3, provider.Requests.Count(r => r.Options!.ModelId == FineTuned));
        }
        finally
        {
            await hosted.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Options_are_validated()
    {
        var (_, detector, _, client) = Setup();
        Assert.Throws<ArgumentOutOfRangeException>(() => new LlmKeepWarmService(new LlmKeepWarmOptions { SafetyFactor = 0, Detector = detector }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LlmKeepWarmService(new LlmKeepWarmOptions { MaxOutputTokens = 0, Detector = detector }));
        Assert.Throws<ArgumentException>(() => new LlmKeepWarmService(new LlmKeepWarmOptions
        {
            Detector = detector,
            Models = { new LlmKeepWarmModel("m", client), new LlmKeepWarmModel("m", client) },
        }));
        InvalidOperationException missing = Assert.Throws<InvalidOperationException>(() => new LlmKeepWarmService(new LlmKeepWarmOptions
        {
            Detector = detector,
            Models = { new LlmKeepWarmModel("m") },
        }));
        Assert.Contains("'m' has no client", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new LlmKeepWarmModel(" "));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "timed out");
            await Task.Delay(10);
        }
    }
}
