// Dispatch, started tasks and the parallel forms of .NET 10, built from the packed package by ../analyzer-consumer.sh.
// A line that must carry a diagnostic ends with an expect marker (two slashes, "expect:", the IDs); every other line must carry none.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LlmCallAnalyzers;
using Microsoft.Extensions.AI;

namespace Consumer;

public interface IPlanStep
{
    Task ExecuteAsync(string input);
}

public sealed class NoteStep : IPlanStep
{
    public Task ExecuteAsync(string input) => Task.CompletedTask;
}

public sealed class DraftStep(IChatClient client) : IPlanStep
{
    public async Task ExecuteAsync(string input) => await client.GetResponseAsync("draft " + input);
}

public sealed class ReviewStep(IChatClient client) : IPlanStep
{
    public async Task ExecuteAsync(string input)
    {
        await client.GetResponseAsync("review " + input);
        await client.GetResponseAsync("revise " + input);
    }
}

public abstract class Agent
{
    public abstract Task<string> TakeTurnAsync(string conversation);
}

public sealed class Writer(IChatClient client) : Agent
{
    public override async Task<string> TakeTurnAsync(string conversation) => (await client.GetResponseAsync(conversation)).Text;
}

public sealed class Planner(IPlanStep step, Agent agent, IChatClient client)
{
    [TaskSlo(0.99)]
    public async Task TenRounds() // expect: LLM003
    {
        for (int round = 0; round < 10; round++)
        {
            await step.ExecuteAsync("round"); // expect: LLM001
        }
    }

    [TaskSlo(0.995)]
    public async Task TenTurns() // expect: LLM003
    {
        string conversation = "";
        for (int turn = 0; turn < 10; turn++)
        {
            conversation += await agent.TakeTurnAsync(conversation); // expect: LLM001
        }
    }

    public void FireAndForget(string[] topics)
    {
        foreach (var topic in topics)
        {
            _ = Task.Run(() => client.GetResponseAsync(topic)); // expect: LLM001
        }
    }

    [TaskSlo(0.99, LatencyP99Ms = 2000)]
    public Task SpanOverload() => Task.WhenAll(client.GetResponseAsync("a"), client.GetResponseAsync("b"), client.GetResponseAsync("c"));

    [TaskSlo(0.99, LatencyP99Ms = 2000)]
    public Task CollectionExpression() => Task.WhenAll([client.GetResponseAsync("a"), client.GetResponseAsync("b"), client.GetResponseAsync("c")]);

    [TaskSlo(0.99, LatencyP99Ms = 2000)]
    public async Task List()
    {
        var tasks = new List<Task<ChatResponse>> { client.GetResponseAsync("a"), client.GetResponseAsync("b"), client.GetResponseAsync("c") };
        await Task.WhenAll(tasks);
    }

    [TaskSlo(0.99, LatencyP99Ms = 2000)]
    public Task<Task<ChatResponse>> FirstOfThree() => Task.WhenAny(client.GetResponseAsync("a"), client.GetResponseAsync("b"), client.GetResponseAsync("c"));

    [TaskSlo(0.99, LatencyP99Ms = 2000)]
    public async Task Sequential() // expect: LLM004
    {
        await client.GetResponseAsync("a");
        await client.GetResponseAsync("b");
        await client.GetResponseAsync("c");
    }
}
