using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using LlmCallAnalyzers.CodeFixes.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using V = LlmCallAnalyzers.CodeFixes.Tests.Infrastructure.FixVerifier<LlmCallAnalyzers.CodeFixes.TaskSloCodeFixProvider>;

namespace LlmCallAnalyzers.CodeFixes.Tests;

/// <summary>LLM003, first fix: each essential LLM call of the task through a Polly retry pipeline.</summary>
public class RetryFixTests
{
    internal static string Calls(int n, string receiver = "client", string indent = "        ")
        => string.Concat(Enumerable.Range(0, n).Select(i => $"{indent}await {receiver}.GetResponseAsync(\"step {i}\");\n"));

    internal static string Retried(int n, string token = "CancellationToken.None", string pipeline = "RetryPipeline", string indent = "        ")
        => string.Concat(Enumerable.Range(0, n).Select(i => $"{indent}await {pipeline}.ExecuteAsync(async ct => await client.GetResponseAsync(\"step {i}\", cancellationToken: ct), {token});\n"));

    internal static DiagnosticResult Llm003(int location, string method, string inputs, string composed, string slo, string needs)
        => V.Diagnostic("LLM003").WithLocation(location).WithArguments(method, inputs, composed, slo, needs);

    private static readonly DiagnosticResult EightCallsBelow995 =
        Llm003(0, "Run", "up to 8 essential LLM calls (1 of them at the call at Test0.cs:13) at 99.90 % each", "99.20 %", "99.50 %", "≥ 99.938 % per call");

    private const string PollyUsings = """
        using Microsoft.Extensions.AI;
        using Polly;
        using Polly.Retry;
        using Polly.Timeout;
        """;

    [Fact]
    public async Task Eight_calls_under_995_are_retried_and_the_warning_goes()
    {
        await V.VerifyAsync(
            V.Usings + $$"""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.995)]
                async Task {|#0:Run|}(IChatClient client)
                {
            {{Calls(8)}}    }
            }
            """,
            Expected.PipelineUsings + PollyUsings + $$"""

            class Agent
            {
            {{Expected.RetryField()}}

                [TaskSlo(0.995)]
                async Task Run(IChatClient client)
                {
            {{Retried(8)}}    }
            }
            """,
            FixKeys.AddRetry,
            new[] { EightCallsBelow995 },
            title: "Retry the 8 LLM calls of 'Run' up to 3 times with backoff (Polly)");
    }

    [Fact]
    public async Task The_analyzer_reads_the_generated_pipeline_99_20_becomes_99_60()
    {
        // The fixed code of the test above, under a tighter SLO so that the analyzer prints its figure.
        await AnalyzerCheck.VerifyAsync(
            Expected.PipelineUsings + PollyUsings + $$"""

            class Agent
            {
            {{Expected.RetryField()}}

                [TaskSlo(0.997)]
                async Task {|#0:Run|}(IChatClient client)
                {
            {{Retried(8)}}    }
            }
            """,
            Llm003(0, "Run", "up to 8 essential LLM calls (1 of them at the call at Test0.cs:34) at 99.90 % each, 8 of them retried up to 3 times (retry_recoverable 0.50)", "99.60 %", "99.70 %", "≥ 99.925 % per call"));
    }

    [Fact]
    public async Task The_task_token_goes_to_the_pipeline_and_the_pipeline_token_to_the_call()
    {
        await V.VerifyAsync(
            V.Usings + $$"""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.999)]
                async Task<string> {|#0:Run|}(IChatClient client, CancellationToken cancellationToken)
                {
                    var plan = await client.GetResponseAsync("plan", cancellationToken: cancellationToken);
                    var answer = await client.GetResponseAsync(plan.Text);
                    return answer.Text;
                }
            }
            """,
            Expected.PipelineUsings + PollyUsings + $$"""

            class Agent
            {
            {{Expected.RetryField()}}

                [TaskSlo(0.999)]
                async Task<string> Run(IChatClient client, CancellationToken cancellationToken)
                {
                    var plan = await RetryPipeline.ExecuteAsync(async ct => await client.GetResponseAsync("plan", cancellationToken: ct), cancellationToken);
                    var answer = await RetryPipeline.ExecuteAsync(async ct => await client.GetResponseAsync(plan.Text, cancellationToken: ct), cancellationToken);
                    return answer.Text;
                }
            }
            """,
            FixKeys.AddRetry,
            new[] { Llm003(0, "Run", "up to 2 essential LLM calls (1 of them at the call at Test0.cs:13) at 99.90 % each", "99.80 %", "99.90 %", "≥ 99.950 % per call") });
    }

    [Fact]
    public async Task An_existing_retry_pipeline_of_the_type_is_reused()
    {
        const string Pipeline = """
                private readonly ResiliencePipeline _resilience = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2 })
                    .Build();
            """;
        await V.VerifyAsync(
            V.Usings + $$"""
            using Microsoft.Extensions.AI;
            using Polly;
            using Polly.Retry;
            class Agent
            {
            {{Pipeline}}

                [TaskSlo(0.995)]
                async Task {|#0:Run|}(IChatClient client)
                {
            {{Calls(8)}}    }
            }
            """,
            V.Usings + $$"""
            using Microsoft.Extensions.AI;
            using Polly;
            using Polly.Retry;
            class Agent
            {
            {{Pipeline}}

                [TaskSlo(0.995)]
                async Task Run(IChatClient client)
                {
            {{Retried(8, pipeline: "_resilience")}}    }
            }
            """,
            FixKeys.AddRetry,
            new[] { Llm003(0, "Run", "up to 8 essential LLM calls (1 of them at the call at Test0.cs:19) at 99.90 % each", "99.20 %", "99.50 %", "≥ 99.938 % per call") },
            title: "Run the 8 LLM calls of 'Run' through the retry pipeline '_resilience'");
    }

    [Fact]
    public async Task Fix_all_gives_two_tasks_of_a_type_one_pipeline()
    {
        await V.VerifyAsync(
            V.Usings + $$"""
            using Microsoft.Extensions.AI;
            class Agent
            {
                private readonly IChatClient client;

                Agent(IChatClient client) => this.client = client;

                [TaskSlo(0.995)]
                async Task {|#0:Run|}()
                {
            {{Calls(8)}}    }

                [TaskSlo(0.995)]
                async Task {|#1:Other|}()
                {
            {{Calls(8)}}    }
            }
            """,
            Expected.PipelineUsings + PollyUsings + $$"""

            class Agent
            {
                private readonly IChatClient client;

            {{Expected.RetryField()}}

                Agent(IChatClient client) => this.client = client;

                [TaskSlo(0.995)]
                async Task Run()
                {
            {{Retried(8)}}    }

                [TaskSlo(0.995)]
                async Task Other()
                {
            {{Retried(8)}}    }
            }
            """,
            FixKeys.AddRetry,
            allFixAllScopes: true,
            expected: new[] { Llm003(0, "Run", "up to 8 essential LLM calls (1 of them at the call at Test0.cs:17) at 99.90 % each", "99.20 %", "99.50 %", "≥ 99.938 % per call"), Llm003(1, "Other", "up to 8 essential LLM calls (1 of them at the call at Test0.cs:30) at 99.90 % each", "99.20 %", "99.50 %", "≥ 99.938 % per call") });
    }

    [Fact]
    public async Task Calls_in_a_helper_of_the_type_and_unawaited_calls_are_retried_too()
    {
        await V.VerifyAsync(
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.99)]
                async Task {|#0:Run|}(IChatClient client, CancellationToken cancellationToken)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        await Research(client, i);
                    }

                    var questions = new[] { "a", "b" };
                    await Task.WhenAll(questions.Select(q => client.GetResponseAsync(q, cancellationToken: cancellationToken)));
                }

                async Task Research(IChatClient client, int i)
                {
                    await client.GetResponseAsync("find " + i);
                    await client.GetResponseAsync("read " + i);
                    await client.GetResponseAsync("summarize " + i);
                }
            }
            """,
            Expected.PipelineUsings + PollyUsings + $$"""

            class Agent
            {
            {{Expected.RetryField()}}

                [TaskSlo(0.99)]
                async Task Run(IChatClient client, CancellationToken cancellationToken)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        await Research(client, i);
                    }

                    var questions = new[] { "a", "b" };
                    await Task.WhenAll(questions.Select(q => RetryPipeline.ExecuteAsync(async ct => await client.GetResponseAsync(q, cancellationToken: ct), cancellationToken).AsTask()));
                }

                async Task Research(IChatClient client, int i)
                {
                    await RetryPipeline.ExecuteAsync(async ct => await client.GetResponseAsync("find " + i, cancellationToken: ct), CancellationToken.None);
                    await RetryPipeline.ExecuteAsync(async ct => await client.GetResponseAsync("read " + i, cancellationToken: ct), CancellationToken.None);
                    await RetryPipeline.ExecuteAsync(async ct => await client.GetResponseAsync("summarize " + i, cancellationToken: ct), CancellationToken.None);
                }
            }
            """,
            FixKeys.AddRetry,
            new[] { Llm003(0, "Run", "up to 14 essential LLM calls (12 of them in the loop at Test0.cs:13) at 99.90 % each", "98.61 %", "99.00 %", "≥ 99.929 % per call") });
    }

    [Fact]
    public async Task A_call_without_a_token_parameter_gets_a_discard_and_calls_already_protected_are_left()
    {
        await V.VerifyAsync(
            V.Usings + """
            using OpenAI.Chat;
            class Agent
            {
                [TaskSlo(0.999)]
                async Task {|#0:Run|}(ChatClient chat)
                {
                    await chat.CompleteChatAsync(new UserChatMessage("a"));
                    await chat.CompleteChatAsync(new UserChatMessage("b"));
                    try
                    {
                        await chat.CompleteChatAsync(new UserChatMessage("optional"));
                    }
                    catch (Exception)
                    {
                    }
                }
            }
            """,
            Expected.PipelineUsings + """
            using OpenAI.Chat;
            using Polly;
            using Polly.Retry;
            using Polly.Timeout;
            class Agent
            {
            """ + "\n" + Expected.RetryField() + """


                [TaskSlo(0.999)]
                async Task Run(ChatClient chat)
                {
                    await RetryPipeline.ExecuteAsync(async _ => await chat.CompleteChatAsync(new UserChatMessage("a")), CancellationToken.None);
                    await RetryPipeline.ExecuteAsync(async _ => await chat.CompleteChatAsync(new UserChatMessage("b")), CancellationToken.None);
                    try
                    {
                        await chat.CompleteChatAsync(new UserChatMessage("optional"));
                    }
                    catch (Exception)
                    {
                    }
                }
            }
            """,
            FixKeys.AddRetry,
            new[] { Llm003(0, "Run", "up to 2 essential LLM calls (1 of them at the call at Test0.cs:13) at 99.90 % each", "99.80 %", "99.90 %", "≥ 99.950 % per call") });
    }

    [Fact]
    public async Task Without_Polly_no_retry_is_offered()
    {
        string source = V.Usings + $$"""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.995)]
                async Task {|#0:Run|}(IChatClient client)
                {
            {{Calls(8)}}    }
            }
            """;
        var test = V.Create(source, source, FixKeys.AddRetry);
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(SdkReferences.All.Where(r => !(r.Display ?? string.Empty).Contains("Polly", StringComparison.Ordinal)));
        test.FixedState.AdditionalReferences.Clear();
        test.FixedState.AdditionalReferences.AddRange(test.TestState.AdditionalReferences);
        test.ExpectedDiagnostics.Add(EightCallsBelow995);
        test.FixedState.ExpectedDiagnostics.Add(EightCallsBelow995);
        await test.RunAsync();
    }
}
