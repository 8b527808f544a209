using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using V = LlmCallAnalyzers.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LlmCallAnalyzers.Analyzers.LlmTaskAnalyzer>;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// LLM002–LLM005 point at the calls and loops behind their figure (additional locations, largest first, at most ten)
/// and name the largest in the message; LLM001 on a call of a method names the path to its calls.
/// </summary>
public class RelatedLocationsTests
{
    private const string QuietLoops = "dotnet_diagnostic.LLM001.severity = none\n";

    [Fact]
    public async Task LLM003_on_a_task_reached_through_three_methods_points_at_the_loop_first_then_the_calls()
    {
        // Research → Gather (a loop of 5) → Answer (ten call-free branches, a retried call, a call); plus one call in
        // Research: 1 + 5 × 2 = 11 essential calls, 10 of them in the loop.
        await V.VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using Polly;
            using Polly.Retry;
            class Agent(IChatClient client)
            {
                private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2 }).Build();

                [TaskSlo(0.999)]
                async Task<string> {|#0:Research|}(string topic, int mode)
                {
                    var plan = await {|#4:client.GetResponseAsync("plan " + topic)|};
                    return plan.Text + await Gather(topic, mode);
                }

                async Task<string> Gather(string topic, int mode)
                {
                    string notes = "";
                    {|#1:for|} (int i = 0; i < 5; i++)
                    {
                        notes += await Answer(topic + i, mode);
                    }

                    return notes;
                }

                async Task<string> Answer(string question, int mode)
                {
                    string prompt;
                    switch (mode)
                    {
                        case 0: prompt = question; break;
                        case 1: prompt = question.Trim(); break;
                        case 2: prompt = question.ToUpperInvariant(); break;
                        case 3: prompt = question.ToLowerInvariant(); break;
                        case 4: prompt = "Briefly: " + question; break;
                        case 5: prompt = "In detail: " + question; break;
                        case 6: prompt = question + "?"; break;
                        case 7: prompt = question.Replace(' ', '_'); break;
                        case 8: prompt = question.Substring(1); break;
                        default: prompt = "Answer: " + question; break;
                    }

                    var answer = await Retry.ExecuteAsync(async ct => await {|#2:client.GetResponseAsync(prompt, cancellationToken: ct)|});
                    var check = await {|#3:client.GetResponseAsync("check " + answer.Text)|};
                    return answer.Text + check.Text;
                }
            }
            """,
            QuietLoops,
            null,
            V.Diagnostic("LLM003").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithLocation(4)
                .WithArguments(
                    "Research",
                    "up to 11 essential LLM calls (10 of them in the loop at Test0.cs:24) at 99.90 % each, 5 of them retried up to 2 times (retry_recoverable 0.50)",
                    "99.15 %",
                    "99.90 %",
                    "≥ 99.989 % per call"));
    }

    [Fact]
    public async Task LLM002_on_an_unbounded_loop_points_at_the_calls_of_one_iteration()
    {
        await V.VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            class Agent(IChatClient client)
            {
                [TaskSlo(0.99)]
                async Task Run(IEnumerable<string> questions)
                {
                    {|#0:foreach|} (var q in questions)
                    {
                        await {|#1:client.GetResponseAsync(q)|};
                        await Twice(q);
                    }
                }

                async Task Twice(string q)
                {
                    {|#3:for|} (int i = 0; i < 2; i++)
                    {
                        await {|#2:client.GetResponseAsync(q + i)|};
                    }
                }
            }
            """,
            QuietLoops,
            null,
            V.Diagnostic("LLM002").WithLocation(0).WithLocation(3).WithLocation(2).WithLocation(1)
                .WithArguments("This loop", "Run", ", up to 3 LLM calls per iteration, 2 of them in the loop at Test0.cs:22", "Run"));
    }

    [Fact]
    public async Task LLM004_points_at_the_slowest_parts_and_names_the_largest_in_milliseconds()
    {
        await V.VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            class Agent(IChatClient client)
            {
                [TaskSlo(0.5, LatencyP99Ms = 3000)]
                async Task {|#0:Run|}()
                {
                    await {|#1:client.GetResponseAsync("plan")|};
                    {|#2:for|} (int i = 0; i < 3; i++)
                    {
                        await {|#3:client.GetResponseAsync("step")|};
                    }
                }
            }
            """,
            QuietLoops,
            null,
            V.Diagnostic("LLM004").WithLocation(0).WithLocation(2).WithLocation(3).WithLocation(1)
                .WithArguments("Run", "4 sequential calls × 800 ms", "3200", "3000", "; 2400 ms of it in the loop at Test0.cs:14"));
    }

    [Fact]
    public async Task LLM005_points_at_the_other_calls_exposed_to_the_cold_start()
    {
        await V.VerifyAsync(
            """
            using OpenAI.Chat;
            class Agent
            {
                [TaskSlo(0.5)]
                async Task Run(string apiKey)
                {
                    var client = new ChatClient("ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4", apiKey);
                    var other = new ChatClient("gpt-4o", apiKey);
                    await other.CompleteChatAsync("not fine-tuned");
                    await {|#0:client.CompleteChatAsync("first")|};
                    {|#1:for|} (int i = 0; i < 3; i++)
                    {
                        await {|#2:client.CompleteChatAsync("again")|};
                    }
                }
            }
            """,
            QuietLoops,
            null,
            V.Diagnostic("LLM005").WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("ChatClient.CompleteChatAsync", "ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4", "Run", "4600", "; 'Run' makes up to 4 calls to it, 3 of them in the loop at Test0.cs:17"),
            V.Diagnostic("LLM005").WithLocation(2).WithLocation(1).WithLocation(0)
                .WithArguments("ChatClient.CompleteChatAsync", "ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4", "Run", "4600", "; 'Run' makes up to 4 calls to it, 3 of them in the loop at Test0.cs:17"));
    }

    [Fact]
    public async Task LLM001_on_a_call_of_a_method_names_the_path_to_its_calls()
    {
        await V.VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            class Agent(IChatClient client)
            {
                async Task Run()
                {
                    for (int i = 0; i < 4; i++)
                    {
                        await {|#0:AnswerAsync("q" + i)|};
                    }
                }

                async Task AnswerAsync(string q) => await SummarizeAsync(q);

                async Task SummarizeAsync(string q) => await client.GetResponseAsync(q);
            }
            """,
            V.Diagnostic("LLM001").WithSeverity(DiagnosticSeverity.Info).WithLocation(0)
                .WithArguments("AnswerAsync", "1 LLM call (via AnswerAsync → SummarizeAsync)", "4 times"));
    }

    [Fact]
    public async Task LLM001_weighs_a_called_methods_calls_one_by_one_when_choosing_the_path()
    {
        // Step makes 4 calls in Four, one by one, and 3 in its own loop: its largest call is the loop, in Step itself, so
        // the message names no path (Four's sequence is one shared child of Step's tree, but counts as its parts).
        await V.VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            class Agent(IChatClient client)
            {
                async Task Run()
                {
                    for (int i = 0; i < 2; i++)
                    {
                        await {|#0:Step()|};
                    }
                }

                async Task Step()
                {
                    await Four();
                    for (int j = 0; j < 3; j++)
                    {
                        await {|#1:client.GetResponseAsync("x")|};
                    }
                }

                async Task Four()
                {
                    await client.GetResponseAsync("a");
                    await client.GetResponseAsync("b");
                    await client.GetResponseAsync("c");
                    await client.GetResponseAsync("d");
                }
            }
            """,
            V.Diagnostic("LLM001").WithSeverity(DiagnosticSeverity.Info).WithLocation(0).WithArguments("Step", "7 LLM calls", "2 times"),
            V.Diagnostic("LLM001").WithSeverity(DiagnosticSeverity.Info).WithLocation(1).WithArguments("ChatClientExtensions.GetResponseAsync", "1 LLM call", "3 times"));
    }

    [Fact]
    public async Task At_most_ten_related_locations_largest_first_and_the_same_from_every_run()
    {
        // 12 calls in sequence and a loop of 4: the loop (4 calls) and its call (4) first, then the calls in the order of
        // the source, until ten.
        string calls = string.Concat(Enumerable.Range(0, 12).Select(i => $"        await client.GetResponseAsync(\"step {i}\");\n"));
        string source = "using System.Threading.Tasks; using Microsoft.Extensions.AI; using LlmCallAnalyzers;\nclass Agent\n{\n"
            + "    [TaskSlo(0.999)] public async Task Run(IChatClient client)\n    {\n" + calls
            + "        for (int i = 0; i < 4; i++) { await client.GetResponseAsync(\"loop\"); }\n    }\n}\n";
        var (first, exceptions) = await AnalyzerRunner.RunAsync(AnalyzerRunner.Compile(source));
        Assert.Empty(exceptions);
        var llm003 = Assert.Single(first, d => d.Id == "LLM003");
        Assert.Equal(10, llm003.AdditionalLocations.Count);
        var lines = llm003.AdditionalLocations.Select(l => l.GetLineSpan().StartLinePosition.Line + 1).ToList();
        Assert.Equal(new[] { 18, 18, 6, 7, 8, 9, 10, 11, 12, 13 }, lines);
        Assert.Contains("up to 16 essential LLM calls (4 of them in the loop at ", llm003.GetMessage());

        var (second, _) = await AnalyzerRunner.RunAsync(AnalyzerRunner.Compile(source));
        var again = Assert.Single(second, d => d.Id == "LLM003");
        Assert.Equal(lines, again.AdditionalLocations.Select(l => l.GetLineSpan().StartLinePosition.Line + 1));
        Assert.Equal(llm003.GetMessage(), again.GetMessage());
    }

    [Fact]
    public async Task A_call_reached_through_a_billion_paths_is_weighed_once_per_node()
    {
        // M0 calls M1 twice, M1 calls M2 twice, …: 2^30 paths to the one call, a DAG of 31 methods.
        var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(AnalyzerRunner.Compile(DoublingCallGraph.Class(30, "await c.GetResponseAsync(\"a\");")));
        Assert.Empty(exceptions);
        var llm003 = Assert.Single(diagnostics, d => d.Id == "LLM003");
        Assert.Contains("up to 1073741824 essential LLM calls (all of them at the call at ", llm003.GetMessage());
        Assert.Equal(34, Assert.Single(llm003.AdditionalLocations).GetLineSpan().StartLinePosition.Line + 1);

        // Twice as deep: 2^60 paths, which no walk per path ever finishes. Every walk over the composed tree is linear in
        // its nodes, so this analyzes as fast as the 2^30 one, and the count is exact.
        (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(AnalyzerRunner.Compile(DoublingCallGraph.Class(60, "await c.GetResponseAsync(\"a\");")));
        Assert.Empty(exceptions);
        llm003 = Assert.Single(diagnostics, d => d.Id == "LLM003");
        Assert.Contains("up to 1152921504606846976 essential LLM calls (all of them at the call at ", llm003.GetMessage());
        Assert.Equal(64, Assert.Single(llm003.AdditionalLocations).GetLineSpan().StartLinePosition.Line + 1);
    }
}
