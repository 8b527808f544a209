using LlmCallAnalyzers.CodeFixes.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using V = LlmCallAnalyzers.CodeFixes.Tests.Infrastructure.FixVerifier<LlmCallAnalyzers.CodeFixes.AgentStepSloCodeFixProvider>;

namespace LlmCallAnalyzers.CodeFixes.Tests;

/// <summary>LLM006: declare [TaskSlo(x)] at the composed availability rounded down to 0.001.</summary>
public class AgentStepSloFixTests
{
    private static DiagnosticResult Llm006(int location, string name, string calls, string availability)
        => V.Diagnostic("LLM006").WithLocation(location).WithArguments(name, calls, availability);

    [Fact]
    public async Task Two_calls_compose_to_99_80_and_declare_0_998()
    {
        await V.VerifyAsync(
            V.Usings + """
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
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                [AgentStep]
                [TaskSlo(0.998)]
                async Task Plan(IChatClient client)
                {
                    await client.GetResponseAsync("plan");
                    await client.GetResponseAsync("refine");
                }
            }
            """,
            FixKeys.AddTaskSlo,
            new[] { Llm006(0, "Plan", "2 LLM calls", "99.80 %") },
            title: "Declare [TaskSlo(0.998)] on 'Plan' (its composed availability 99.80 %, rounded down)");
    }

    [Fact]
    public async Task Fix_all_declares_each_step_and_the_slo_starts_true()
    {
        // 0.999^3 = 0.997003 → 0.997; 0.999^12 = 0.98807 → 0.988. Neither SLO is then reported by LLM003.
        await V.VerifyAsync(
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                [AgentStep]
                async Task {|#0:Plan|}(IChatClient client)
                {
                    await client.GetResponseAsync("plan");
                    await client.GetResponseAsync("refine");
                    await client.GetResponseAsync("check");
                }

                [AgentStep]
                async Task {|#1:Research|}(IChatClient client)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        await Plan(client);
                    }
                }
            }
            """,
            V.Usings + """
            using Microsoft.Extensions.AI;
            class Agent
            {
                [AgentStep]
                [TaskSlo(0.997)]
                async Task Plan(IChatClient client)
                {
                    await client.GetResponseAsync("plan");
                    await client.GetResponseAsync("refine");
                    await client.GetResponseAsync("check");
                }

                [AgentStep]
                [TaskSlo(0.988)]
                async Task Research(IChatClient client)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        await Plan(client);
                    }
                }
            }
            """,
            FixKeys.AddTaskSlo,
            allFixAllScopes: true,
            expected: new[] { Llm006(0, "Plan", "3 LLM calls", "99.70 %"), Llm006(1, "Research", "12 LLM calls", "98.81 %") });
    }
}
