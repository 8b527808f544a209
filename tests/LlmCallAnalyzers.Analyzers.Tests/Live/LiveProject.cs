namespace LlmCallAnalyzers.Analyzers.Tests.Live;

/// <summary>
/// A multi-file agent project: tasks in one file reaching helpers, dispatch targets, a cycle and a fine-tuned model in
/// others; WhenAll; [TaskSlo] with availability and latency; unbounded loops. Every rule LLM001–LLM006 fires in it.
/// </summary>
internal static class LiveProject
{
    public const string Tasks = """
        using System.Threading.Tasks;
        using LlmCallAnalyzers;
        using Microsoft.Extensions.AI;

        namespace Live;

        public sealed class ResearchAgent(IChatClient client, Summarizer summarizer, IStep step, Classifier classifier)
        {
            [TaskSlo(0.999, LatencyP99Ms = 2000)]
            public async Task<string> AnswerAsync(string question)
            {
                var plan = await client.GetResponseAsync(question);
                for (int i = 0; i < 4; i++)
                {
                    await summarizer.SummarizeAsync(plan.Text);
                }

                await classifier.ClassifyAsync(plan.Text);
                return plan.Text;
            }

            [TaskSlo(0.99, LatencyP99Ms = 2000)]
            public async Task CompareAsync(string question)
            {
                await Task.WhenAll(client.GetResponseAsync(question), client.GetResponseAsync(question), summarizer.SummarizeAsync(question));
            }

            [TaskSlo(0.995)]
            public async Task RunStepsAsync(string question)
            {
                for (int round = 0; round < 10; round++)
                {
                    await step.RunAsync(question);
                }
            }

            [AgentStep]
            public Task PollAsync(string question) => Polling.UntilDoneAsync(client, question);

            [TaskSlo(0.99)]
            public Task<int> PingPongAsync(int depth) => Ping.RunAsync(client, depth);
        }
        """;

    public const string Helpers = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Live;

        public sealed class Summarizer(IChatClient client)
        {
            private readonly IChatClient _client = client;

            public async Task<string> SummarizeAsync(string text)
            {
                var response = await _client.GetResponseAsync(text);
                return response.Text;
            }
        }

        public static class Polling
        {
            public static async Task UntilDoneAsync(IChatClient client, string question)
            {
                while (true)
                {
                    var response = await client.GetResponseAsync(question);
                    if (response.Text == "done")
                    {
                        break;
                    }
                }
            }
        }
        """;

    public const string Steps = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Live;

        public interface IStep
        {
            Task RunAsync(string input);
        }

        public sealed class PlanStep(IChatClient client) : IStep
        {
            public async Task RunAsync(string input) => await client.GetResponseAsync(input);
        }

        public sealed class ReviewStep(IChatClient client) : IStep
        {
            public async Task RunAsync(string input)
            {
                await client.GetResponseAsync(input);
                await client.GetResponseAsync(input);
            }
        }

        public sealed class LogStep : IStep
        {
            public Task RunAsync(string input) => Task.CompletedTask;
        }
        """;

    public const string Cycle = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Live;

        public static class Ping
        {
            public static async Task<int> RunAsync(IChatClient client, int depth)
            {
                if (depth == 0)
                {
                    return 0;
                }

                await client.GetResponseAsync("ping");
                return await Pong.RunAsync(client, depth - 1);
            }
        }

        public static class Pong
        {
            public static Task<int> RunAsync(IChatClient client, int depth) => Ping.RunAsync(client, depth);
        }
        """;

    public const string FineTuned = """
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;

        namespace Live;

        public sealed class Classifier
        {
            private const string Model = "ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4";
            private readonly ChatClient _client;

            public Classifier(OpenAIClient openAi) => _client = openAi.GetChatClient(Model);

            public async Task ClassifyAsync(string text) => await _client.CompleteChatAsync(text);
        }
        """;

    public static string[] Files => [Tasks, Helpers, Steps, Cycle, FineTuned];
}
