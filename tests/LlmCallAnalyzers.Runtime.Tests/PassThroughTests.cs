using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace LlmCallAnalyzers.Runtime.Tests;

/// <summary>
/// What the middleware returns, throws and leaves current, on both of its paths: without the de-duplication guard (one
/// counting layer: the inner task is returned as is when it completed synchronously) and with it (an async method).
/// </summary>
public sealed class PassThroughTests
{
    private static readonly ActivitySource s_caller = new("LlmCallAnalyzers.Tests.Caller");
    /// <summary>
    /// A middleware in a process that holds an HTTP handler (so it marks its calls) or none (whatever handlers other
    /// tests of this process created).
    /// </summary>
    private static LlmTaskTelemetryChatClient Middleware(IChatClient inner, bool guard, LlmTaskTelemetryOptions? options = null)
    {
        var layers = new CountingLayers();
        if (guard)
        {
            layers.RegisterHandler();
        }

        return new LlmTaskTelemetryChatClient(inner, options, layers);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_synchronously_completed_call_is_counted_and_its_task_returned(bool guard)
    {
        var provider = new SynchronousProvider();
        IChatClient client = Middleware(provider, guard);
        using LlmTaskScope task = LlmTask.Start("PassThrough.Sync.Run");
        Task<ChatResponse> returned = client.GetResponseAsync("hi");
        Assert.True(returned.IsCompletedSuccessfully);
        Assert.Same(provider.Response, await returned);
        if (!guard)
        {
            Assert.Same(provider.LastTask, returned);
        }

        Assert.Equal(1, task.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_asynchronous_call_runs_under_its_span_and_leaves_the_callers_activity_current(bool guard)
    {
        using var activities = new ActivityCollector(LlmTelemetry.SourceName, s_caller.Name);
        using var provider = new FakeProviderChatClient { YieldInsideCall = true };
        var probe = new CurrentActivityProbe(provider);
        IChatClient client = Middleware(probe, guard);
        using Activity? caller = s_caller.StartActivity("caller");
        Assert.NotNull(caller);

        Task<ChatResponse> pending = client.GetResponseAsync("hi");
        Assert.Same(caller, Activity.Current);
        await pending;
        Assert.Same(caller, Activity.Current);

        Activity span = Assert.Single(activities.GenAi());
        Assert.Same(span, probe.SeenInside);
        Assert.Same(caller, span.Parent);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_synchronous_throw_is_the_same_exception_counted_as_failed_and_leaves_the_callers_activity(bool guard)
    {
        using var activities = new ActivityCollector(LlmTelemetry.SourceName, s_caller.Name);
        var provider = new SynchronousProvider { Throw = new InvalidOperationException("refused") };
        IChatClient client = Middleware(provider, guard);
        using Activity? outer = s_caller.StartActivity("caller");
        using LlmTaskScope task = LlmTask.Start("PassThrough.Throw.Run");
        Activity? caller = Activity.Current; // the task's span

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync("hi"));
        Assert.Same(provider.Throw, thrown);
        Assert.Same(caller, Activity.Current);
        Assert.Equal(1, task.FailedCallCount);
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(activities.GenAi()).Status);
    }

    [Fact]
    public async Task Back_to_back_calls_carry_no_idle_gap_but_a_call_after_a_second_of_idle_does()
    {
        using var activities = new ActivityCollector();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var detector = new LlmColdStartDetector(timeProvider: time);
        IChatClient client = new LlmTaskTelemetryChatClient(new SynchronousProvider(), new LlmTaskTelemetryOptions { ColdStartDetector = detector });
        await client.GetResponseAsync("first", new ChatOptions { ModelId = "m" });
        time.Advance(TimeSpan.FromMilliseconds(999));
        await client.GetResponseAsync("back to back", new ChatOptions { ModelId = "m" });
        time.Advance(TimeSpan.FromSeconds(90));
        await client.GetResponseAsync("after idle", new ChatOptions { ModelId = "m" });

        List<Activity> spans = activities.GenAi();
        Assert.Equal(3, spans.Count);
        Assert.Null(spans[0].GetTagItem(LlmTelemetry.ModelIdleMsAttribute));
        Assert.Null(spans[1].GetTagItem(LlmTelemetry.ModelIdleMsAttribute));
        Assert.Equal(90_000L, spans[2].GetTagItem(LlmTelemetry.ModelIdleMsAttribute));
    }

    /// <summary>Answers (or throws) synchronously, from a plain method.</summary>
    private sealed class SynchronousProvider : IChatClient
    {
        public ChatResponse Response { get; } = new(new ChatMessage(ChatRole.Assistant, "ok"));

        public Exception? Throw { get; init; }

        public Task<ChatResponse>? LastTask { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (Throw is not null)
            {
                throw Throw;
            }

            return LastTask = Task.FromResult(Response);
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>Records the activity current inside the inner call.</summary>
    private sealed class CurrentActivityProbe(IChatClient inner) : DelegatingChatClient(inner)
    {
        public Activity? SeenInside { get; private set; }

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            SeenInside = Activity.Current;
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }
}
