using Microsoft.CodeAnalysis.Testing;
using Verify = LlmCallAnalyzers.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LlmCallAnalyzers.Analyzers.LlmTaskAnalyzer>;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>LLM002 (unbounded fan-out on a task path) and LLM006 (agent step without an SLO).</summary>
public class FanOutRuleTests
{
    private const string QuietLoops = "dotnet_diagnostic.LLM001.severity = none\n";

    [Fact]
    public async Task Unbounded_foreach_over_an_enumerable_parameter_is_LLM002_at_the_loop()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.99)]
                async Task Run(IChatClient client, IEnumerable<string> questions)
                {
                    {|#0:foreach|} (var q in questions)
                    {
                        await client.GetResponseAsync(q);
                    }
                }
            }
            """,
            QuietLoops,
            null,
            Verify.Diagnostic("LLM002").WithLocation(0).WithArguments("This loop", "Run", ", up to 1 LLM call per iteration, at the call at Test0.cs:15", "Run"));
    }

    [Fact]
    public async Task Unbounded_loop_in_a_helper_is_reported_once_naming_the_task()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.99)]
                async Task Run(IChatClient client, List<string> questions)
                {
                    await Ask(client, questions);
                }

                [AgentStep]
                async Task Ask(IChatClient client, List<string> questions)
                {
                    {|#0:while|} (questions.Count > 0)
                    {
                        await client.GetResponseAsync(questions[0]);
                        questions.RemoveAt(0);
                    }
                }
            }
            """,
            QuietLoops,
            null,
            Verify.Diagnostic("LLM002").WithLocation(0).WithArguments("This loop", "Ask", ", up to 1 LLM call per iteration, at the call at Test0.cs:21", "Ask"));
    }

    [Fact]
    public async Task A_recursive_task_is_LLM002_at_the_recursive_call()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.99)]
                async Task<string> Run(IChatClient client, string goal, int depth)
                {
                    var plan = await client.GetResponseAsync(goal);
                    if (plan.Text.Contains("DONE")) return plan.Text;
                    return await {|#0:Run(client, plan.Text, depth + 1)|};
                }
            }
            """,
            QuietLoops,
            null,
            Verify.Diagnostic("LLM002").WithLocation(0).WithArguments("The recursive call to 'Run'", "Run", ", up to 1 LLM call per level, at the call at Test0.cs:13", "Run"));
    }

    [Fact]
    public async Task Recursion_bounded_by_FanOut_is_fine()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.99), FanOut(5)]
                async Task<string> Run(IChatClient client, string goal, int depth)
                {
                    var plan = await client.GetResponseAsync(goal);
                    if (depth >= 4 || plan.Text.Contains("DONE")) return plan.Text;
                    return await Run(client, plan.Text, depth + 1);
                }
            }
            """,
            QuietLoops,
            null);
    }

    [Fact]
    public async Task Agent_step_without_slo_is_LLM006()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [AgentStep]
                async Task {|#0:Plan|}(IChatClient client)
                {
                    await client.GetResponseAsync("plan");
                    await client.GetResponseAsync("refine");
                }
            }
            """,
            QuietLoops,
            null,
            Verify.Diagnostic("LLM006").WithLocation(0).WithArguments("Plan", "2 LLM calls", "99.80 %"));
    }

    [Fact]
    public async Task Agent_step_called_from_a_task_with_slo_is_fine()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                [TaskSlo(0.99)]
                Task Run(IChatClient client) => Plan(client);

                [AgentStep]
                async Task Plan(IChatClient client)
                {
                    await client.GetResponseAsync("plan");
                }
            }
            """,
            QuietLoops,
            null);
    }
}
