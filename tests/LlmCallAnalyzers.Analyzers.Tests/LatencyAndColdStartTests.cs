using Microsoft.CodeAnalysis.Testing;
using V = LlmCallAnalyzers.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LlmCallAnalyzers.Analyzers.LlmTaskAnalyzer>;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>LLM004 (latency budget) and LLM005 (fine-tuned model cold starts) with the default model.</summary>
public class LatencyAndColdStartTests
{
    private const string QuietLoops = "dotnet_diagnostic.LLM001.severity = none\n";

    private static Task Verify(string source, params DiagnosticResult[] expected) => V.VerifyAsync(source, QuietLoops, null, expected);

    [Fact]
    public async Task Three_sequential_calls_exceed_a_2000_ms_budget()
    {
        await Verify("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.99, LatencyP99Ms = 2000)]
                async Task {|#0:Run|}(IChatClient client)
                {
                    await client.GetResponseAsync("plan");
                    await client.GetResponseAsync("act");
                    await client.GetResponseAsync("summarize");
                }
            }
            """,
            V.Diagnostic("LLM004").WithLocation(0).WithArguments("Run", "3 sequential calls × 800 ms", "2400", "2000", "; 800 ms of it at the call at Test0.cs:13"));
    }

    [Fact]
    public async Task Three_parallel_calls_fit_a_2000_ms_budget()
    {
        await Verify("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.99, LatencyP99Ms = 2000)]
                async Task Run(IChatClient client)
                {
                    await Task.WhenAll(client.GetResponseAsync("a"), client.GetResponseAsync("b"), client.GetResponseAsync("c"));
                }
            }
            """);
    }

    [Fact]
    public async Task Fine_tuned_OpenAI_model_on_a_task_path_is_LLM005()
    {
        await Verify("""
            using OpenAI.Chat;
            class Agent
            {
                [TaskSlo(0.99)]
                async Task Run(string apiKey)
                {
                    var client = new ChatClient("ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4", apiKey);
                    await {|#0:client.CompleteChatAsync("classify this")|};
                }
            }
            """,
            V.Diagnostic("LLM005").WithLocation(0).WithArguments("ChatClient.CompleteChatAsync", "ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4", "Run", "4600", "; 'Run' makes 1 call to it, at the call at Test0.cs:14"));
    }

    [Fact]
    public async Task Fine_tuned_model_id_followed_through_a_const_and_a_field()
    {
        await Verify("""
            using OpenAI;
            using OpenAI.Chat;
            class Agent
            {
                private const string Classifier = "ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4";
                private readonly ChatClient _client;

                Agent(OpenAIClient openAi) => _client = openAi.GetChatClient(Classifier);

                [TaskSlo(0.99)]
                Task Run() => Classify();

                async Task Classify()
                {
                    await {|#0:_client.CompleteChatAsync("classify this")|};
                }
            }
            """,
            V.Diagnostic("LLM005").WithLocation(0).WithArguments("ChatClient.CompleteChatAsync", "ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4", "Run", "4600", "; 'Classify' makes 1 call to it, at the call at Test0.cs:21"));
    }

    [Fact]
    public async Task A_base_model_is_not_LLM005()
    {
        await Verify("""
            using OpenAI.Chat;
            class Agent
            {
                [TaskSlo(0.99)]
                async Task Run(string apiKey)
                {
                    var client = new ChatClient("gpt-4o-mini", apiKey);
                    await client.CompleteChatAsync("classify this");
                }
            }
            """);
    }

    [Fact]
    public async Task A_configured_azure_deployment_and_ChatOptions_ModelId_are_LLM005()
    {
        await V.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.99)]
                async Task Run(IChatClient client)
                {
                    var options = new ChatOptions { ModelId = "contoso-classifier-v3" };
                    await {|#0:client.GetResponseAsync("classify", options)|};
                }
            }
            """,
            QuietLoops + "llm_call_analyzers.fine_tuned_models = contoso-classifier-v3, other-adapter\n",
            null,
            V.Diagnostic("LLM005").WithLocation(0).WithArguments("ChatClientExtensions.GetResponseAsync", "contoso-classifier-v3", "Run", "4600", "; 'Run' makes 1 call to it, at the call at Test0.cs:14"));
    }

    [Fact]
    public async Task A_cold_start_is_added_once_to_the_latency_estimate()
    {
        // 2 sequential calls × 800 ms + one 4600 ms cold start of the fine-tuned model = 6200 ms > 5000 ms.
        await Verify("""
            using OpenAI.Chat;
            class Agent
            {
                [TaskSlo(0.99, LatencyP99Ms = 5000)]
                async Task {|#1:Run|}(string apiKey)
                {
                    var client = new ChatClient("ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4", apiKey);
                    await {|#0:client.CompleteChatAsync("a")|};
                    await {|#2:client.CompleteChatAsync("b")|};
                }
            }
            """,
            V.Diagnostic("LLM005").WithLocation(0).WithArguments("ChatClient.CompleteChatAsync", "ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4", "Run", "4600", "; 'Run' makes up to 2 calls to it, 1 of them at the call at Test0.cs:14"),
            V.Diagnostic("LLM005").WithLocation(2).WithArguments("ChatClient.CompleteChatAsync", "ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4", "Run", "4600", "; 'Run' makes up to 2 calls to it, 1 of them at the call at Test0.cs:14"),
            V.Diagnostic("LLM004").WithLocation(1).WithArguments("Run", "2 sequential calls × 800 ms + 4600 ms cold start of 'ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4'", "6200", "5000", "; 800 ms of it at the call at Test0.cs:14"));
    }
}
