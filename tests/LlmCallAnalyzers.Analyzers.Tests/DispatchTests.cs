using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = LlmCallAnalyzers.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LlmCallAnalyzers.Analyzers.LlmTaskAnalyzer>;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// Virtual dispatch: a call on an interface, abstract or virtual member reaches every implementation or override in
/// the compilation; its fan-out is the range over them and the worst one decides the SLO check.
/// </summary>
public class DispatchTests
{
    private const string QuietLoops = "dotnet_diagnostic.LLM001.severity = none\n";

    private static DiagnosticResult InLoop(int marker, string label, string makes, string times)
        => Verify.Diagnostic("LLM001").WithSeverity(DiagnosticSeverity.Info).WithLocation(marker).WithArguments(label, makes, times);

    /// <summary>Three plan steps making 0, 1 and 2 model calls.</summary>
    private const string PlanSteps = """
        using Microsoft.Extensions.AI;

        public interface IPlanStep
        {
            Task ExecuteAsync(string input);
        }

        public sealed class NoteStep : IPlanStep
        {
            public Task ExecuteAsync(string input) => Task.CompletedTask;
        }

        public sealed class DraftStep(IChatClient client) : IPlanStep
        {
            public async Task ExecuteAsync(string input) => await client.GetResponseAsync("draft " + input);
        }

        public sealed class ReviewStep(IChatClient client) : IPlanStep
        {
            public async Task ExecuteAsync(string input)
            {
                await client.GetResponseAsync("review " + input);
                await client.GetResponseAsync("revise " + input);
            }
        }

        """;

    [Fact]
    public async Task A_loop_over_an_interface_member_whose_implementations_make_calls_is_LLM001()
    {
        await Verify.VerifyAsync(PlanSteps + """
            public sealed class Planner
            {
                public async Task RunAsync(IReadOnlyList<IPlanStep> steps)
                {
                    foreach (var step in steps)
                    {
                        await {|#0:step.ExecuteAsync("go")|};
                    }
                }
            }
            """,
            InLoop(0, "IPlanStep.ExecuteAsync", "up to 2 LLM calls (3 implementations, 0–2 calls; worst: ReviewStep)", "an unknown number of times"));
    }

    [Fact]
    public async Task Ten_rounds_of_a_dispatched_step_compose_the_worst_implementation()
    {
        await Verify.VerifyAsync(PlanSteps + """
            public sealed class Planner(IPlanStep step)
            {
                [TaskSlo(0.99)]
                public async Task {|#0:TenRounds|}()
                {
                    for (int round = 0; round < 10; round++)
                    {
                        await step.ExecuteAsync("round");
                    }
                }
            }
            """,
            QuietLoops,
            null,
            Verify.Diagnostic("LLM003").WithLocation(0).WithArguments(
                "TenRounds",
                "up to 20 essential LLM calls (all of them in the loop at Test0.cs:37) at 99.90 % each (10 × IPlanStep.ExecuteAsync: 3 implementations, 0–2 calls; worst: ReviewStep)",
                "98.02 %",
                "99.00 %",
                "≥ 99.950 % per call"));
    }

    [Fact]
    public async Task Ten_turns_of_an_abstract_agent_compose_to_99_00_percent()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;

            public abstract class Agent
            {
                public abstract Task<string> TakeTurnAsync(string conversation);
            }

            public sealed class Writer(IChatClient client) : Agent
            {
                public override async Task<string> TakeTurnAsync(string conversation) => (await client.GetResponseAsync(conversation)).Text;
            }

            public sealed class Critic(IChatClient client) : Agent
            {
                public override async Task<string> TakeTurnAsync(string conversation) => (await client.GetResponseAsync("critique: " + conversation)).Text;
            }

            public sealed class Debate(Agent agent)
            {
                [TaskSlo(0.995)]
                public async Task {|#0:RunAsync|}()
                {
                    string conversation = "";
                    for (int turn = 0; turn < 10; turn++)
                    {
                        conversation += await agent.TakeTurnAsync(conversation);
                    }
                }
            }
            """,
            QuietLoops,
            null,
            Verify.Diagnostic("LLM003").WithLocation(0).WithArguments(
                "RunAsync",
                "up to 10 essential LLM calls (all of them in the loop at Test0.cs:30) at 99.90 % each (10 × Agent.TakeTurnAsync: 2 implementations, 1 call each)",
                "99.00 %",
                "99.50 %",
                "≥ 99.950 % per call"));
    }

    [Fact]
    public async Task A_virtual_method_overridden_by_a_model_calling_class_is_LLM001()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;

            public class Tool
            {
                public virtual Task<string> InvokeAsync(string input) => Task.FromResult(input);
            }

            public sealed class SummarizeTool(IChatClient client) : Tool
            {
                public override async Task<string> InvokeAsync(string input) => (await client.GetResponseAsync("summarize " + input)).Text;
            }

            public sealed class Runner
            {
                public async Task RunAsync(Tool tool)
                {
                    for (int i = 0; i < 3; i++)
                    {
                        await {|#0:tool.InvokeAsync("x")|};
                    }
                }
            }
            """,
            InLoop(0, "Tool.InvokeAsync", "up to 1 LLM call (2 implementations, 0–1 calls; worst: SummarizeTool)", "3 times"));
    }

    [Fact]
    public async Task A_base_call_and_a_sealed_receiver_resolve_exactly()
    {
        // base.InvokeAsync is the base implementation only (no calls); a receiver of a sealed type is that type's
        // override only: neither reaches the other class's model call.
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;

            public class Tool
            {
                public virtual Task<string> InvokeAsync(string input) => Task.FromResult(input);
            }

            public sealed class EchoTool : Tool
            {
                public override async Task<string> InvokeAsync(string input)
                {
                    for (int i = 0; i < 3; i++)
                    {
                        await base.InvokeAsync(input);
                    }

                    return input;
                }
            }

            public sealed class SummarizeTool(IChatClient client) : Tool
            {
                public override async Task<string> InvokeAsync(string input) => (await client.GetResponseAsync("summarize " + input)).Text;
            }

            public sealed class Runner
            {
                public async Task RunAsync(EchoTool echo)
                {
                    for (int i = 0; i < 3; i++)
                    {
                        await echo.InvokeAsync("x");
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Explicit_generic_and_default_interface_implementations_are_targets()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;

            public interface IHandler<T>
            {
                Task HandleAsync(T item);
            }

            public interface IGreeter
            {
                Task GreetAsync(IChatClient client) => client.GetResponseAsync("hello");
            }

            public sealed class TextHandler(IChatClient client) : IHandler<string>
            {
                async Task IHandler<string>.HandleAsync(string item) => await client.GetResponseAsync(item);
            }

            public sealed class NumberHandler : IHandler<int>
            {
                public Task HandleAsync(int item) => Task.CompletedTask;
            }

            public sealed class PlainGreeter : IGreeter
            {
            }

            public sealed class Runner
            {
                public async Task RunAsync(IHandler<string> handler, IGreeter greeter, IChatClient client)
                {
                    for (int i = 0; i < 2; i++)
                    {
                        await {|#0:handler.HandleAsync("x")|};
                        await {|#1:greeter.GreetAsync(client)|};
                    }
                }
            }
            """,
            InLoop(0, "IHandler.HandleAsync", "1 LLM call", "2 times"),
            InLoop(1, "GreetAsync", "1 LLM call", "2 times"));
    }

    [Fact]
    public async Task A_loop_whose_dispatch_targets_make_no_model_call_stays_silent()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;

            public interface IFormatter
            {
                string Format(string text);
            }

            public sealed class Upper : IFormatter
            {
                public string Format(string text) => text.ToUpperInvariant();
            }

            public sealed class Lower : IFormatter
            {
                public string Format(string text) => text.ToLowerInvariant();
            }

            public sealed class Report(IChatClient client)
            {
                [TaskSlo(0.99)]
                public async Task RunAsync(IFormatter formatter, string[] lines)
                {
                    foreach (var line in lines)
                    {
                        formatter.Format(line);
                    }

                    await client.GetResponseAsync("done");
                }
            }
            """);
    }

    [Fact]
    public async Task Mutually_recursive_dispatch_is_unbounded_not_a_hang()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;

            public interface INode
            {
                Task VisitAsync(INode next);
            }

            public sealed class AskNode(IChatClient client) : INode
            {
                public async Task VisitAsync(INode next)
                {
                    await client.GetResponseAsync("ask");
                    await {|#0:next.VisitAsync(this)|};
                }
            }

            public sealed class Walker
            {
                [TaskSlo(0.99)]
                public Task WalkAsync(INode start) => start.VisitAsync(start);
            }
            """,
            Verify.Diagnostic("LLM002").WithLocation(0).WithArguments("The recursive call to 'VisitAsync'", "WalkAsync", ", up to 1 LLM call per level, at the call at Test0.cs:18", "VisitAsync"));
    }

    [Fact]
    public async Task Dispatch_can_be_turned_off_in_configuration()
    {
        await Verify.VerifyAsync(PlanSteps + """
            public sealed class Planner
            {
                public async Task RunAsync(IReadOnlyList<IPlanStep> steps)
                {
                    foreach (var step in steps)
                    {
                        await step.ExecuteAsync("go");
                    }
                }
            }
            """,
            "llm_call_analyzers.follow_dispatch = false\n",
            null);
    }

    [Fact]
    public async Task A_class_that_does_not_implement_every_member_yet_does_not_throw()
    {
        var test = Verify.Create("""
            using Microsoft.Extensions.AI;

            public interface IStep
            {
                Task RunAsync();
                Task UndoAsync();
            }

            public sealed class Half(IChatClient client) : {|CS0535:IStep|}
            {
                public async Task RunAsync() => await client.GetResponseAsync("run");
            }

            public sealed class Runner
            {
                public async Task GoAsync(IStep step)
                {
                    for (int i = 0; i < 2; i++)
                    {
                        await {|#0:step.RunAsync()|};
                        await step.UndoAsync();
                    }
                }
            }
            """);
        test.ExpectedDiagnostics.Add(InLoop(0, "IStep.RunAsync", "1 LLM call", "2 times"));
        await test.RunAsync();
    }
}
