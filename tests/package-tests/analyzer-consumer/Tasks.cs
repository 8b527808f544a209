// LLM002 / LLM003 / LLM006 with the default model, built from the packed package by ../analyzer-consumer.sh.
// A line that must carry a diagnostic ends with an expect marker (two slashes, "expect:", the IDs); every other line must carry none.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LlmCallAnalyzers;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace Consumer;

public sealed class Tasks
{
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 })
        .Build();

    private readonly IChatClient _client;
    private readonly IChatClient _tools;

    public Tasks(IChatClient client)
    {
        _client = client;
        _tools = new ChatClientBuilder(client).UseFunctionInvocation().Build();
    }

    [TaskSlo(0.995)]
    public async Task Twenty() // expect: LLM003
    {
        for (int i = 0; i < 20; i++)
        {
            await _client.GetResponseAsync("step"); // expect: LLM001
        }
    }

    [TaskSlo(0.99)]
    public async Task FourTimesThree() // expect: LLM003
    {
        for (int i = 0; i < 4; i++)
        {
            await ThreeCalls(); // expect: LLM001
        }
    }

    private async Task ThreeCalls()
    {
        await _client.GetResponseAsync("a");
        await _client.GetResponseAsync("b");
        await _client.GetResponseAsync("c");
    }

    [TaskSlo(0.995)]
    public async Task TenInParallel() // expect: LLM003
    {
        var questions = new[] { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10" };
        await Task.WhenAll(questions.Select(q => _client.GetResponseAsync(q))); // expect: LLM001
    }

    [TaskSlo(0.995)]
    public async Task Eight() // expect: LLM003
    {
        await ThreeCalls();
        await ThreeCalls();
        await _client.GetResponseAsync("7");
        await _client.GetResponseAsync("8");
    }

    [TaskSlo(0.99)]
    public async Task WithTools() // expect: LLM003
    {
        await _tools.GetResponseAsync("use tools");
    }

    [TaskSlo(0.95)]
    public async Task TwentyLoose()
    {
        for (int i = 0; i < 20; i++)
        {
            await _client.GetResponseAsync("step"); // expect: LLM001
        }
    }

    [TaskSlo(0.995)]
    public async Task EightRetried()
    {
        for (int i = 0; i < 8; i++)
        {
            await Retry.ExecuteAsync(async ct => await _client.GetResponseAsync("step", cancellationToken: ct)); // expect: LLM001
        }
    }

    [TaskSlo(0.999)]
    public async Task<string> Degraded()
    {
        var answer = await _client.GetResponseAsync("answer");
        try
        {
            await _client.GetResponseAsync("polish");
        }
        catch (Exception)
        {
        }

        return answer.Text;
    }

    [TaskSlo(0.99), FanOut(3)]
    public async Task DeclaredBound(IEnumerable<string> questions)
    {
        foreach (var q in questions)
        {
            await _client.GetResponseAsync(q); // expect: LLM001
        }
    }

    [TaskSlo(0.99)]
    public async Task Unbounded(IEnumerable<string> questions)
    {
        foreach (var q in questions) // expect: LLM002
        {
            await _client.GetResponseAsync(q); // expect: LLM001
        }
    }

    [TaskSlo(0.99)]
    public async Task<string> Recursive(string goal)
    {
        var plan = await _client.GetResponseAsync(goal);
        return plan.Text.Length > 100 ? plan.Text : await Recursive(plan.Text); // expect: LLM002
    }

    [AgentStep]
    public async Task Step() // expect: LLM006
    {
        await _client.GetResponseAsync("plan");
    }
}
