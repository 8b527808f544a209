using Microsoft.CodeAnalysis.Testing;
using LlmCallAnalyzers.CodeFixes.Tests.Infrastructure;
using V = LlmCallAnalyzers.CodeFixes.Tests.Infrastructure.FixVerifier<LlmCallAnalyzers.CodeFixes.TaskSloCodeFixProvider>;

namespace LlmCallAnalyzers.CodeFixes.Tests;

/// <summary>
/// LLM003 on calls inside <c>try { } catch { log; throw; }</c>: the analyzer counts them as essential (the handler
/// rethrows), so each fix protects them — the fixes read a try/catch as the analyzer does.
/// </summary>
public class RethrowingCatchFixTests
{
    private const string Indent = "            ";

    private static readonly DiagnosticResult[] EightCallsBelow995 =
    {
        RetryFixTests.Llm003(0, "Run", "up to 8 essential LLM calls (1 of them at the call at Test0.cs:15) at 99.90 % each", "99.20 %", "99.50 %", "≥ 99.938 % per call"),
    };

    private static string Task(string body, string attribute = "[TaskSlo(0.995)]", string name = "{|#0:Run|}") => $$"""
        class Agent
        {
            {{attribute}}
            async Task {{name}}(IChatClient client)
            {
                try
                {
        {{body}}        }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e.Message);
                    throw;
                }
            }
        }
        """;

    [Fact]
    public async Task Calls_in_a_rethrowing_try_are_retried()
    {
        await V.VerifyAsync(
            V.Usings + "using Microsoft.Extensions.AI;\n" + Task(RetryFixTests.Calls(8, indent: Indent)),
            Expected.PipelineUsings + """
            using Microsoft.Extensions.AI;
            using Polly;
            using Polly.Retry;
            using Polly.Timeout;

            """ + Task(RetryFixTests.Retried(8, indent: Indent), name: "Run").Replace("{\n    [TaskSlo", "{\n" + Expected.RetryField() + "\n\n    [TaskSlo"),
            FixKeys.AddRetry,
            EightCallsBelow995,
            title: "Retry the 8 LLM calls of 'Run' up to 3 times with backoff (Polly)");
    }

    [Fact]
    public async Task Calls_in_a_rethrowing_try_are_hedged()
    {
        string hedged = string.Concat(Enumerable.Range(0, 8).Select(i => $"{Indent}await HedgingPipeline.ExecuteAsync(async ct => await client.GetResponseAsync(\"step {i}\", cancellationToken: ct), CancellationToken.None);\n"));
        await V.VerifyAsync(
            V.Usings + "using Microsoft.Extensions.AI;\n" + Task(RetryFixTests.Calls(8, indent: Indent)),
            Expected.PipelineUsings + """
            using Microsoft.Extensions.AI;
            using Polly;
            using Polly.Hedging;
            using Polly.Timeout;

            """ + Task(hedged, name: "Run").Replace("{\n    [TaskSlo", "{\n" + Expected.HedgingField("ChatResponse", 1, 800, "1 hedged attempt after 800 ms (the p99 of one call)") + "\n\n    [TaskSlo"),
            FixKeys.AddHedging,
            EightCallsBelow995,
            title: "Hedge the 8 LLM calls of 'Run' (Polly, 1 hedged attempt after 800 ms (the p99 of one call))");
    }

    [Fact]
    public async Task A_call_in_a_rethrowing_try_falls_back_to_the_second_client()
    {
        const string Fields = """
                private readonly IChatClient _primary;
                private readonly IChatClient _secondary;

                Agent(IChatClient primary, IChatClient secondary)
                {
                    _primary = primary;
                    _secondary = secondary;
                }
            """;
        await V.VerifyAsync(
            V.Usings + "using Microsoft.Extensions.AI;\n" + $$"""
            class Agent
            {
            {{Fields}}

                [TaskSlo(0.999)]
                async Task<string> {|#0:Run|}(string question)
                {
                    try
                    {
                        var plan = await _primary.GetResponseAsync(question);
                        return (await _primary.GetResponseAsync(plan.Text)).Text;
                    }
                    catch (Exception e)
                    {
                        Console.Error.WriteLine(e.Message);
                        throw;
                    }
                }
            }
            """,
            V.Usings + "using Microsoft.Extensions.AI;\n" + $$"""
            class Agent
            {
            {{Fields}}

                [TaskSlo(0.999)]
                async Task<string> {|#0:Run|}(string question)
                {
                    try
                    {
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
                    catch (Exception e)
                    {
                        Console.Error.WriteLine(e.Message);
                        throw;
                    }
                }
            }
            """,
            FixKeys.AddFallback,
            new[] { RetryFixTests.Llm003(0, "Run", "up to 2 essential LLM calls (1 of them at the call at Test0.cs:24) at 99.90 % each", "99.80 %", "99.90 %", "≥ 99.950 % per call") },
            new[] { RetryFixTests.Llm003(0, "Run", "up to 2 essential LLM calls (1 of them at the call at Test0.cs:27) at 99.90 % each", "99.85 %", "99.90 %", "≥ 99.934 % per call") },
            title: "Fall back to '_secondary' when an LLM call of 'Run' on '_primary' fails");
    }

    [Fact]
    public async Task A_hand_written_retry_loop_whose_catch_filters_is_left_alone_as_the_analyzer_counts_it_retried()
    {
        const string RetryLoop = """
                    for (int attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            await client.GetResponseAsync("final");
                            break;
                        }
                        catch (System.Net.Http.HttpRequestException) when (attempt < 2)
                        {
                        }
                    }

            """;
        await V.VerifyAsync(
            V.Usings + "using Microsoft.Extensions.AI;\n" + $$"""
            class Agent
            {
                [TaskSlo(0.995)]
                async Task {|#0:Run|}(IChatClient client)
                {
            {{RetryFixTests.Calls(8)}}{{RetryLoop}}    }
            }
            """,
            Expected.PipelineUsings + """
            using Microsoft.Extensions.AI;
            using Polly;
            using Polly.Retry;
            using Polly.Timeout;

            """ + $$"""
            class Agent
            {
            {{Expected.RetryField()}}

                [TaskSlo(0.995)]
                async Task Run(IChatClient client)
                {
            {{RetryFixTests.Retried(8)}}{{RetryLoop}}    }
            }
            """,
            FixKeys.AddRetry,
            new[] { RetryFixTests.Llm003(0, "Run", "up to 9 essential LLM calls (1 of them at the call at Test0.cs:13) at 99.90 % each, 1 of them retried up to 2 times (retry_recoverable 0.50)", "99.15 %", "99.50 %", "≥ 99.942 % per call") },
            title: "Retry the 8 LLM calls of 'Run' up to 3 times with backoff (Polly)");
    }
}
