using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using V = LlmCallAnalyzers.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LlmCallAnalyzers.Analyzers.LlmTaskAnalyzer>;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>LLM003 with the default model: the figures the README and docs/rules/LLM003.md quote.</summary>
public class TaskSloTests
{
    private const string QuietLoops = "dotnet_diagnostic.LLM001.severity = none\n";

    private static string Calls(int n, string receiver = "client")
        => string.Concat(Enumerable.Range(0, n).Select(i => $"        await {receiver}.GetResponseAsync(\"step {i}\");\n"));

    private static Task Verify(string source, params DiagnosticResult[] expected) => V.VerifyAsync(source, QuietLoops, null, expected);

    private static DiagnosticResult Llm003(string method, string inputs, string composed, string slo, string needs)
        => V.Diagnostic("LLM003").WithLocation(0).WithArguments(method, inputs, composed, slo, needs);

    [Fact]
    public async Task Twenty_sequential_calls_under_995_compose_to_98_02()
    {
        await Verify($$"""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.995)]
                async Task {|#0:Run|}(IChatClient client)
                {
            {{Calls(20)}}
                }
            }
            """,
            Llm003("Run", "up to 20 essential LLM calls (1 of them at the call at Test0.cs:13) at 99.90 % each", "98.02 %", "99.50 %", "≥ 99.975 % per call"));
    }

    [Fact]
    public async Task Four_iterations_over_a_helper_making_three_calls_under_99_compose_to_98_81()
    {
        await Verify($$"""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.99)]
                async Task {|#0:Run|}(IChatClient client)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        await Research(client, i);
                    }
                }

                async Task Research(IChatClient client, int i)
                {
            {{Calls(3)}}
                }
            }
            """,
            Llm003("Run", "up to 12 essential LLM calls (all of them in the loop at Test0.cs:13) at 99.90 % each", "98.81 %", "99.00 %", "≥ 99.917 % per call"));
    }

    [Fact]
    public async Task Ten_calls_in_WhenAll_over_a_ten_element_array_under_995_compose_to_99_00()
    {
        await Verify("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.995)]
                async Task {|#0:Run|}(IChatClient client)
                {
                    var questions = new[] { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j" };
                    await Task.WhenAll(questions.Select(q => client.GetResponseAsync(q)));
                }
            }
            """,
            Llm003("Run", "up to 10 essential LLM calls (all of them in the loop at Test0.cs:14) at 99.90 % each", "99.00 %", "99.50 %", "≥ 99.950 % per call"));
    }

    [Fact]
    public async Task Eight_calls_under_995_compose_to_99_20()
    {
        await Verify($$"""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.995)]
                async Task {|#0:Run|}(IChatClient client)
                {
            {{Calls(8)}}
                }
            }
            """,
            Llm003("Run", "up to 8 essential LLM calls (1 of them at the call at Test0.cs:13) at 99.90 % each", "99.20 %", "99.50 %", "≥ 99.938 % per call"));
    }

    [Fact]
    public async Task One_call_on_a_function_invoking_client_counts_its_hidden_rounds()
    {
        // UseFunctionInvocation(): MaximumIterationsPerRequest 40 → up to 41 model calls per request (0.999^41).
        await Verify("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                private readonly IChatClient _client;

                Agent(IChatClient inner) => _client = new ChatClientBuilder(inner).UseFunctionInvocation().Build();

                [TaskSlo(0.99)]
                async Task {|#0:Run|}()
                {
                    await _client.GetResponseAsync("plan and act");
                }
            }
            """,
            Llm003("Run", "up to 41 essential LLM calls (all of them at the call at Test0.cs:17) at 99.90 % each", "95.98 %", "99.00 %", "≥ 99.976 % per call"));
    }

    [Fact]
    public async Task An_explicit_iteration_cap_is_read()
    {
        await Verify("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.99)]
                async Task Run(IChatClient inner)
                {
                    var client = inner.AsBuilder().UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 4).Build();
                    await client.GetResponseAsync("plan and act");
                }
            }
            """);
    }

    [Fact]
    public async Task Twenty_calls_under_95_percent_are_fine()
    {
        await Verify($$"""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.95)]
                async Task Run(IChatClient client)
                {
            {{Calls(20)}}
                }
            }
            """);
    }

    [Fact]
    public async Task Eight_calls_each_inside_a_Polly_retry_pipeline_compose_to_99_60_and_meet_995()
    {
        await Verify($$"""
            using Microsoft.Extensions.AI;
            using Polly;
            using Polly.Retry;
            class Agent
            {
                private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 })
                    .Build();

                [TaskSlo(0.995)]
                async Task Run(IChatClient client)
                {
            {{Calls(8, "await Pipeline.ExecuteAsync(async ct => await client").Replace("await await", "await").Replace("\");", "\", cancellationToken: ct));")}}
                }
            }
            """);
    }

    [Fact]
    public async Task A_call_whose_failure_is_caught_and_degraded_is_not_essential()
    {
        await Verify($$"""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.999)]
                async Task<string> Run(IChatClient client)
                {
                    var answer = await client.GetResponseAsync("answer");
                    try
                    {
                        await client.GetResponseAsync("polish");
                    }
                    catch (Exception)
                    {
                        // degrade: keep the unpolished answer
                    }

                    return answer.Text;
                }
            }
            """);
    }

    [Fact]
    public async Task A_rethrowing_catch_keeps_calls_essential()
    {
        await Verify("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.999)]
                async Task {|#0:Run|}(IChatClient client)
                {
                    try
                    {
                        await client.GetResponseAsync("a");
                        await client.GetResponseAsync("b");
                    }
                    catch (Exception)
                    {
                        Console.WriteLine("failed");
                        throw;
                    }
                }
            }
            """,
            Llm003("Run", "up to 2 essential LLM calls (1 of them at the call at Test0.cs:15) at 99.90 % each", "99.80 %", "99.90 %", "≥ 99.950 % per call"));
    }

    [Fact]
    public async Task An_unbounded_loop_in_a_method_declared_FanOut_3_is_bounded()
    {
        await Verify("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.99), FanOut(3)]
                async Task Run(IChatClient client, IEnumerable<string> questions)
                {
                    foreach (var q in questions)
                    {
                        await client.GetResponseAsync(q);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_handwritten_retry_loop_is_a_retry_not_fan_out()
    {
        // 8 calls, each in for (attempt < 4) { try { return ...; } catch { } }: 3 extra attempts → 99.60 %.
        await Verify("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.995)]
                async Task Run(IChatClient client)
                {
                    for (int s = 0; s < 8; s++)
                    {
                        await Ask(client, "step " + s);
                    }
                }

                async Task<ChatResponse> Ask(IChatClient client, string prompt)
                {
                    for (int attempt = 0; attempt < 4; attempt++)
                    {
                        try
                        {
                            return await client.GetResponseAsync(prompt);
                        }
                        catch (HttpRequestException) when (attempt < 3)
                        {
                            await Task.Delay(100 * (attempt + 1));
                        }
                    }

                    throw new InvalidOperationException("unreachable");
                }
            }
            """.Replace("HttpRequestException", "System.Net.Http.HttpRequestException"));
    }

    [Fact]
    public async Task Configuration_changes_the_per_call_availability()
    {
        await V.VerifyAsync($$"""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.995)]
                async Task {|#0:Run|}(IChatClient client)
                {
            {{Calls(3)}}
                }
            }
            """,
            QuietLoops + "llm_call_analyzers.call_availability = 0.998\n",
            null,
            Llm003("Run", "up to 3 essential LLM calls (1 of them at the call at Test0.cs:13) at 99.80 % each", "99.40 %", "99.50 %", "≥ 99.834 % per call"));
    }

    [Fact]
    public async Task An_invalid_configuration_value_is_reported_and_the_default_used()
    {
        await V.VerifyAsync($$"""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.995)]
                async Task Run(IChatClient client)
                {
            {{Calls(3)}}
                }
            }
            """,
            QuietLoops + "llm_call_analyzers.call_availability = 1.5\n",
            null,
            V.Diagnostic("LLM009").WithArguments("llm_call_analyzers.call_availability", "1.5", "must lie in (0, 1]", "0.999"));
    }
}
