using LlmCallAnalyzers.CodeFixes.Tests.Infrastructure;
using V = LlmCallAnalyzers.CodeFixes.Tests.Infrastructure.FixVerifier<LlmCallAnalyzers.CodeFixes.TaskSloCodeFixProvider>;

namespace LlmCallAnalyzers.CodeFixes.Tests;

/// <summary>LLM003, second and third fixes: hedge each call (Polly) or fall back to a second client of the type.</summary>
public class HedgingAndFallbackFixTests
{
    private const string HedgingUsings = """
        using Microsoft.Extensions.AI;
        using Polly;
        using Polly.Hedging;
        using Polly.Timeout;
        """;

    private static string Hedged(int n, string token = "CancellationToken.None")
        => string.Concat(Enumerable.Range(0, n).Select(i => $"        await HedgingPipeline.ExecuteAsync(async ct => await client.GetResponseAsync(\"step {i}\", cancellationToken: ct), {token});\n"));

    [Fact]
    public async Task Eight_calls_are_hedged_after_the_p99_of_one_call_and_the_warning_goes()
    {
        await V.VerifyAsync(
            V.Usings + $$"""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.995)]
                async Task {|#0:Run|}(IChatClient client)
                {
            {{RetryFixTests.Calls(8)}}    }
            }
            """,
            Expected.PipelineUsings + HedgingUsings + $$"""

            class Agent
            {
            {{Expected.HedgingField("ChatResponse", 1, 800, "1 hedged attempt after 800 ms (the p99 of one call)")}}

                [TaskSlo(0.995)]
                async Task Run(IChatClient client)
                {
            {{Hedged(8)}}    }
            }
            """,
            FixKeys.AddHedging,
            new[] { RetryFixTests.Llm003(0, "Run", "up to 8 essential LLM calls (1 of them at the call at Test0.cs:13) at 99.90 % each", "99.20 %", "99.50 %", "≥ 99.938 % per call") },
            title: "Hedge the 8 LLM calls of 'Run' (Polly, 1 hedged attempt after 800 ms (the p99 of one call))");
    }

    [Fact]
    public async Task The_hedging_delay_comes_from_the_latency_budget()
    {
        // 10 000 ms for 8 calls: a 1 250 ms share each; a hedge started at 1 250 − 800 = 450 → 400 ms can still finish.
        await V.VerifyAsync(
            V.Usings + $$"""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.995, LatencyP99Ms = 10000)]
                async Task {|#0:Run|}(IChatClient client, CancellationToken cancellationToken)
                {
            {{RetryFixTests.Calls(8)}}    }
            }
            """,
            Expected.PipelineUsings + HedgingUsings + $$"""

            class Agent
            {
            {{Expected.HedgingField("ChatResponse", 1, 400, "1 hedged attempt after 400 ms so that it can finish within the 1200 ms share of LatencyP99Ms per call")}}

                [TaskSlo(0.995, LatencyP99Ms = 10000)]
                async Task Run(IChatClient client, CancellationToken cancellationToken)
                {
            {{Hedged(8, "cancellationToken")}}    }
            }
            """,
            FixKeys.AddHedging,
            new[] { RetryFixTests.Llm003(0, "Run", "up to 8 essential LLM calls (1 of them at the call at Test0.cs:13) at 99.90 % each", "99.20 %", "99.50 %", "≥ 99.938 % per call") });
    }

    [Fact]
    public async Task A_second_client_of_the_type_becomes_the_fallback()
    {
        await V.VerifyAsync(
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                private readonly IChatClient _primary;
                private readonly IChatClient _secondary;

                Agent(IChatClient primary, IChatClient secondary)
                {
                    _primary = primary;
                    _secondary = secondary;
                }

                [TaskSlo(0.999)]
                async Task<string> {|#0:Run|}(string question)
                {
                    await _primary.GetResponseAsync("warm up");
                    var plan = await _primary.GetResponseAsync(question);
                    return (await _primary.GetResponseAsync(plan.Text)).Text;
                }
            }
            """,
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                private readonly IChatClient _primary;
                private readonly IChatClient _secondary;

                Agent(IChatClient primary, IChatClient secondary)
                {
                    _primary = primary;
                    _secondary = secondary;
                }

                [TaskSlo(0.999)]
                async Task<string> {|#0:Run|}(string question)
                {
                    try
                    {
                        await _primary.GetResponseAsync("warm up");
                    }
                    catch (OperationCanceledException)
                    {
                        throw;
                    }
                    catch (Exception)
                    {
                        // LLM003: '_primary' failed; fall back to '_secondary'.
                        await _secondary.GetResponseAsync("warm up");
                    }
                    ChatResponse plan;
                    try
                    {
                        plan = await _primary.GetResponseAsync(question);
                    }
                    catch (OperationCanceledException)
                    {
                        throw;
                    }
                    catch (Exception)
                    {
                        // LLM003: '_primary' failed; fall back to '_secondary'.
                        plan = await _secondary.GetResponseAsync(question);
                    }
                    return (await _primary.GetResponseAsync(plan.Text)).Text;
                }
            }
            """,
            FixKeys.AddFallback,
            new[] { RetryFixTests.Llm003(0, "Run", "up to 3 essential LLM calls (1 of them at the call at Test0.cs:22) at 99.90 % each", "99.70 %", "99.90 %", "≥ 99.967 % per call") },
            new[] { RetryFixTests.Llm003(0, "Run", "up to 3 essential LLM calls (1 of them at the call at Test0.cs:24) at 99.90 % each", "99.80 %", "99.90 %", "≥ 99.950 % per call") },
            title: "Fall back to '_secondary' when an LLM call of 'Run' on '_primary' fails");
    }
}
