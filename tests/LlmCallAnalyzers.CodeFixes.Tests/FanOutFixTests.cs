using LlmCallAnalyzers.CodeFixes.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using V = LlmCallAnalyzers.CodeFixes.Tests.Infrastructure.FixVerifier<LlmCallAnalyzers.CodeFixes.FanOutCodeFixProvider>;

namespace LlmCallAnalyzers.CodeFixes.Tests;

/// <summary>LLM002: bound the fan-out with [FanOut(n)] or .Take(n).</summary>
public class FanOutFixTests
{
    private static DiagnosticResult Llm002(int location, string description, string task, string method, string perIteration = "")
        => V.Diagnostic("LLM002").WithLocation(location).WithArguments(description, task, perIteration, method);

    private const string ForEachSource = """
        using Microsoft.Extensions.AI;
        class Agent
        {
            [TaskSlo(0.9)]
            async Task Run(IChatClient client, IEnumerable<string> questions)
            {
                {|#0:foreach|} (var q in questions)
                {
                    await client.GetResponseAsync(q);
                    await client.GetResponseAsync("check " + q);
                }
            }
        }
        """;

    [Fact]
    public async Task A_foreach_over_an_enumerable_parameter_is_declared_at_ten_iterations()
    {
        await V.VerifyAsync(
            V.Usings + ForEachSource,
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.9)]
                [FanOut(20)]
                async Task Run(IChatClient client, IEnumerable<string> questions)
                {
                    foreach (var q in questions)
                    {
                        await client.GetResponseAsync(q);
                        await client.GetResponseAsync("check " + q);
                    }
                }
            }
            """,
            FixKeys.DeclareFanOut,
            new[] { Llm002(0, "This loop", "Run", "Run", ", up to 2 LLM calls per iteration, 1 of them at the call at Test0.cs:15") },
            title: "Declare at most 20 calls: [FanOut(20)] on 'Run' (assumes at most 10 iterations)");
    }

    [Fact]
    public async Task A_foreach_over_an_enumerable_parameter_takes_at_most_ten_items()
    {
        await V.VerifyAsync(
            V.Usings + ForEachSource,
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.9)]
                async Task Run(IChatClient client, IEnumerable<string> questions)
                {
                    foreach (var q in questions.Take(10))
                    {
                        await client.GetResponseAsync(q);
                        await client.GetResponseAsync("check " + q);
                    }
                }
            }
            """,
            FixKeys.TakeAtMost,
            new[] { Llm002(0, "This loop", "Run", "Run", ", up to 2 LLM calls per iteration, 1 of them at the call at Test0.cs:15") },
            title: "Take at most 10 items from 'questions'");
    }

    [Fact]
    public async Task Take_adds_the_Linq_using_when_it_is_missing()
    {
        await V.VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using LlmCallAnalyzers;
            using Microsoft.Extensions.AI;

            class Agent
            {
                [TaskSlo(0.9)]
                async Task Run(IChatClient client, List<string> questions)
                {
                    {|#0:foreach|} (var q in questions)
                    {
                        await client.GetResponseAsync(q);
                    }
                }
            }
            """,
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using LlmCallAnalyzers;
            using Microsoft.Extensions.AI;

            class Agent
            {
                [TaskSlo(0.9)]
                async Task Run(IChatClient client, List<string> questions)
                {
                    foreach (var q in questions.Take(10))
                    {
                        await client.GetResponseAsync(q);
                    }
                }
            }
            """,
            FixKeys.TakeAtMost,
            new[] { Llm002(0, "This loop", "Run", "Run", ", up to 1 LLM call per iteration, at the call at Test0.cs:13") });
    }

    [Fact]
    public async Task Recursion_compared_with_a_depth_limit_is_declared_at_what_the_code_suggests()
    {
        await V.VerifyAsync(
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                /// <summary>Plans until done.</summary>
                [TaskSlo(0.99)]
                async Task<string> Run(IChatClient client, string goal, int depth)
                {
                    var plan = await client.GetResponseAsync(goal);
                    if (depth >= 4 || plan.Text.Contains("DONE")) return plan.Text;
                    return await {|#0:Run(client, plan.Text, depth + 1)|};
                }
            }
            """,
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                /// <summary>Plans until done.</summary>
                [TaskSlo(0.99)]
                [FanOut(5)]
                async Task<string> Run(IChatClient client, string goal, int depth)
                {
                    var plan = await client.GetResponseAsync(goal);
                    if (depth >= 4 || plan.Text.Contains("DONE")) return plan.Text;
                    return await Run(client, plan.Text, depth + 1);
                }
            }
            """,
            FixKeys.DeclareFanOut,
            new[] { Llm002(0, "The recursive call to 'Run'", "Run", "Run", ", up to 1 LLM call per level, at the call at Test0.cs:14") },
            title: "Declare at most 5 calls: [FanOut(5)] on 'Run' (5 levels of recursion, as the code suggests)");
    }

    [Fact]
    public async Task Fix_all_declares_each_helper_once_with_breaks_and_defaults_read()
    {
        await V.VerifyAsync(
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.9)]
                async Task Run(IChatClient client, List<string> items)
                {
                    await Refine(client);
                    await Rounds(client);
                    await client.GetResponseAsync("summary");
                }

                // Refines until the model is satisfied.
                async Task Refine(IChatClient client)
                {
                    int round = 0;
                    {|#0:while|} (true)
                    {
                        var answer = await client.GetResponseAsync("refine");
                        if (++round >= 3) break;
                    }
                }

                async Task Rounds(IChatClient client, int maxRounds = 4)
                {
                    await client.GetResponseAsync("start");
                    {|#1:for|} (int i = 0; i < maxRounds; i++)
                    {
                        await client.GetResponseAsync("round");
                    }
                }
            }
            """,
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.9)]
                async Task Run(IChatClient client, List<string> items)
                {
                    await Refine(client);
                    await Rounds(client);
                    await client.GetResponseAsync("summary");
                }

                // Refines until the model is satisfied.
                [FanOut(3)]
                async Task Refine(IChatClient client)
                {
                    int round = 0;
                    while (true)
                    {
                        var answer = await client.GetResponseAsync("refine");
                        if (++round >= 3) break;
                    }
                }

                [FanOut(5)]
                async Task Rounds(IChatClient client, int maxRounds = 4)
                {
                    await client.GetResponseAsync("start");
                    for (int i = 0; i < maxRounds; i++)
                    {
                        await client.GetResponseAsync("round");
                    }
                }
            }
            """,
            FixKeys.DeclareFanOut,
            allFixAllScopes: true,
            expected: new[] { Llm002(0, "This loop", "Run", "Refine", ", up to 1 LLM call per iteration, at the call at Test0.cs:24"), Llm002(1, "This loop", "Run", "Rounds", ", up to 1 LLM call per iteration, at the call at Test0.cs:34") });
    }

    [Fact]
    public async Task A_query_over_an_enumerable_parameter_is_declared_in_iterations()
    {
        var test = V.Create(
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.9)]
                async Task Run(IChatClient client, IEnumerable<string> questions)
                {
                    await client.GetResponseAsync("plan");
                    await Task.WhenAll({|#0:questions.Select(q => client.GetResponseAsync(q))|});
                }
            }
            """,
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.9)]
                [FanOut(11)]
                async Task Run(IChatClient client, IEnumerable<string> questions)
                {
                    await client.GetResponseAsync("plan");
                    await Task.WhenAll(questions.Select(q => client.GetResponseAsync(q)));
                }
            }
            """,
            FixKeys.DeclareFanOut);
        test.ExpectedDiagnostics.Add(Llm002(0, "This loop", "Run", "Run", ", up to 1 LLM call per iteration, at the call at Test0.cs:14"));
        test.CodeActionVerifier = (action, verifier) =>
            verifier.Equal("Declare at most 11 calls: [FanOut(11)] on 'Run' (assumes at most 10 iterations)", action.Title);
        await test.RunAsync();
    }

    [Fact]
    public async Task A_do_while_compared_with_a_limit_is_declared_at_what_the_code_suggests()
    {
        await V.VerifyAsync(
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.9)]
                async Task Run(IChatClient client)
                {
                    await client.GetResponseAsync("plan");
                    int round = 0;
                    {|#0:do|}
                    {
                        await client.GetResponseAsync("draft");
                        await client.GetResponseAsync("critique");
                        round++;
                    }
                    while (round < 3);
                }
            }
            """,
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.9)]
                [FanOut(7)]
                async Task Run(IChatClient client)
                {
                    await client.GetResponseAsync("plan");
                    int round = 0;
                    do
                    {
                        await client.GetResponseAsync("draft");
                        await client.GetResponseAsync("critique");
                        round++;
                    }
                    while (round < 3);
                }
            }
            """,
            FixKeys.DeclareFanOut,
            new[] { Llm002(0, "This loop", "Run", "Run", ", up to 2 LLM calls per iteration, 1 of them at the call at Test0.cs:17") },
            title: "Declare at most 7 calls: [FanOut(7)] on 'Run' (3 iterations, as the code suggests)");
    }
}
