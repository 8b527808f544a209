using System.Diagnostics;
using LlmCallAnalyzers;
using Microsoft.Extensions.AI;

// What the analyzer's source generator writes into a user assembly (applied by hand here).
[assembly: LlmTaskEstimate("LlmCallAnalyzers.Runtime.Tests.SampleTasks.Summarize", 1, 3, 0.997, 0.99)]
[assembly: LlmTaskEstimate("LlmCallAnalyzers.Runtime.Tests.SampleTasks.Research", 2, 6, 0.994, 0, DeclaredFanOut = 6)]
[assembly: LlmTaskEstimate("LlmCallAnalyzers.Runtime.Tests.SampleTasks.Agent", 1, -1, 0, 0.9)]
[assembly: LlmTaskEstimate("Generated.Only.Task", 4, 4, 0.996, 0.95, LatencyP99Ms = 3200)]

namespace LlmCallAnalyzers.Runtime.Tests;

public sealed class SampleTasks
{
    [TaskSlo(0.995, LatencyP99Ms = 2000)]
    public Task Summarize() => Task.CompletedTask;

    [FanOut(4)]
    public Task Research() => Task.CompletedTask;

    [TaskSlo(0.9)]
    [FanOut(2)]
    public Task Agent() => Task.CompletedTask;

    public Task Plain() => Task.CompletedTask;

    public static class Nested
    {
        [TaskSlo(0.98)]
        public static Task Step() => Task.CompletedTask;
    }
}

public sealed class EstimateTests : IDisposable
{
    public EstimateTests()
    {
        EstimateExceededRateLimiter.Reset();
        LlmTask.EstimateExceededInterval = TimeSpan.FromMinutes(1);
    }

    public void Dispose()
    {
        EstimateExceededRateLimiter.Reset();
        LlmTask.EstimateExceededInterval = TimeSpan.FromMinutes(1);
    }

    [Fact]
    public void Resolves_TaskSlo_FanOut_AndEmbeddedEstimates()
    {
        LlmTaskMetadata summarize = LlmTaskMetadata.Resolve("LlmCallAnalyzers.Runtime.Tests.SampleTasks.Summarize");
        Assert.NotNull(summarize.Method);
        Assert.Equal(0.995, summarize.SloAvailability); // [TaskSlo] wins over the estimate's SLO
        Assert.Equal(2000, summarize.SloLatencyP99Ms);
        Assert.Equal(1, summarize.EstimatedMinCalls);
        Assert.Equal(3, summarize.EstimatedMaxCalls);
        Assert.Equal(0.997, summarize.EstimatedAvailability);
        Assert.Null(summarize.DeclaredFanOut);
        Assert.Equal(3, summarize.CallLimit);

        LlmTaskMetadata research = LlmTaskMetadata.Resolve("LlmCallAnalyzers.Runtime.Tests.SampleTasks.Research");
        Assert.Equal(4, research.DeclaredFanOut); // the attribute on the method wins
        Assert.Equal(4, research.CallLimit);
        Assert.Null(research.SloAvailability);

        LlmTaskMetadata agent = LlmTaskMetadata.Resolve("LlmCallAnalyzers.Runtime.Tests.SampleTasks.Agent");
        Assert.Equal(-1, agent.EstimatedMaxCalls);
        Assert.Equal(2, agent.CallLimit);

        LlmTaskMetadata nested = LlmTaskMetadata.Resolve("LlmCallAnalyzers.Runtime.Tests.SampleTasks.Nested.Step");
        Assert.Equal(0.98, nested.SloAvailability);

        LlmTaskMetadata generated = LlmTaskMetadata.Resolve("Generated.Only.Task");
        Assert.Null(generated.Method);
        Assert.True(generated.HasEstimate);
        Assert.Equal(0.95, generated.SloAvailability);
        Assert.Equal(3200, generated.EstimatedLatencyP99Ms);

        LlmTaskMetadata plain = LlmTaskMetadata.Resolve("LlmCallAnalyzers.Runtime.Tests.SampleTasks.Plain");
        Assert.NotNull(plain.Method);
        Assert.Null(plain.SloAvailability);
        Assert.Null(plain.CallLimit);

        LlmTaskMetadata unknown = LlmTaskMetadata.Resolve("No.Such.Task");
        Assert.Null(unknown.Method);
        Assert.False(unknown.HasEstimate);
        Assert.Same(unknown, LlmTaskMetadata.Resolve("No.Such.Task"));
        Assert.Null(LlmTaskMetadata.Resolve("nodots").Method);
        Assert.Null(LlmTaskMetadata.Resolve(string.Empty).Method);
    }

    [Fact]
    public async Task TaskSpan_CarriesSloAndEstimate()
    {
        using var activities = new ActivityCollector();
        using var provider = new FakeProviderChatClient();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        await LlmTask.RunAsync("LlmCallAnalyzers.Runtime.Tests.SampleTasks.Summarize", () => client.GetResponseAsync("x"));
        Activity span = activities.Tasks("LlmCallAnalyzers.Runtime.Tests.SampleTasks.Summarize").Single();
        Assert.Equal(0.995, span.GetTagItem(LlmTelemetry.TaskSloAvailabilityAttribute));
        Assert.Equal(3, span.GetTagItem(LlmTelemetry.TaskEstimateMaxCallsAttribute));
        Assert.Equal(1, span.GetTagItem(LlmTelemetry.TaskEstimateMinCallsAttribute));
        Assert.Null(span.GetTagItem(LlmTelemetry.EstimateExceeded));
        Assert.Empty(span.Events);
    }

    [Fact]
    public async Task ExceedingTheEstimate_RaisesCounterAndEvent_RateLimitedPerTaskName_NeverThrows()
    {
        using var activities = new ActivityCollector();
        using var metrics = new MetricCollector();
        using var provider = new FakeProviderChatClient();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        var events = new List<LlmTaskEstimateExceededEventArgs>();
        EventHandler<LlmTaskEstimateExceededEventArgs> onExceeded = (_, e) => events.Add(e);
        EventHandler<LlmTaskEstimateExceededEventArgs> throwing = (_, _) => throw new InvalidOperationException("handler bug");
        LlmTask.EstimateExceeded += onExceeded;
        LlmTask.EstimateExceeded += throwing;
        try
        {
            const string name = "LlmCallAnalyzers.Runtime.Tests.SampleTasks.Summarize";
            for (int run = 0; run < 3; run++)
            {
                await LlmTask.RunAsync(name, async () =>
                {
                    for (int i = 0; i < 5; i++)
                    {
                        await client.GetResponseAsync("x"); // 5 > estimate max 3
                    }
                });
            }

            // Within the limit: nothing.
            await LlmTask.RunAsync(name, () => client.GetResponseAsync("x"));

            LlmTaskEstimateExceededEventArgs e = Assert.Single(events);
            Assert.Equal(name, e.TaskName);
            Assert.Equal(LlmTaskLimitKind.Estimate, e.Kind);
            Assert.Equal(3, e.Limit);
            Assert.Equal(4, e.ObservedCalls);

            var counted = metrics.For(LlmTelemetry.EstimateExceeded, name);
            Assert.Equal(3, counted.Sum(m => m.Value)); // every exceeding task is counted
            Assert.All(counted, m => Assert.Equal("estimate", m.Tags[LlmTelemetry.EstimateExceededKindAttribute]));

            List<Activity> spans = activities.Tasks(name);
            Assert.Equal(4, spans.Count);
            Assert.Equal(new object?[] { true, true, true, null }, spans.Select(s => s.GetTagItem(LlmTelemetry.EstimateExceeded)));
            Assert.Equal(1, spans.Sum(s => s.Events.Count(ev => ev.Name == LlmTelemetry.EstimateExceeded)));
            Assert.All(spans, s => Assert.NotEqual(ActivityStatusCode.Error, s.Status));

            // Another task name has its own budget; after the interval the same name reports again with the count it suppressed.
            LlmTask.EstimateExceededInterval = TimeSpan.Zero;
            await LlmTask.RunAsync(name, async () =>
            {
                for (int i = 0; i < 4; i++)
                {
                    await client.GetResponseAsync("x");
                }
            });
            Assert.Equal(2, events.Count);
            Assert.Equal(2, events[1].SuppressedSinceLastReport);
        }
        finally
        {
            LlmTask.EstimateExceeded -= onExceeded;
            LlmTask.EstimateExceeded -= throwing;
        }
    }

    [Fact]
    public async Task ExceedingTheDeclaredFanOut_IsReportedAsFanOut()
    {
        using var provider = new FakeProviderChatClient();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        var events = new List<LlmTaskEstimateExceededEventArgs>();
        EventHandler<LlmTaskEstimateExceededEventArgs> onExceeded = (_, e) => events.Add(e);
        LlmTask.EstimateExceeded += onExceeded;
        try
        {
            LlmTaskScope? scope = null;
            await LlmTask.RunAsync("LlmCallAnalyzers.Runtime.Tests.SampleTasks.Agent", async () =>
            {
                scope = LlmTask.Current;
                await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetResponseAsync("x")));
            });

            LlmTaskEstimateExceededEventArgs e = Assert.Single(events);
            Assert.Equal(LlmTaskLimitKind.FanOut, e.Kind);
            Assert.Equal(2, e.Limit);
            Assert.True(scope!.ExceededEstimate);
            Assert.False(scope.IsFailed);
            Assert.Equal(5, scope.CallCount);
        }
        finally
        {
            LlmTask.EstimateExceeded -= onExceeded;
        }
    }
}
