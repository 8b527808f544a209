using LlmCallAnalyzers.CodeFixes.Tests.Infrastructure;
using V = LlmCallAnalyzers.CodeFixes.Tests.Infrastructure.FixVerifier<LlmCallAnalyzers.CodeFixes.TaskSloCodeFixProvider>;

namespace LlmCallAnalyzers.CodeFixes.Tests;

/// <summary>LLM003 retry fix: limits, trivia, names, and Fix All across documents.</summary>
public class RetryFixEdgeTests
{
    private const string PollyUsings = """
        using Microsoft.Extensions.AI;
        using Polly;
        using Polly.Retry;
        using Polly.Timeout;
        """;

    [Fact]
    public async Task When_retries_cannot_reach_the_slo_the_warning_stays_with_the_new_figure()
    {
        // 20 calls: 0.999^20 = 98.02 %; retried, 0.9995^20 = 99.00 % — still below 99.50 %. The fix is not offered twice.
        await V.VerifyAsync(
            V.Usings + $$"""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.995)]
                async Task {|#0:Run|}(IChatClient client)
                {
            {{RetryFixTests.Calls(20)}}    }
            }
            """,
            Expected.PipelineUsings + PollyUsings + $$"""

            class Agent
            {
            {{Expected.RetryField()}}

                [TaskSlo(0.995)]
                async Task {|#0:Run|}(IChatClient client)
                {
            {{RetryFixTests.Retried(20)}}    }
            }
            """,
            FixKeys.AddRetry,
            new[] { RetryFixTests.Llm003(0, "Run", "up to 20 essential LLM calls (1 of them at the call at Test0.cs:13) at 99.90 % each", "98.02 %", "99.50 %", "≥ 99.975 % per call") },
            new[] { RetryFixTests.Llm003(0, "Run", "up to 20 essential LLM calls (1 of them at the call at Test0.cs:34) at 99.90 % each, 20 of them retried up to 3 times (retry_recoverable 0.50)", "99.00 %", "99.50 %", "≥ 99.950 % per call") });
    }

    [Fact]
    public async Task Comments_and_layout_around_the_calls_are_kept_and_names_in_use_are_avoided()
    {
        await V.VerifyAsync(
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                private const string RetryPipeline = "taken";

                [TaskSlo(0.999)]
                async Task<string> {|#0:Run|}(IChatClient client, int ct)
                {
                    // Plan first.
                    var plan = await client.GetResponseAsync(
                        "plan",
                        new ChatOptions { Temperature = 0 }); // deterministic
                    return (await client.GetResponseAsync(plan.Text)).Text;
                }
            }
            """,
            Expected.PipelineUsings + PollyUsings + """

            class Agent
            {
                private const string RetryPipeline = "taken";


            """ + Expected.RetryField("LlmRetryPipeline") + """


                [TaskSlo(0.999)]
                async Task<string> Run(IChatClient client, int ct)
                {
                    // Plan first.
                    var plan = await LlmRetryPipeline.ExecuteAsync(async cancellation => await client.GetResponseAsync(
                        "plan",
                        new ChatOptions { Temperature = 0 }, cancellationToken: cancellation), CancellationToken.None); // deterministic
                    return (await LlmRetryPipeline.ExecuteAsync(async cancellation => await client.GetResponseAsync(plan.Text, cancellationToken: cancellation), CancellationToken.None)).Text;
                }
            }
            """,
            FixKeys.AddRetry,
            new[] { RetryFixTests.Llm003(0, "Run", "up to 2 essential LLM calls (1 of them at the call at Test0.cs:16) at 99.90 % each", "99.80 %", "99.90 %", "≥ 99.950 % per call") });
    }

    [Fact]
    public async Task Fix_all_in_project_and_solution_gives_each_type_in_each_file_its_pipeline()
    {
        string Source(string type) => V.Usings + $$"""
            using Microsoft.Extensions.AI;
            class {{type}}
            {
                [TaskSlo(0.995)]
                async Task {|#N:Run|}(IChatClient client)
                {
            {{RetryFixTests.Calls(8)}}    }
            }
            """;
        string Fixed(string type) => Expected.PipelineUsings + PollyUsings + $$"""

            class {{type}}
            {
            {{Expected.RetryField()}}

                [TaskSlo(0.995)]
                async Task Run(IChatClient client)
                {
            {{RetryFixTests.Retried(8)}}    }
            }
            """;
        var test = V.Create(string.Empty, string.Empty, FixKeys.AddRetry, allFixAllScopes: true);
        test.TestState.Sources.Clear();
        test.FixedState.Sources.Clear();
        test.TestState.Sources.Add(("/0/Planner.cs", Source("Planner").Replace("#N", "#0")));
        test.TestState.Sources.Add(("/0/Writer.cs", Source("Writer").Replace("#N", "#1")));
        test.FixedState.Sources.Add(("/0/Planner.cs", Fixed("Planner")));
        test.FixedState.Sources.Add(("/0/Writer.cs", Fixed("Writer")));
        test.ExpectedDiagnostics.Add(RetryFixTests.Llm003(0, "Run", "up to 8 essential LLM calls (1 of them at the call at Planner.cs:13) at 99.90 % each", "99.20 %", "99.50 %", "≥ 99.938 % per call"));
        test.ExpectedDiagnostics.Add(RetryFixTests.Llm003(1, "Run", "up to 8 essential LLM calls (1 of them at the call at Writer.cs:13) at 99.90 % each", "99.20 %", "99.50 %", "≥ 99.938 % per call"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Synchronous_OpenAI_calls_use_Execute()
    {
        await V.VerifyAsync(
            V.Usings + """
            using OpenAI.Chat;
            class Agent
            {
                [TaskSlo(0.999)]
                string {|#0:Run|}(ChatClient chat, List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    var first = chat.CompleteChat(messages, new ChatCompletionOptions());
                    ChatCompletion second = chat.CompleteChat(messages, cancellationToken: cancellationToken);
                    return first.Value.Content[0].Text + second.Content[0].Text;
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
                string Run(ChatClient chat, List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    var first = RetryPipeline.Execute(ct => chat.CompleteChat(messages, new ChatCompletionOptions(), cancellationToken: ct), cancellationToken);
                    ChatCompletion second = RetryPipeline.Execute(ct => chat.CompleteChat(messages, cancellationToken: ct), cancellationToken);
                    return first.Value.Content[0].Text + second.Content[0].Text;
                }
            }
            """,
            FixKeys.AddRetry,
            new[] { RetryFixTests.Llm003(0, "Run", "up to 2 essential LLM calls (1 of them at the call at Test0.cs:13) at 99.90 % each", "99.80 %", "99.90 %", "≥ 99.950 % per call") });
    }

    [Fact]
    public async Task A_file_without_usings_gets_them_below_its_header()
    {
        await V.VerifyAsync(
            """
            // Copyright (c) Contoso. All rights reserved.

            class Agent
            {
                [LlmCallAnalyzers.TaskSlo(0.999)]
                async System.Threading.Tasks.Task {|#0:Run|}(Microsoft.Extensions.AI.IChatClient client)
                {
                    await client.GetResponseAsync(new[] { new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "a") });
                    await client.GetResponseAsync(new[] { new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "b") });
                }
            }
            """,
            """
            // Copyright (c) Contoso. All rights reserved.

            using System;
            using System.ClientModel;
            using System.Net.Http;
            using System.Threading;
            using Polly;
            using Polly.Retry;
            using Polly.Timeout;

            class Agent
            {
            """ + "\n" + Expected.RetryField() + """


                [LlmCallAnalyzers.TaskSlo(0.999)]
                async System.Threading.Tasks.Task Run(Microsoft.Extensions.AI.IChatClient client)
                {
                    await RetryPipeline.ExecuteAsync(async ct => await client.GetResponseAsync(new[] { new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "a") }, cancellationToken: ct), CancellationToken.None);
                    await RetryPipeline.ExecuteAsync(async ct => await client.GetResponseAsync(new[] { new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "b") }, cancellationToken: ct), CancellationToken.None);
                }
            }
            """,
            FixKeys.AddRetry,
            new[] { RetryFixTests.Llm003(0, "Run", "up to 2 essential LLM calls (1 of them at the call at Test0.cs:8) at 99.90 % each", "99.80 %", "99.90 %", "≥ 99.950 % per call") });
    }
}
