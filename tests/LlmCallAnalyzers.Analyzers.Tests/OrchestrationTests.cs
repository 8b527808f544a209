using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using V = LlmCallAnalyzers.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LlmCallAnalyzers.Analyzers.LlmTaskAnalyzer>;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// Multi-agent workflows of the Agent Framework (Microsoft.Agents.AI.Workflows 1.28.0, the real package): a run expands
/// into its agents' turns, with the caps read from the builder calls in view or else the framework's defaults.
/// </summary>
public class OrchestrationTests
{
    private const string QuietLoops = "dotnet_diagnostic.LLM001.severity = none\n";

    private const string Usings = """
        using Microsoft.Agents.AI;
        using Microsoft.Agents.AI.Workflows;
        using Microsoft.Extensions.AI;

        """;

    /// <summary>An agent that makes exactly one model call per run (no function-invocation loop).</summary>
    private static string OneCallAgent(string name)
        => $"var {name} = new ChatClientAgent(client, new ChatClientAgentOptions {{ Name = \"{name}\", UseProvidedChatClientAsIs = true }});";

    /// <summary>An agent with ChatClientAgent's default function-invocation loop: up to 41 model calls per run.</summary>
    private static string ToolAgent(string name) => $"var {name} = client.AsAIAgent(instructions: \"{name}\", name: \"{name}\");";

    private static Task Verify(string source, params DiagnosticResult[] expected) => V.VerifyAsync(Usings + source, QuietLoops, null, expected);

    private static DiagnosticResult Llm003(string method, string inputs, string composed, string slo, string needs)
        => V.Diagnostic("LLM003").WithLocation(0).WithArguments(method, inputs, composed, slo, needs);

    private static DiagnosticResult Unbounded(string perIteration, int marker = 1)
        => V.Diagnostic("LLM002").WithLocation(marker).WithArguments("This loop", "Run", perIteration, "Run");

    private static string Task(string slo, string agents, string build, string run = "await using var run = await {|#1:InProcessExecution.RunAsync(workflow, \"Go.\")|};")
        => $$"""
            class Team
            {
                [TaskSlo({{slo}})]
                async Task {|#0:Run|}(IChatClient client, IEnumerable<AIAgent> others)
                {
                    {{agents}}
                    var workflow = {{build}};
                    {{run}}
                }
            }
            """;

    private static string Agents(Func<string, string> make, params string[] names) => string.Join("\n        ", names.Select(make));

    [Fact]
    public async Task Group_chat_with_MaximumIterationCount_5_in_view_is_5_turns_times_the_agents_41_calls()
    {
        await Verify(
            Task("0.99", Agents(ToolAgent, "writer", "reviewer"),
                "AgentWorkflowBuilder.CreateGroupChatBuilderWith(agents => new RoundRobinGroupChatManager(agents) { MaximumIterationCount = 5 }).AddParticipants([writer, reviewer]).Build()"),
            Llm003("Run", "up to 205 essential LLM calls (all of them in the loop at Test0.cs:18) at 99.90 % each", "81.46 %", "99.00 %", "≥ 99.996 % per call"));
    }

    [Fact]
    public async Task Group_chat_without_a_count_in_view_takes_the_verified_default_of_40_turns()
    {
        await Verify(
            Task("0.99", Agents(OneCallAgent, "writer", "reviewer"),
                "AgentWorkflowBuilder.CreateGroupChatBuilderWith(agents => new RoundRobinGroupChatManager(agents)).AddParticipants([writer, reviewer]).Build()"),
            Llm003("Run", "up to 40 essential LLM calls (all of them in the loop at Test0.cs:18) at 99.90 % each", "96.08 %", "99.00 %", "≥ 99.975 % per call"));
    }

    [Fact]
    public async Task Group_chat_whose_participants_are_not_in_view_counts_each_turn_as_a_ChatClientAgent_run()
    {
        await Verify(
            Task("0.99", string.Empty,
                "AgentWorkflowBuilder.CreateGroupChatBuilderWith(agents => new RoundRobinGroupChatManager(agents) { MaximumIterationCount = 5 }).AddParticipants(others).Build()"),
            Llm003("Run", "up to 205 essential LLM calls (all of them in the loop at Test0.cs:17) at 99.90 % each", "81.46 %", "99.00 %", "≥ 99.996 % per call"));
    }

    [Fact]
    public async Task Group_chat_whose_manager_overrides_ShouldTerminateAsync_has_no_bound()
    {
        await Verify(
            Task("0.99", Agents(OneCallAgent, "writer", "reviewer"),
                "AgentWorkflowBuilder.CreateGroupChatBuilderWith(agents => new UntilApproved(agents) { MaximumIterationCount = 5 }).AddParticipants([writer, reviewer]).Build()")
            + """

            class UntilApproved(IReadOnlyList<AIAgent> agents) : RoundRobinGroupChatManager(agents)
            {
                protected override ValueTask<bool> ShouldTerminateAsync(IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken = default)
                    => new(history.Count > 0 && history[^1].Text.Contains("APPROVED"));
            }
            """,
            Unbounded(", up to 1 LLM call per iteration, at the call at Test0.cs:18"));
    }

    [Theory]
    [InlineData("CreateManager")]
    [InlineData("agents => new RoundRobinGroupChatManager(agents) { MaximumIterationCount = Limit() }")]
    [InlineData("agents => new QuietManager(agents)")]
    public async Task Group_chat_whose_cap_is_not_in_view_has_no_bound(string factory)
    {
        await Verify(
            Task("0.99", Agents(OneCallAgent, "writer", "reviewer"),
                $"AgentWorkflowBuilder.CreateGroupChatBuilderWith({factory}).AddParticipants([writer, reviewer]).Build()")
                .Replace("class Team\n{", "class Team\n{\n    static GroupChatManager CreateManager(IReadOnlyList<AIAgent> agents) => new RoundRobinGroupChatManager(agents);\n    static int Limit() => 5;")
            + """

            class QuietManager : RoundRobinGroupChatManager
            {
                // A source subclass may set its own cap: only the package's default is known.
                public QuietManager(IReadOnlyList<AIAgent> agents) : base(agents) => MaximumIterationCount = 500;
            }
            """,
            Unbounded(", up to 1 LLM call per iteration, at the call at Test0.cs:20"));
    }

    [Fact]
    public async Task Sequential_workflow_is_the_sum_of_its_participants_runs()
    {
        await Verify(
            Task("0.99", Agents(ToolAgent, "researcher", "writer", "editor"), "AgentWorkflowBuilder.BuildSequential([researcher, writer, editor])"),
            Llm003("Run", "up to 123 essential LLM calls (all of them at the call at Test0.cs:19) at 99.90 % each", "88.42 %", "99.00 %", "≥ 99.992 % per call"));
    }

    [Fact]
    public async Task Concurrent_workflow_makes_every_participants_calls_but_waits_only_for_the_slowest()
    {
        await Verify(
            Task("0.99", Agents(ToolAgent, "a", "b", "c"), "AgentWorkflowBuilder.BuildConcurrent([a, b, c])"),
            Llm003("Run", "up to 123 essential LLM calls (all of them at the call at Test0.cs:19) at 99.90 % each", "88.42 %", "99.00 %", "≥ 99.992 % per call"));
    }

    [Fact]
    public async Task Three_one_call_agents_meet_a_2000_ms_budget_concurrently_but_not_in_sequence()
    {
        await Verify(
            Task("0.99, LatencyP99Ms = 2000", Agents(OneCallAgent, "a", "b", "c"), "AgentWorkflowBuilder.BuildConcurrent([a, b, c])"));
        await Verify(
            Task("0.99, LatencyP99Ms = 2000", Agents(OneCallAgent, "a", "b", "c"), "AgentWorkflowBuilder.BuildSequential([a, b, c])"),
            V.Diagnostic("LLM004").WithLocation(0).WithArguments("Run", "3 sequential calls × 800 ms", "2400", "2000", "; 2400 ms of it at the call at Test0.cs:19"));
    }

    [Fact]
    public async Task Sequential_workflow_over_agents_not_in_view_is_unbounded()
    {
        await Verify(Task("0.99", string.Empty, "AgentWorkflowBuilder.BuildSequential(others)"), Unbounded(", up to 41 LLM calls per iteration, all of them at the call at Test0.cs:17"));
    }

    [Fact]
    public async Task A_builder_kept_in_a_local_may_have_gained_participants_unseen_so_it_widens_to_unbounded()
    {
        await Verify(
            Task("0.99", Agents(OneCallAgent, "a", "b") + "\n        var builder = AgentWorkflowBuilder.CreateSequentialBuilderWith([a]);",
                "builder.Build()"),
            Unbounded(", up to 41 LLM calls per iteration, all of them at the call at Test0.cs:19"));
    }

    [Fact]
    public async Task Acyclic_handoff_graph_visits_each_agent_at_most_once()
    {
        await Verify(
            Task("0.999", Agents(OneCallAgent, "triage", "math", "history"),
                "AgentWorkflowBuilder.CreateHandoffBuilderWith(triage).WithHandoffs(triage, [math, history]).Build()"),
            Llm003("Run", "up to 3 essential LLM calls (all of them in the loop at Test0.cs:19) at 99.90 % each", "99.70 %", "99.90 %", "≥ 99.967 % per call"));
    }

    [Fact]
    public async Task Handoff_chain_through_both_WithHandoffs_overloads_is_bounded_by_its_three_agents()
    {
        await Verify(
            Task("0.999", Agents(OneCallAgent, "triage", "math", "checker"),
                "AgentWorkflowBuilder.CreateHandoffBuilderWith(triage).WithHandoffs(triage, [math]).WithHandoffs([math], checker).Build()"),
            Llm003("Run", "up to 3 essential LLM calls (all of them in the loop at Test0.cs:19) at 99.90 % each", "99.70 %", "99.90 %", "≥ 99.967 % per call"));
    }

    [Fact]
    public async Task Handoff_targets_in_an_array_built_elsewhere_widen_to_unbounded()
    {
        await Verify(
            Task("0.999", Agents(OneCallAgent, "triage", "math", "history") + "\n        AIAgent[] specialists = Pick(math, history);",
                "AgentWorkflowBuilder.CreateHandoffBuilderWith(triage).WithHandoffs(triage, specialists).Build()")
                .Replace("class Team\n{", "class Team\n{\n    static AIAgent[] Pick(params AIAgent[] agents) => agents;"),
            Unbounded(", up to 41 LLM calls per iteration, all of them at the call at Test0.cs:21"));
    }

    [Fact]
    public async Task Handoff_graph_with_a_cycle_has_no_bound_in_the_framework()
    {
        await Verify(
            Task("0.99", Agents(OneCallAgent, "triage", "math", "history"),
                "AgentWorkflowBuilder.CreateHandoffBuilderWith(triage).WithHandoffs(triage, [math, history]).WithHandoffs([math, history], triage).Build()"),
            Unbounded(", up to 1 LLM call per iteration, at the call at Test0.cs:19"));
    }

    [Fact]
    public async Task Autonomous_handoff_runs_each_visited_agent_up_to_the_default_turn_limit_of_50_plus_one()
    {
        await Verify(
            Task("0.99", Agents(OneCallAgent, "triage", "math"),
                "AgentWorkflowBuilder.CreateHandoffBuilderWith(triage).WithHandoff(triage, math).WithAutonomousMode().Build()"),
            Llm003("Run", "up to 102 essential LLM calls (all of them in the loop at Test0.cs:18) at 99.90 % each", "90.30 %", "99.00 %", "≥ 99.991 % per call"));
    }

    [Fact]
    public async Task Magentic_workflow_with_the_default_unlimited_rounds_is_unbounded()
    {
        await Verify(
            Task("0.99", Agents(OneCallAgent, "manager", "coder", "researcher"),
                "AgentWorkflowBuilder.CreateMagenticBuilderWith(manager).AddParticipants([coder, researcher]).Build()"),
            Unbounded(", up to 7 LLM calls per iteration, all of them at the call at Test0.cs:19"));
    }

    [Fact]
    public async Task Magentic_workflow_with_only_max_resets_is_still_unbounded()
    {
        await Verify(
            Task("0.99", Agents(OneCallAgent, "manager", "coder"),
                "AgentWorkflowBuilder.CreateMagenticBuilderWith(manager).AddParticipants([coder]).WithMaxResets(2).Build()"),
            Unbounded(", up to 7 LLM calls per iteration, all of them at the call at Test0.cs:18"));
    }

    [Fact]
    public async Task Magentic_workflow_with_max_rounds_alone_is_bounded_as_every_reset_takes_a_round()
    {
        // (1 plan + 2 replans) × 2 manager runs + 2 rounds × (1 ledger + 3 retries + 1 participant turn) + 1 final answer = 17.
        await Verify(
            Task("0.99", Agents(OneCallAgent, "manager", "coder", "researcher"),
                "AgentWorkflowBuilder.CreateMagenticBuilderWith(manager).AddParticipants([coder, researcher]).WithMaxRounds(2).Build()"),
            Llm003("Run", "up to 17 essential LLM calls (all of them in the loop at Test0.cs:19) at 99.90 % each", "98.31 %", "99.00 %", "≥ 99.941 % per call"));
    }

    [Fact]
    public async Task Magentic_workflow_with_max_rounds_and_resets_in_view_counts_plans_ledgers_turns_and_the_final_answer()
    {
        // 1 plan × 2 manager runs + 2 rounds × (1 ledger + 3 retries + 1 participant turn) + 1 final answer = 13.
        await Verify(
            Task("0.99", Agents(OneCallAgent, "manager", "coder", "researcher"),
                "AgentWorkflowBuilder.CreateMagenticBuilderWith(manager).AddParticipants([coder, researcher]).WithMaxRounds(2).WithMaxResets(0).Build()"),
            Llm003("Run", "up to 13 essential LLM calls (all of them in the loop at Test0.cs:19) at 99.90 % each", "98.71 %", "99.00 %", "≥ 99.923 % per call"));
    }

    [Fact]
    public async Task A_workflow_hosted_as_an_agent_runs_the_same_turns()
    {
        await Verify(
            Task("0.999", Agents(OneCallAgent, "writer", "reviewer"),
                "AgentWorkflowBuilder.CreateGroupChatBuilderWith(agents => new RoundRobinGroupChatManager(agents) { MaximumIterationCount = 5 }).AddParticipants([writer, reviewer]).Build().AsAIAgent()",
                "await workflow.RunAsync(\"Go.\");"),
            Llm003("Run", "up to 5 essential LLM calls (all of them in the loop at Test0.cs:18) at 99.90 % each", "99.50 %", "99.90 %", "≥ 99.980 % per call"));
    }

    [Fact]
    public async Task A_group_chat_hosted_as_an_agent_inside_a_sequential_workflow_adds_its_turns()
    {
        // 5 group-chat turns of one call each, then the editor's one call.
        await Verify(
            Task("0.999", Agents(OneCallAgent, "writer", "reviewer", "editor")
                + "\n        var drafting = AgentWorkflowBuilder.CreateGroupChatBuilderWith(agents => new RoundRobinGroupChatManager(agents) { MaximumIterationCount = 5 }).AddParticipants([writer, reviewer]).Build();",
                "AgentWorkflowBuilder.BuildSequential([drafting.AsAIAgent(), editor])"),
            Llm003("Run", "up to 6 essential LLM calls (all of them in the loop at Test0.cs:20) at 99.90 % each", "99.40 %", "99.90 %", "≥ 99.984 % per call"));
    }

    [Fact]
    public async Task A_workflow_run_in_a_loop_is_LLM001_at_the_run()
    {
        await V.VerifyAsync(Usings + $$"""
            class Team
            {
                async Task Run(IChatClient client)
                {
                    {{OneCallAgent("writer")}}
                    var workflow = AgentWorkflowBuilder.BuildSequential([writer]);
                    for (int i = 0; i < 3; i++)
                    {
                        await using var run = await {|#0:InProcessExecution.RunAsync(workflow, "Go.")|};
                    }
                }
            }
            """,
            V.Diagnostic("LLM001").WithSeverity(DiagnosticSeverity.Info).WithLocation(0).WithArguments("writer (sequential workflow turn in InProcessExecution.RunAsync)", "1 LLM call", "3 times"));
    }
}
