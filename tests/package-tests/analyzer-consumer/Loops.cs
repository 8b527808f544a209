// LLM001 positives and negatives, built from the packed LlmCallAnalyzers package by ../analyzer-consumer.sh.
// A line that must carry a diagnostic ends with an expect marker (two slashes, "expect:", the IDs); every other line must carry none.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Anthropic.Models.Messages;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Consumer;

public sealed class Loops
{
    private const int Rounds = 3;

    public async Task Kinds(IChatClient client, OpenAI.Chat.ChatClient openAi, EmbeddingClient embeddings, IChatCompletionService sk, Kernel kernel,
        Anthropic.Services.IMessageService anthropic, MessageCreateParams anthropicParams, AIAgent agent, IEnumerable<string> items, HttpClient http, MessageCountTokensParams countParams)
    {
        for (int i = 0; i < 5; i++)
        {
            await client.GetResponseAsync("for"); // expect: LLM001
        }

        foreach (var item in new[] { "a", "b", "c" })
        {
            await openAi.CompleteChatAsync(item); // expect: LLM001
        }

        int n = 0;
        while (n++ < 2)
        {
            await embeddings.GenerateEmbeddingAsync("while"); // expect: LLM001
        }

        do
        {
            await sk.GetChatMessageContentAsync("do"); // expect: LLM001
        }
        while (n++ < 4);

        await foreach (var update in client.GetStreamingResponseAsync("stream"))
        {
            await kernel.InvokePromptAsync(update.Text); // expect: LLM001
        }

        var answers = items.Take(5).Select(q => client.GetResponseAsync(q)).ToList(); // expect: LLM001
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => anthropic.Create(anthropicParams))); // expect: LLM001
        await Parallel.ForEachAsync(items, async (q, ct) => await agent.RunAsync(q, cancellationToken: ct)); // expect: LLM001
        Parallel.For(0, Rounds, i => openAi.CompleteChat("sync")); // expect: LLM001

        for (int i = 0; i < Rounds; i++)
        {
            await Summarize(client); // expect: LLM001
        }

        // Negatives: calls outside loops, HttpClient in loops, look-alikes on unrelated types, lambdas only stored.
        await client.GetResponseAsync("once");
        for (int i = 0; i < 3; i++)
        {
            await http.GetAsync("https://example.invalid/");
            await new LookAlike().GetResponseAsync("x");
            Func<Task> later = () => client.GetResponseAsync("stored, not run");
        }

        foreach (var item in items)
        {
            await anthropic.CountTokens(countParams);
        }
    }

    private static async Task Summarize(IChatClient client)
    {
        await client.GetResponseAsync("summarize");
        await client.GetResponseAsync("check");
    }
}

public sealed class LookAlike
{
    public Task<string> GetResponseAsync(string prompt) => Task.FromResult(prompt);
}
