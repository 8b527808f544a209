using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace LlmCallAnalyzers.Runtime.Tests;

public sealed class StatisticalTests
{
    private const int Tasks = 1000;
    private const int CallsPerTask = 12;
    private const double CallFailure = 0.01;

    [Fact]
    public async Task ThousandTasksOfTwelveCalls_FailureRateWithinThreeSigma_AndSuccessfulTasksRecordTwelveCalls()
    {
        using var activities = new ActivityCollector();
        using var provider = new FakeProviderChatClient(CallFailure, seed: 20240611);
        using IChatClient client = new ChatClientBuilder(provider).UseLlmTaskTelemetry().Build();

        int failedTasks = 0;
        var scopes = new List<(LlmTaskScope Scope, bool Threw)>();
        for (int i = 0; i < Tasks; i++)
        {
            LlmTaskScope? scope = null;
            bool threw = false;
            try
            {
                await LlmTask.RunAsync("Stats.Agent.Run", async () =>
                {
                    scope = LlmTask.Current;
                    for (int c = 0; c < CallsPerTask; c++)
                    {
                        await client.GetResponseAsync("question " + c);
                    }
                });
            }
            catch (HttpRequestException)
            {
                threw = true;
                failedTasks++;
            }

            scopes.Add((scope!, threw));
        }

        double expected = 1 - Math.Pow(1 - CallFailure, CallsPerTask);
        double sigma = Math.Sqrt(expected * (1 - expected) / Tasks);
        double observed = failedTasks / (double)Tasks;
        Assert.InRange(expected, 0.1135, 0.1137);
        Console.WriteLine($"task failure rate {observed:P2} (expected {expected:P2} ± 3σ = {3 * sigma:P2}), {failedTasks} of {Tasks} tasks failed");
        Assert.InRange(observed, expected - 3 * sigma, expected + 3 * sigma);

        foreach ((LlmTaskScope scope, bool threw) in scopes)
        {
            Assert.True(scope.IsCompleted);
            Assert.Equal(threw, scope.IsFailed);
            if (threw)
            {
                // Sequential calls: the task stops at its first failed call.
                Assert.Equal(1, scope.FailedCallCount);
                Assert.InRange(scope.CallCount, 1, CallsPerTask);
            }
            else
            {
                Assert.Equal(CallsPerTask, scope.CallCount);
                Assert.Equal(0, scope.FailedCallCount);
            }
        }

        List<Activity> spans = activities.Tasks("Stats.");
        Assert.Equal(Tasks, spans.Count);
        Assert.Equal(failedTasks, spans.Count(s => s.Status == ActivityStatusCode.Error));
        foreach (Activity span in spans.Where(s => s.Status != ActivityStatusCode.Error))
        {
            Assert.Equal(CallsPerTask, span.GetTagItem(LlmTelemetry.TaskCallsAttribute));
            Assert.Equal(0, span.GetTagItem(LlmTelemetry.TaskFailedCallsAttribute));
        }

        Assert.Equal(provider.Calls, activities.GenAi().Count);
        Assert.Equal(failedTasks, activities.GenAi().Count(s => s.Status == ActivityStatusCode.Error));
    }
}
