using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace LlmCallAnalyzers.Runtime.Tests;

public sealed class TaskScopeTests
{
    [Fact]
    public async Task Current_IsNullOutsideTasks_AndFlowsThroughAwaits()
    {
        Assert.Null(LlmTask.Current);
        string? seen = null;
        await LlmTask.RunAsync("Scope.Flow.Run", async () =>
        {
            await Task.Yield();
            await Task.Delay(1);
            seen = LlmTask.Current?.Name;
        });

        Assert.Equal("Scope.Flow.Run", seen);
        Assert.Null(LlmTask.Current);
    }

    [Fact]
    public async Task RunAsyncOfT_ReturnsTheBodysResult()
    {
        using var provider = new FakeProviderChatClient();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        string text = await LlmTask.RunAsync("Scope.Result.Run", async () => (await client.GetResponseAsync("hi")).Text);
        Assert.Equal("answer", text);
    }

    [Fact]
    public async Task ExceptionEscapingTheBody_FailsTheTask_AndIsRethrownUnchanged()
    {
        using var activities = new ActivityCollector();
        var thrown = new InvalidOperationException("boom");
        LlmTaskScope? scope = null;
        var caught = await Assert.ThrowsAsync<InvalidOperationException>(() => LlmTask.RunAsync<int>("Scope.Throw.Run", async () =>
        {
            scope = LlmTask.Current;
            await Task.Yield();
            throw thrown;
        }));

        Assert.Same(thrown, caught);
        Assert.True(scope!.IsFailed);
        Assert.Same(thrown, scope.Exception);
        Activity span = Assert.Single(activities.Tasks("Scope.Throw."));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("System.InvalidOperationException", span.GetTagItem(LlmTelemetry.ErrorType));
        Assert.Equal(LlmTelemetry.OutcomeFailure, span.GetTagItem(LlmTelemetry.TaskOutcomeAttribute));
        Assert.Equal("llm.task Scope.Throw.Run", span.DisplayName);
    }

    [Fact]
    public async Task SynchronousThrowFromBody_FailsTheTask()
    {
        var thrown = new ArgumentException("sync");
        var caught = await Assert.ThrowsAsync<ArgumentException>(() => LlmTask.RunAsync("Scope.SyncThrow.Run", () => throw thrown));
        Assert.Same(thrown, caught);
    }

    [Fact]
    public async Task Start_WithMarkFailed_ForCodeThatCannotWrapALambda()
    {
        using var activities = new ActivityCollector();
        using var provider = new FakeProviderChatClient();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();

        await Handle(client, fail: false);
        await Handle(client, fail: true);
        Assert.Null(LlmTask.Current);

        List<Activity> spans = activities.Tasks("Scope.Manual.");
        Assert.Equal(2, spans.Count);
        Assert.Equal(ActivityStatusCode.Unset, spans[0].Status);
        Assert.Equal(2, spans[0].GetTagItem(LlmTelemetry.TaskCallsAttribute));
        Assert.Equal(ActivityStatusCode.Error, spans[1].Status);

        static async Task Handle(IChatClient client, bool fail)
        {
            using LlmTaskScope task = LlmTask.Start("Scope.Manual.Handle");
            Assert.Same(task, LlmTask.Current);
            await client.GetResponseAsync("a");
            await client.GetResponseAsync("b");
            Assert.Equal(2, task.CallCount);
            if (fail)
            {
                task.MarkFailed(new TimeoutException());
            }
        }
    }

    [Fact]
    public async Task NestedTasks_CountInTheInnerAndEveryEnclosingTask()
    {
        using var activities = new ActivityCollector();
        using var provider = new FakeProviderChatClient();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        LlmTaskScope? outer = null;
        LlmTaskScope? inner = null;
        await LlmTask.RunAsync("Scope.Nested.Outer", async () =>
        {
            outer = LlmTask.Current;
            await client.GetResponseAsync("1");
            await LlmTask.RunAsync("Scope.Nested.Inner", async () =>
            {
                inner = LlmTask.Current;
                Assert.Same(outer, inner!.Parent);
                await client.GetResponseAsync("2");
                await client.GetResponseAsync("3");
            });
            Assert.Same(outer, LlmTask.Current);
        });

        Assert.Equal(3, outer!.CallCount);
        Assert.Equal(2, inner!.CallCount);
        Activity innerSpan = activities.Tasks("Scope.Nested.Inner").Single();
        Activity outerSpan = activities.Tasks("Scope.Nested.Outer").Single();
        Assert.Equal(outerSpan.SpanId, innerSpan.ParentSpanId);
    }

    [Fact]
    public void StartAndDispose_RestoreCurrentTaskAndActivity()
    {
        using var activities = new ActivityCollector();
        using var outer = new Activity("outer").Start();
        LlmTaskScope scope = LlmTask.Start("Scope.Restore.Run");
        Assert.Same(scope, LlmTask.Current);
        Assert.Same(scope.Activity, Activity.Current);
        Assert.Same(outer, scope.Activity!.Parent);
        scope.Dispose();
        Assert.Null(LlmTask.Current);
        Assert.Same(outer, Activity.Current);
    }

    [Fact]
    public void DisposingTwice_CompletesTheTaskOnce()
    {
        using var metrics = new MetricCollector();
        using var activities = new ActivityCollector();
        LlmTaskScope outer = LlmTask.Start("Scope.Twice.Outer");
        LlmTaskScope scope = LlmTask.Start("Scope.Twice.Run");
        scope.Dispose();
        TimeSpan elapsed = scope.Elapsed;
        Thread.Sleep(20);
        scope.Dispose();

        Assert.True(scope.IsCompleted);
        Assert.Equal(elapsed, scope.Elapsed);
        Assert.Same(outer, LlmTask.Current);
        Assert.Single(metrics.For(LlmTelemetry.TaskOutcomeMetric, "Scope.Twice.Run"));
        Assert.Single(metrics.For(LlmTelemetry.TaskCallsMetric, "Scope.Twice.Run"));
        Assert.Single(metrics.For(LlmTelemetry.TaskDurationMetric, "Scope.Twice.Run"));
        Assert.Single(activities.Tasks("Scope.Twice.Run"));
        outer.Dispose();
        Assert.Null(LlmTask.Current);
    }

    [Fact]
    public async Task NoListener_StillCounts()
    {
        using var provider = new FakeProviderChatClient();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        LlmTaskScope? scope = null;
        await LlmTask.RunAsync("Scope.Quiet.Run", async () =>
        {
            scope = LlmTask.Current;
            Assert.Null(scope!.Activity);
            await client.GetResponseAsync("x");
        });
        Assert.Equal(1, scope!.CallCount);
    }

    [Fact]
    public async Task CallsOutsideAnyTask_PassThrough()
    {
        using var provider = new FakeProviderChatClient();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        ChatResponse response = await client.GetResponseAsync("x");
        Assert.Same(provider.LastResponse, response);
    }

    [Fact]
    public async Task Metrics_RecordCallsDurationAndOutcome()
    {
        using var metrics = new MetricCollector();
        using var provider = new FakeProviderChatClient();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        await LlmTask.RunAsync("Scope.Metrics.Run", async () =>
        {
            await client.GetResponseAsync("x");
            await client.GetResponseAsync("y");
        });
        await Assert.ThrowsAsync<TimeoutException>(() => LlmTask.RunAsync("Scope.Metrics.Run", () => throw new TimeoutException()));

        var calls = metrics.For(LlmTelemetry.TaskCallsMetric, "Scope.Metrics.Run");
        Assert.Equal(new double[] { 2, 0 }, calls.Select(m => m.Value));
        Assert.Equal(new object?[] { "success", "failure" }, calls.Select(m => m.Tags[LlmTelemetry.TaskOutcomeAttribute]));
        Assert.Equal(2, metrics.For(LlmTelemetry.TaskDurationMetric, "Scope.Metrics.Run").Count);
        Assert.Equal(2, metrics.For(LlmTelemetry.TaskOutcomeMetric, "Scope.Metrics.Run").Sum(m => m.Value));
    }
}
