using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Testing;
using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using Verify = LlmCallAnalyzers.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LlmCallAnalyzers.Analyzers.LlmTaskAnalyzer>;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// Every parallel form on current .NET (the span overload of Task.WhenAll, collection expressions, lists, locals
/// started before the call, WhenAny), tasks started and not awaited, and delegates invoked in loops.
/// </summary>
public class ConcurrencyFormsTests
{
    private const string QuietLoops = "dotnet_diagnostic.LLM001.severity = none\n";

    private static DiagnosticResult InLoop(int marker, string times, string label = "ChatClientExtensions.GetResponseAsync", string makes = "1 LLM call")
        => Verify.Diagnostic("LLM001").WithSeverity(DiagnosticSeverity.Info).WithLocation(marker).WithArguments(label, makes, times);

    private static string Budgeted(string body) => $$"""
        using Microsoft.Extensions.AI;
        class Agent
        {
            [TaskSlo(0.99, LatencyP99Ms = 2000)]
            async Task Run(IChatClient client)
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public void Task_WhenAll_of_three_tasks_binds_to_the_span_overload_on_net10_with_the_latest_language()
    {
        var compilation = AnalyzerRunner.Compile("""
            using System.Threading.Tasks;
            class C { Task M(Task a, Task b, Task c) => Task.WhenAll(a, b, c); }
            """);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var call = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>().Single();
        var operation = (IInvocationOperation)model.GetOperation(call)!;
        Assert.Equal("System.ReadOnlySpan<System.Threading.Tasks.Task>", operation.TargetMethod.Parameters.Single().Type.ToDisplayString());
        Assert.Equal(LanguageVersion.Latest.MapSpecifiedToEffectiveVersion(), ((CSharpParseOptions)tree.Options).LanguageVersion);
    }

    [Theory]
    [InlineData("await Task.WhenAll(client.GetResponseAsync(\"a\"), client.GetResponseAsync(\"b\"), client.GetResponseAsync(\"c\"));")]
    [InlineData("await Task.WhenAll([client.GetResponseAsync(\"a\"), client.GetResponseAsync(\"b\"), client.GetResponseAsync(\"c\")]);")]
    [InlineData("var tasks = new List<Task<ChatResponse>> { client.GetResponseAsync(\"a\"), client.GetResponseAsync(\"b\"), client.GetResponseAsync(\"c\") };\n        await Task.WhenAll(tasks);")]
    [InlineData("await Task.WhenAny(client.GetResponseAsync(\"a\"), client.GetResponseAsync(\"b\"), client.GetResponseAsync(\"c\"));")]
    [InlineData("var a = client.GetResponseAsync(\"a\");\n        var b = client.GetResponseAsync(\"b\");\n        var c = client.GetResponseAsync(\"c\");\n        await Task.WhenAll(a, b, c);")]
    [InlineData("var tasks = new List<Task<ChatResponse>>();\n        tasks.Add(client.GetResponseAsync(\"a\"));\n        tasks.Add(client.GetResponseAsync(\"b\"));\n        tasks.Add(client.GetResponseAsync(\"c\"));\n        await Task.WhenAll(tasks);")]
    [InlineData("var prompts = new[] { \"a\", \"b\", \"c\" };\n        await Task.WhenAll(prompts.Select(p => client.GetResponseAsync(p)));")]
    [InlineData("var tasks = new List<Task<ChatResponse>>();\n        for (int i = 0; i < 3; i++) tasks.Add(client.GetResponseAsync(\"a\"));\n        await Task.WhenAll(tasks);")]
    public async Task Three_concurrent_calls_fit_a_2000_ms_budget(string body)
    {
        await Verify.VerifyAsync(Budgeted(body), QuietLoops, null);
    }

    [Fact]
    public async Task Three_awaited_calls_in_sequence_still_exceed_it()
    {
        await Verify.VerifyAsync(
            Budgeted("""
                    var a = await client.GetResponseAsync("a");
                    var b = client.GetResponseAsync("b");
                    await b;
                    await client.GetResponseAsync("c").ConfigureAwait(false);
            """).Replace("async Task Run", "async Task {|#0:Run|}"),
            QuietLoops,
            null,
            Verify.Diagnostic("LLM004").WithLocation(0).WithArguments("Run", "3 sequential calls × 800 ms", "2400", "2000", "; 800 ms of it at the call at Test0.cs:13"));
    }

    [Fact]
    public async Task A_task_started_and_polled_in_a_for_loop_is_LLM001()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                async Task Run(IChatClient client)
                {
                    for (int frame = 0; frame < 60; frame++)
                    {
                        var pending = {|#0:client.GetResponseAsync("next move")|};
                        if (pending.IsCompleted)
                        {
                            Console.WriteLine(pending.Result.Text);
                        }

                        await Task.Delay(16);
                    }
                }
            }
            """,
            InLoop(0, "60 times"));
    }

    [Fact]
    public async Task A_discarded_Task_Run_in_a_foreach_is_LLM001()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                void Run(IChatClient client, string[] topics)
                {
                    foreach (var topic in topics)
                    {
                        _ = Task.Run(() => {|#0:client.GetResponseAsync(topic)|});
                    }
                }
            }
            """,
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task A_task_started_every_frame_of_an_unbounded_game_loop_is_unbounded_fan_out()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Npc(IChatClient client)
            {
                private Task<ChatResponse>? _thinking;

                [TaskSlo(0.99)]
                public async Task PlayAsync(CancellationToken token)
                {
                    {|#0:while|} (!token.IsCancellationRequested)
                    {
                        _thinking = client.GetResponseAsync("what now?");
                        await Task.Delay(16);
                    }
                }
            }
            """,
            QuietLoops,
            null,
            Verify.Diagnostic("LLM002").WithLocation(0).WithArguments("This loop", "PlayAsync", ", up to 1 LLM call per iteration, at the call at Test0.cs:17", "PlayAsync"));
    }

    [Fact]
    public async Task A_lambda_stored_in_a_field_and_invoked_in_a_loop_counts_at_the_loop()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                private readonly Func<string, Task<ChatResponse>> _ask;

                public Agent(IChatClient client) => _ask = prompt => client.GetResponseAsync(prompt);

                [TaskSlo(0.995)]
                public async Task {|#0:RunAsync|}()
                {
                    for (int i = 0; i < 10; i++)
                    {
                        await {|#1:_ask("step")|};
                    }
                }
            }
            """,
            "",
            null,
            InLoop(1, "10 times", label: "_ask"),
            Verify.Diagnostic("LLM003").WithLocation(0).WithArguments("RunAsync", "up to 10 essential LLM calls (all of them in the loop at Test0.cs:17) at 99.90 % each", "99.00 %", "99.50 %", "≥ 99.950 % per call"));
    }

    [Fact]
    public async Task A_method_group_passed_to_Parallel_ForEachAsync_counts_per_element()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent(IChatClient client)
            {
                [TaskSlo(0.995)]
                public async Task {|#0:RunAsync|}()
                {
                    var topics = new[] { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j" };
                    await Parallel.ForEachAsync(topics, {|#1:AskAsync|});
                }

                private async ValueTask AskAsync(string topic, CancellationToken token) => await client.GetResponseAsync(topic, cancellationToken: token);
            }
            """,
            "",
            null,
            InLoop(1, "10 times", label: "AskAsync"),
            Verify.Diagnostic("LLM003").WithLocation(0).WithArguments("RunAsync", "up to 10 essential LLM calls (all of them in the loop at Test0.cs:14) at 99.90 % each", "99.00 %", "99.50 %", "≥ 99.950 % per call"));
    }
}
