using Microsoft.Extensions.AI;

namespace LlmCallAnalyzers.Runtime.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ParallelTasks_WithCallsInsideWhenAllAndParallelForEachAsync_CountRight()
    {
        using var activities = new ActivityCollector();
        using var provider = new FakeProviderChatClient { YieldInsideCall = true };
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();

        const int tasks = 200;
        var scopes = new LlmTaskScope[tasks];
        await Task.WhenAll(Enumerable.Range(0, tasks).Select(i => Task.Run(() => LlmTask.RunAsync("Concurrency.Agent.Run", async () =>
        {
            scopes[i] = LlmTask.Current!;

            // Fan-out 1: five calls inside Task.WhenAll.
            await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetResponseAsync("branch")));

            // Fan-out 2: three calls inside Parallel.ForEachAsync.
            await Parallel.ForEachAsync(Enumerable.Range(0, 3), new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (_, ct) =>
            {
                Assert.Same(scopes[i], LlmTask.Current);
                await client.GetResponseAsync("item", cancellationToken: ct);
            });

            // Fan-out 3: i % 4 extra calls on thread-pool threads.
            await Task.WhenAll(Enumerable.Range(0, i % 4).Select(_ => Task.Run(() => client.GetResponseAsync("extra"))));
        }))));

        for (int i = 0; i < tasks; i++)
        {
            Assert.Equal(8 + (i % 4), scopes[i].CallCount);
        }

        Assert.Equal(provider.Calls, scopes.Sum(s => s.CallCount));
        var spans = activities.Tasks("Concurrency.");
        Assert.Equal(tasks, spans.Count);
        Assert.Equal(scopes.Sum(s => s.CallCount), spans.Sum(s => (int)s.GetTagItem(LlmTelemetry.TaskCallsAttribute)!));
    }

    [Fact]
    public async Task ParallelCallsWithFailures_CountFailedCallsPerTask()
    {
        using var provider = new FakeProviderChatClient(failureProbability: 0.3, seed: 7) { YieldInsideCall = true };
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        LlmTaskScope? scope = null;
        int failures = 0;
        await LlmTask.RunAsync("Concurrency.Optional.Run", async () =>
        {
            scope = LlmTask.Current;
            await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
            {
                try
                {
                    await client.GetResponseAsync("x");
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
            }));
        });

        Assert.Equal(50, scope!.CallCount);
        Assert.Equal(failures, scope.FailedCallCount);
        Assert.InRange(failures, 1, 49);
        Assert.False(scope.IsFailed);
    }
}
