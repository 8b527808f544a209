using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace LlmCallAnalyzers.Runtime.Tests;

public sealed class CancellationAndStreamingTests
{
    [Fact]
    public async Task CanceledTask_PropagatesCancellation_AndRecordsOutcomeCanceled()
    {
        using var activities = new ActivityCollector();
        using var provider = new FakeProviderChatClient { Delay = TimeSpan.FromSeconds(30) };
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        LlmTaskScope? scope = null;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LlmTask.RunAsync("Cancel.Agent.Run", async () =>
        {
            scope = LlmTask.Current;
            await client.GetResponseAsync("slow", cancellationToken: cts.Token);
        }));

        Assert.Equal(1, scope!.CallCount);
        Assert.Equal(1, scope.FailedCallCount);
        Activity span = Assert.Single(activities.Tasks("Cancel."));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(LlmTelemetry.OutcomeCanceled, span.GetTagItem(LlmTelemetry.TaskOutcomeAttribute));
        Activity call = Assert.Single(activities.GenAi(), a => a.Parent == span);
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Contains("Canceled", (string)call.GetTagItem(LlmTelemetry.ErrorType)!);
    }

    [Fact]
    public async Task AlreadyCanceledToken_StillCountsOneFailedCall()
    {
        using var provider = new FakeProviderChatClient();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        LlmTaskScope? scope = null;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LlmTask.RunAsync("Cancel.Early.Run", async () =>
        {
            scope = LlmTask.Current;
            await client.GetResponseAsync("x", cancellationToken: new CancellationToken(canceled: true));
        }));
        Assert.Equal(1, scope!.FailedCallCount);
    }

    [Fact]
    public async Task Stream_CountsOnce_AndPassesUpdatesThroughUnchanged()
    {
        using var activities = new ActivityCollector();
        using var provider = new FakeProviderChatClient { StreamUpdates = 4 };
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        var texts = new List<string>();
        LlmTaskScope? scope = null;
        await LlmTask.RunAsync("Stream.Agent.Run", async () =>
        {
            scope = LlmTask.Current;
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("stream please"))
            {
                texts.Add(update.Text);
                Assert.Same(scope, LlmTask.Current);
            }
        });

        Assert.Equal(new[] { "part0", "part1", "part2", "part3" }, texts);
        Assert.Equal(1, scope!.CallCount);
        Assert.Equal(0, scope.FailedCallCount);
        Activity call = Assert.Single(activities.GenAi(), a => a.GetTagItem(LlmTelemetry.TaskNameAttribute) as string == "Stream.Agent.Run");
        Assert.Equal(ActivityStatusCode.Unset, call.Status);
        Assert.Equal("fake-model", call.GetTagItem(LlmTelemetry.GenAiResponseModel));
        Assert.Null(call.GetTagItem(LlmTelemetry.GenAiOutputMessages));
    }

    [Fact]
    public async Task Stream_WhoseEnumerationThrows_IsOneFailedCall_AndTheExceptionIsUnchanged()
    {
        var thrown = new HttpRequestException("stream broke");
        using var provider = new FakeProviderChatClient { StreamUpdates = 5, StreamThrowAt = 2, FailureFactory = () => thrown };
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        LlmTaskScope? scope = null;
        int received = 0;
        var caught = await Assert.ThrowsAsync<HttpRequestException>(() => LlmTask.RunAsync("Stream.Broken.Run", async () =>
        {
            scope = LlmTask.Current;
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("x"))
            {
                received++;
            }
        }));

        Assert.Same(thrown, caught);
        Assert.Equal(2, received);
        Assert.Equal(1, scope!.CallCount);
        Assert.Equal(1, scope.FailedCallCount);
        Assert.True(scope.IsFailed);
    }

    [Fact]
    public async Task Stream_NeverEnumerated_IsNotACall_AndEarlyBreakIsASuccess()
    {
        using var provider = new FakeProviderChatClient { StreamUpdates = 10 };
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        LlmTaskScope? scope = null;
        await LlmTask.RunAsync("Stream.Partial.Run", async () =>
        {
            scope = LlmTask.Current;
            _ = client.GetStreamingResponseAsync("never enumerated");
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("x"))
            {
                break;
            }
        });

        Assert.Equal(1, scope!.CallCount);
        Assert.Equal(0, scope.FailedCallCount);
    }

    [Fact]
    public async Task Stream_CanceledMidway_IsAFailedCall()
    {
        using var provider = new FakeProviderChatClient { StreamUpdates = 10 };
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        using var cts = new CancellationTokenSource();
        LlmTaskScope? scope = null;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LlmTask.RunAsync("Stream.Cancel.Run", async () =>
        {
            scope = LlmTask.Current;
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("x", cancellationToken: cts.Token))
            {
                cts.Cancel();
            }
        }));

        Assert.Equal(1, scope!.CallCount);
        Assert.Equal(1, scope.FailedCallCount);
        Assert.Equal(LlmTelemetry.OutcomeCanceled, scope.Outcome);
    }
}
