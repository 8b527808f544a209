using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = LlmCallAnalyzers.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LlmCallAnalyzers.Analyzers.LlmTaskAnalyzer>;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// LLM001 — LLM call inside a loop: every loop kind, LINQ / Task.WhenAll / Parallel, the bound stated in the message,
/// calls of user methods that make LLM calls, and hidden fan-out per call.
/// </summary>
public class CallInLoopTests
{
    private const string Extension = "ChatClientExtensions.GetResponseAsync";

    private static DiagnosticResult InLoop(int marker, string times, string label = Extension, string makes = "1 LLM call")
        => Verify.Diagnostic("LLM001").WithSeverity(DiagnosticSeverity.Info).WithLocation(marker).WithArguments(label, makes, times);

    /// <summary>A method body inside <c>class Agent</c> with the usual parameters.</summary>
    private static string InRun(string body, string parameters = "IChatClient client, List<string> items, bool flag") => $$"""
        using Microsoft.Extensions.AI;
        class Agent
        {
            async Task Run({{parameters}})
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public async Task IChatClient_in_for_loop_with_constant_bound_states_the_bound()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                async Task Run(IChatClient client)
                {
                    for (int i = 0; i < 5; i++)
                    {
                        await {|#0:client.GetResponseAsync("hi")|};
                    }
                }
            }
            """,
            Verify.Diagnostic("LLM001").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithLocation(0)
                .WithArguments("ChatClientExtensions.GetResponseAsync", "1 LLM call", "5 times"));
    }

    // ---------------------------------------------------------------- loop kinds

    [Fact]
    public async Task Foreach_over_a_parameter_runs_an_unknown_number_of_times()
    {
        await Verify.VerifyAsync(InRun("""
                    foreach (var item in items)
                    {
                        await {|#0:client.GetResponseAsync(item)|};
                    }
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task While_loop_is_reported()
    {
        await Verify.VerifyAsync(InRun("""
                    while (flag)
                    {
                        var r = await {|#0:client.GetResponseAsync("again?")|};
                        flag = r.Text == "yes";
                    }
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task Do_while_loop_is_reported()
    {
        await Verify.VerifyAsync(InRun("""
                    do
                    {
                        flag = (await {|#0:client.GetResponseAsync("again?")|}).Text == "yes";
                    }
                    while (flag);
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task Call_in_a_while_condition_is_in_the_loop()
    {
        await Verify.VerifyAsync(InRun("""
                    while ((await {|#0:client.GetResponseAsync("continue?")|}).Text == "yes")
                    {
                    }
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task Await_foreach_is_reported()
    {
        await Verify.VerifyAsync(InRun("""
                    await foreach (var item in source)
                    {
                        await {|#0:client.GetResponseAsync(item)|};
                    }
            """, "IChatClient client, IAsyncEnumerable<string> source"),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task Await_foreach_over_a_stream_is_one_call_outside_the_loop()
    {
        // The streaming call itself runs once; only the calls inside the body are per chunk.
        await Verify.VerifyAsync(InRun("""
                    await foreach (var update in client.GetStreamingResponseAsync("hi"))
                    {
                        await {|#0:client.GetResponseAsync(update.Text)|};
                    }
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task Infinite_for_loop_is_reported_as_unknown()
    {
        await Verify.VerifyAsync(InRun("""
                    for (;;)
                    {
                        if ((await {|#0:client.GetResponseAsync("done?")|}).Text == "yes") break;
                    }
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task Each_call_in_a_loop_body_is_reported_at_its_own_location()
    {
        await Verify.VerifyAsync(InRun("""
                    for (int i = 0; i < 2; i++)
                    {
                        var draft = await {|#0:client.GetResponseAsync("draft")|};
                        if (flag)
                        {
                            await {|#1:client.GetResponseAsync(draft.Text)|};
                        }

                        await foreach (var u in {|#2:client.GetStreamingResponseAsync("stream")|}) { }
                    }
            """),
            InLoop(0, "2 times"),
            InLoop(1, "2 times"),
            InLoop(2, "2 times", "ChatClientExtensions.GetStreamingResponseAsync"));
    }

    // ---------------------------------------------------------------- LINQ, Task.WhenAll, Parallel, List.ForEach

    [Fact]
    public async Task Task_WhenAll_over_Select_is_reported()
    {
        await Verify.VerifyAsync(InRun("""
                    await Task.WhenAll(items.Select(x => {|#0:client.GetResponseAsync(x)|}));
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task Select_enumerated_with_ToList_is_reported()
    {
        await Verify.VerifyAsync(InRun("""
                    var answers = items.Select(x => {|#0:client.GetResponseAsync(x)|}.Result.Text).ToList();
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task SelectMany_lambda_is_reported()
    {
        await Verify.VerifyAsync(InRun("""
                    var messages = items.SelectMany(x => {|#0:client.GetResponseAsync(x)|}.Result.Messages).ToList();
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task Where_lambda_is_reported()
    {
        await Verify.VerifyAsync(InRun("""
                    var relevant = items.Where(x => {|#0:client.GetResponseAsync("relevant? " + x)|}.Result.Text == "yes").ToArray();
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task Select_enumerated_by_foreach_is_reported()
    {
        await Verify.VerifyAsync(InRun("""
                    foreach (var pending in items.Select(x => {|#0:client.GetResponseAsync(x)|}))
                    {
                        await pending;
                    }
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task Task_WhenAll_over_a_constant_array_Select_states_the_bound()
    {
        await Verify.VerifyAsync(InRun("""
                    await Task.WhenAll(new[] { "a", "b", "c" }.Select(x => {|#0:client.GetResponseAsync(x)|}));
            """),
            InLoop(0, "3 times"));
    }

    [Fact]
    public async Task Parallel_For_states_the_range()
    {
        await Verify.VerifyAsync(InRun("""
                    Parallel.For(0, 5, i => {|#0:client.GetResponseAsync("p" + i)|}.Wait());
            """),
            InLoop(0, "5 times"));
    }

    [Fact]
    public async Task Parallel_ForEach_is_reported()
    {
        await Verify.VerifyAsync(InRun("""
                    Parallel.ForEach(items, x => {|#0:client.GetResponseAsync(x)|}.Wait());
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task Parallel_ForEachAsync_is_reported()
    {
        await Verify.VerifyAsync(InRun("""
                    await Parallel.ForEachAsync(items, async (x, ct) => await {|#0:client.GetResponseAsync(x, cancellationToken: ct)|});
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task Parallel_ForEachAsync_over_a_constant_array_states_the_bound()
    {
        await Verify.VerifyAsync(InRun("""
                    await Parallel.ForEachAsync(new[] { "a", "b" }, async (x, ct) => await {|#0:client.GetResponseAsync(x, cancellationToken: ct)|});
            """),
            InLoop(0, "2 times"));
    }

    [Fact]
    public async Task List_ForEach_is_reported()
    {
        await Verify.VerifyAsync(InRun("""
                    var list = items.ToList();
                    list.ForEach(x => {|#0:client.GetResponseAsync(x)|}.Wait());
                    new List<string> { "a", "b" }.ForEach(x => {|#1:client.GetResponseAsync(x)|}.Wait());
            """),
            InLoop(0, "an unknown number of times"),
            InLoop(1, "2 times"));
    }

    [Fact]
    public async Task Method_group_passed_to_Select_is_reported_at_the_method_group()
    {
        await Verify.VerifyAsync("""
            class Agent
            {
                [LlmCall]
                static Task<string> Ask(string question) => Task.FromResult(question);

                async Task Run()
                {
                    await Task.WhenAll(new[] { "a", "b" }.Select({|#0:Ask|}));
                }
            }
            """,
            InLoop(0, "2 times", "Agent.Ask"));
    }

    // ---------------------------------------------------------------- lambdas that only get stored

    [Fact]
    public async Task Lambda_only_stored_inside_a_loop_is_not_an_in_loop_call()
    {
        await Verify.VerifyAsync(InRun("""
                    for (int i = 0; i < 5; i++)
                    {
                        Func<Task> f = () => client.GetResponseAsync("x");
                    }

                    foreach (var item in items)
                    {
                        Func<string, Task<ChatResponse>> g = x => client.GetResponseAsync(x);
                        Func<Task> h = async () => { await client.GetResponseAsync(item); };
                    }
            """));
    }

    [Fact]
    public async Task Stored_lambda_invoked_inside_the_loop_is_an_in_loop_call()
    {
        await Verify.VerifyAsync(InRun("""
                    Func<string, Task<ChatResponse>> ask = x => {|#0:client.GetResponseAsync(x)|};
                    for (int i = 0; i < 3; i++)
                    {
                        await ask("q");
                    }
            """),
            InLoop(0, "3 times"));
    }

    [Fact]
    public async Task Lambda_in_a_deferred_query_that_is_never_enumerated_is_not_an_in_loop_call()
    {
        await Verify.VerifyAsync(InRun("""
                    var pending = new[] { "a", "b" }.Select(x => client.GetResponseAsync(x));
            """));
    }

    [Fact]
    public async Task Local_function_called_in_a_loop_is_inlined()
    {
        await Verify.VerifyAsync(InRun("""
                    for (int i = 0; i < 4; i++)
                    {
                        await AskAsync("q");
                    }

                    Task<ChatResponse> AskAsync(string q) => {|#0:client.GetResponseAsync(q)|};
            """),
            InLoop(0, "4 times"));
    }

    // ---------------------------------------------------------------- bounds

    [Theory]
    [InlineData("for (int i = 0; i < 5; i++)", "5 times")]
    [InlineData("for (int i = 0; i <= 4; i++)", "5 times")]
    [InlineData("for (int i = 1; i <= 5; i++)", "5 times")]
    [InlineData("for (int i = 2; i < 5; i++)", "3 times")]
    [InlineData("for (int i = 5; i > 0; i--)", "5 times")]
    [InlineData("for (int i = 4; i >= 0; i--)", "5 times")]
    [InlineData("for (int i = 0; i < 5; i += 1)", "5 times")]
    [InlineData("for (int i = 0; i < 1; i++)", "once")]
    [InlineData("for (int i = 0; i < N; i++)", "5 times")]
    [InlineData("for (int i = 0; i < Limits.Max; i++)", "7 times")]
    [InlineData("foreach (var x in Enumerable.Range(0, 5))", "5 times")]
    [InlineData("foreach (var x in Enumerable.Range(1, N))", "5 times")]
    [InlineData("foreach (var x in Enumerable.Repeat(\"q\", 3))", "3 times")]
    [InlineData("foreach (var x in items.Take(5))", "up to 5 times")]
    [InlineData("foreach (var x in items.Take(N))", "up to 5 times")]
    [InlineData("foreach (var x in Enumerable.Range(0, 10).Take(5))", "5 times")]
    [InlineData("foreach (var x in new[] { \"a\", \"b\" }.Take(5))", "up to 2 times")]
    [InlineData("foreach (var x in new[] { item, item, \"c\" })", "3 times")]
    [InlineData("foreach (var x in new string[4])", "4 times")]
    [InlineData("foreach (var x in new List<string> { \"a\", \"b\" })", "2 times")]
    [InlineData("foreach (var x in new[] { 1, 2, 3 }.Where(v => v > 1))", "up to 3 times")]
    [InlineData("foreach (var x in new[] { 1, 2, 3 }.Select(v => v * 2))", "3 times")]
    [InlineData("foreach (var x in items)", "an unknown number of times")]
    [InlineData("foreach (var x in items.Where(v => v.Length > 0))", "an unknown number of times")]
    [InlineData("foreach (var x in Enumerable.Range(0, count))", "an unknown number of times")]
    [InlineData("for (int i = 0; i < count; i++)", "an unknown number of times")]
    [InlineData("for (int i = 0; i < items.Count; i++)", "an unknown number of times")]
    [InlineData("while (count-- > 0)", "an unknown number of times")]
    public async Task Bound_stated_by_the_code_is_in_the_message(string header, string times)
    {
        await Verify.VerifyAsync($$"""
            using Microsoft.Extensions.AI;
            static class Limits { public const int Max = 7; }
            class Agent
            {
                const int N = 5;

                async Task Run(IChatClient client, List<string> items, string item, int count)
                {
                    {{header}}
                    {
                        await {|#0:client.GetResponseAsync("q")|};
                    }
                }
            }
            """,
            InLoop(0, times));
    }

    [Fact]
    public async Task Local_const_bound_is_in_the_message()
    {
        await Verify.VerifyAsync(InRun("""
                    const int Attempts = 6;
                    for (int i = 0; i < Attempts; i++)
                    {
                        await {|#0:client.GetResponseAsync("q")|};
                    }
            """),
            InLoop(0, "6 times"));
    }

    [Fact]
    public async Task Constant_length_array_in_a_local_is_the_bound()
    {
        await Verify.VerifyAsync(InRun("""
                    var questions = new[] { "a", "b", "c" };
                    foreach (var q in questions)
                    {
                        await {|#0:client.GetResponseAsync(q)|};
                    }

                    for (int i = 0; i < questions.Length; i++)
                    {
                        await {|#1:client.GetResponseAsync(questions[i])|};
                    }
            """),
            InLoop(0, "3 times"),
            InLoop(1, "3 times"));
    }

    [Fact]
    public async Task Collection_expression_is_the_bound()
    {
        await Verify.VerifyAsync(InRun("""
                    string[] xs = ["a", "b"];
                    foreach (var x in xs)
                    {
                        await {|#0:client.GetResponseAsync(x)|};
                    }

                    List<string> ys = ["a", "b", "c", "d"];
                    foreach (var y in ys)
                    {
                        await {|#1:client.GetResponseAsync(y)|};
                    }
            """),
            InLoop(0, "2 times"),
            InLoop(1, "4 times"));
    }

    [Fact]
    public async Task Collection_expression_with_a_spread_is_unknown()
    {
        await Verify.VerifyAsync(InRun("""
                    string[] xs = ["a", .. items];
                    foreach (var x in xs)
                    {
                        await {|#0:client.GetResponseAsync(x)|};
                    }
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task Reassigned_collection_loses_its_bound()
    {
        await Verify.VerifyAsync(InRun("""
                    var xs = new[] { "a", "b" };
                    xs = items.ToArray();
                    foreach (var x in xs)
                    {
                        await {|#0:client.GetResponseAsync(x)|};
                    }
            """),
            InLoop(0, "an unknown number of times"));
    }

    [Fact]
    public async Task Nested_loops_multiply_their_bounds()
    {
        await Verify.VerifyAsync(InRun("""
                    for (int i = 0; i < 3; i++)
                    {
                        foreach (var x in Enumerable.Range(0, 5))
                        {
                            await {|#0:client.GetResponseAsync("q")|};
                        }
                    }

                    foreach (var x in items.Take(3))
                    {
                        for (int j = 0; j < 5; j++)
                        {
                            await {|#1:client.GetResponseAsync("r")|};
                        }
                    }

                    for (int i = 0; i < 2; i++)
                    {
                        foreach (var x in items)
                        {
                            await {|#2:client.GetResponseAsync("s")|};
                        }
                    }

                    for (int i = 0; i < 2; i++)
                    {
                        await Task.WhenAll(new[] { "a", "b", "c" }.Select(x => {|#3:client.GetResponseAsync(x)|}));
                    }
            """),
            InLoop(0, "15 times (3 × 5)"),
            InLoop(1, "up to 15 times (3 × 5)"),
            InLoop(2, "an unknown number of times"),
            InLoop(3, "6 times (2 × 3)"));
    }

    [Fact]
    public async Task Nested_bounds_whose_product_overflows_are_not_wrapped()
    {
        var diagnostics = await BrokenCodeTests.RunAnalyzersAsync(InRun("""
                    for (int a = 0; a < 100000; a++)
                    for (int b = 0; b < 100000; b++)
                    for (int c = 0; c < 100000; c++)
                    for (int d = 0; d < 100000; d++)
                    {
                        await client.GetResponseAsync("q");
                    }
            """));
        string message = Assert.Single(diagnostics, d => d.Id == "LLM001").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain("7766279631452241920", message);
        Assert.Matches(@"(100000000000000000000 times|an unknown number of times|more than)", message);
    }

    // ---------------------------------------------------------------- user methods that make LLM calls

    [Fact]
    public async Task User_method_making_two_calls_called_in_a_loop_makes_2_LLM_calls_per_iteration()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                async Task Summarize(IChatClient client, string doc)
                {
                    var draft = await client.GetResponseAsync("draft " + doc);
                    await client.GetResponseAsync("polish " + draft.Text);
                }

                async Task Run(IChatClient client)
                {
                    for (int i = 0; i < 5; i++)
                    {
                        await {|#0:Summarize(client, "doc")|};
                    }
                }
            }
            """,
            InLoop(0, "5 times", "Summarize", "2 LLM calls"));
    }

    [Fact]
    public async Task User_method_with_a_branch_makes_up_to_n_calls()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                async Task Answer(IChatClient client, bool review)
                {
                    await client.GetResponseAsync("answer");
                    if (review)
                    {
                        await client.GetResponseAsync("critique");
                        await client.GetResponseAsync("revise");
                    }
                }

                async Task Run(IChatClient client, List<string> items)
                {
                    foreach (var item in items)
                    {
                        await {|#0:Answer(client, item.Length > 3)|};
                    }
                }
            }
            """,
            InLoop(0, "an unknown number of times", "Answer", "up to 3 LLM calls"));
    }

    [Fact]
    public async Task User_method_with_an_unbounded_loop_makes_an_unbounded_number_of_calls()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                async Task Drain(IChatClient client, List<string> items)
                {
                    foreach (var item in items)
                    {
                        await {|#0:client.GetResponseAsync(item)|};
                    }
                }

                async Task Run(IChatClient client, List<string> items)
                {
                    for (int i = 0; i < 2; i++)
                    {
                        await {|#1:Drain(client, items)|};
                    }
                }
            }
            """,
            InLoop(0, "an unknown number of times"),
            InLoop(1, "2 times", "Drain", "an unbounded number of LLM calls"));
    }

    [Fact]
    public async Task Calls_through_two_levels_of_user_methods_compose()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                Task Ask(IChatClient client) => client.GetResponseAsync("q");

                async Task AskThrice(IChatClient client)
                {
                    for (int i = 0; i < 3; i++)
                    {
                        await {|#0:Ask(client)|};
                    }
                }

                async Task Run(IChatClient client)
                {
                    for (int i = 0; i < 2; i++)
                    {
                        await {|#1:AskThrice(client)|};
                    }
                }
            }
            """,
            InLoop(0, "3 times", "Ask", "1 LLM call"),
            InLoop(1, "2 times", "AskThrice", "3 LLM calls (via AskThrice → Ask)"));
    }

    [Fact]
    public async Task User_method_without_LLM_calls_in_a_loop_is_not_reported()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                Task Log(string s) => Task.CompletedTask;

                async Task Run(IChatClient client, List<string> items)
                {
                    foreach (var item in items)
                    {
                        await Log(item);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task User_method_called_through_Task_WhenAll_Select_is_reported()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                async Task<string> Classify(IChatClient client, string text)
                {
                    var a = await client.GetResponseAsync("classify " + text);
                    var b = await client.GetResponseAsync("verify " + a.Text);
                    return b.Text;
                }

                async Task Run(IChatClient client)
                {
                    await Task.WhenAll(new[] { "x", "y", "z", "w" }.Select(t => {|#0:Classify(client, t)|}));
                }
            }
            """,
            InLoop(0, "4 times", "Classify", "2 LLM calls"));
    }

    [Fact]
    public async Task User_method_in_another_class_is_reported_with_the_method_name_only()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Summarizer
            {
                private readonly IChatClient _client;
                public Summarizer(IChatClient client) => _client = client;

                public async Task<string> SummarizeAsync(string text)
                {
                    var outline = await _client.GetResponseAsync("outline " + text);
                    return (await _client.GetResponseAsync("write " + outline.Text)).Text;
                }
            }

            class Agent
            {
                async Task Run(Summarizer summarizer)
                {
                    foreach (var doc in new[] { "a", "b", "c" })
                    {
                        await {|#0:summarizer.SummarizeAsync(doc)|};
                    }
                }
            }
            """,
            InLoop(0, "3 times", "SummarizeAsync", "2 LLM calls"));
    }

    // ---------------------------------------------------------------- hidden fan-out per call

    [Fact]
    public async Task Agent_run_on_a_ChatClientAgent_makes_up_to_41_calls_per_iteration()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            using Microsoft.Agents.AI;
            class Agent
            {
                async Task Run(ChatClientAgent agent)
                {
                    for (int i = 0; i < 5; i++)
                    {
                        await {|#0:agent.RunAsync("step")|};
                    }
                }
            }
            """,
            InLoop(0, "5 times", "AIAgent.RunAsync", "up to 41 LLM calls"));
    }

    [Fact]
    public async Task Semantic_Kernel_auto_function_calling_makes_up_to_129_calls_per_iteration()
    {
        await Verify.VerifyAsync("""
            using Microsoft.SemanticKernel;
            class Agent
            {
                async Task Run(Kernel kernel)
                {
                    var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
                    for (int i = 0; i < 5; i++)
                    {
                        await {|#0:kernel.InvokePromptAsync("plan step", new KernelArguments(settings))|};
                    }
                }
            }
            """,
            InLoop(0, "5 times", "KernelExtensions.InvokePromptAsync", "up to 129 LLM calls"));
    }

    [Fact]
    public async Task Semantic_Kernel_auto_function_calling_switched_off_is_one_call()
    {
        await Verify.VerifyAsync("""
            using Microsoft.SemanticKernel;
            class Agent
            {
                async Task Run(Kernel kernel)
                {
                    var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) };
                    for (int i = 0; i < 5; i++)
                    {
                        await {|#0:kernel.InvokePromptAsync("plan step", new KernelArguments(settings))|};
                    }
                }
            }
            """,
            InLoop(0, "5 times", "KernelExtensions.InvokePromptAsync", "1 LLM call"));
    }

    [Fact]
    public async Task Client_built_with_UseFunctionInvocation_makes_up_to_41_calls_per_iteration()
    {
        await Verify.VerifyAsync(InRun("""
                    var tools = new ChatClientBuilder(client).UseFunctionInvocation().Build();
                    for (int i = 0; i < 5; i++)
                    {
                        await {|#0:tools.GetResponseAsync("q")|};
                    }
            """),
            InLoop(0, "5 times", Extension, "up to 41 LLM calls"));
    }

    [Fact]
    public async Task FunctionInvokingChatClient_with_a_stated_iteration_cap_makes_cap_plus_one_calls()
    {
        await Verify.VerifyAsync(InRun("""
                    var tools = new FunctionInvokingChatClient(client) { MaximumIterationsPerRequest = 3 };
                    for (int i = 0; i < 5; i++)
                    {
                        await {|#0:tools.GetResponseAsync("q")|};
                    }
            """),
            InLoop(0, "5 times", Extension, "up to 4 LLM calls"));
    }

    [Fact]
    public async Task Agent_made_with_AsAIAgent_held_as_AIAgent_makes_up_to_41_calls()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            using Microsoft.Agents.AI;
            class Agent
            {
                async Task Run(IChatClient client)
                {
                    AIAgent agent = client.AsAIAgent(instructions: "help");
                    for (int i = 0; i < 5; i++)
                    {
                        await {|#0:agent.RunAsync("step")|};
                    }
                }
            }
            """,
            InLoop(0, "5 times", "AIAgent.RunAsync", "up to 41 LLM calls"));
    }

    [Fact]
    public async Task ChatClientAgent_using_the_provided_client_as_is_makes_one_call()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            using Microsoft.Agents.AI;
            class Agent
            {
                async Task Run(IChatClient client)
                {
                    var agent = new ChatClientAgent(client, new ChatClientAgentOptions { UseProvidedChatClientAsIs = true });
                    for (int i = 0; i < 5; i++)
                    {
                        await {|#0:agent.RunAsync("step")|};
                    }
                }
            }
            """,
            InLoop(0, "5 times", "AIAgent.RunAsync", "1 LLM call"));
    }

    [Fact]
    public async Task Client_field_built_with_UseFunctionInvocation_in_the_constructor_makes_up_to_41_calls()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                private readonly IChatClient _tools;

                public Agent(IChatClient inner) => _tools = new ChatClientBuilder(inner).UseFunctionInvocation().Build();

                async Task Run()
                {
                    for (int i = 0; i < 5; i++)
                    {
                        await {|#0:_tools.GetResponseAsync("q")|};
                    }
                }
            }
            """,
            InLoop(0, "5 times", Extension, "up to 41 LLM calls"));
    }

    [Fact]
    public async Task Client_field_initializer_with_a_configured_iteration_cap_states_cap_plus_one()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                static IChatClient Inner => null!;

                private readonly IChatClient _tools = new ChatClientBuilder(Inner).UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 2).Build();

                async Task Run()
                {
                    foreach (var q in new[] { "a", "b" })
                    {
                        await {|#0:_tools.GetResponseAsync(q)|};
                    }
                }
            }
            """,
            InLoop(0, "2 times", Extension, "up to 3 LLM calls"));
    }

    [Fact]
    public async Task Deferred_query_awaited_later_is_reported_with_its_bound()
    {
        await Verify.VerifyAsync(InRun("""
                    var pending = new[] { "a", "b", "c" }.Select(x => {|#0:client.GetResponseAsync(x)|});
                    await Task.WhenAll(pending);

                    var lazy = items.Select(x => {|#1:client.GetResponseAsync(x)|});
                    foreach (var t in lazy)
                    {
                        await t;
                    }
            """),
            InLoop(0, "3 times"),
            InLoop(1, "an unknown number of times"));
    }

    [Fact]
    public async Task Base_call_in_a_loop_inside_a_DelegatingChatClient_override_is_reported()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class TwiceChatClient : DelegatingChatClient
            {
                public TwiceChatClient(IChatClient inner) : base(inner) { }

                public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                {
                    ChatResponse last = null!;
                    for (int i = 0; i < 2; i++)
                    {
                        last = await {|#0:base.GetResponseAsync(messages, options, cancellationToken)|};
                    }

                    return last;
                }
            }
            """,
            InLoop(0, "2 times", "DelegatingChatClient.GetResponseAsync"));
    }

    // ---------------------------------------------------------------- configuration

    [Fact]
    public async Task Suppressed_by_configuration_reports_nothing()
    {
        await Verify.VerifyAsync(InRun("""
                    for (int i = 0; i < 5; i++)
                    {
                        await client.GetResponseAsync("q");
                    }
            """),
            "dotnet_diagnostic.LLM001.severity = none\n",
            null);
    }

    [Fact]
    public async Task A_handwritten_retry_loop_is_not_reported_as_a_loop()
    {
        await Verify.VerifyAsync(InRun("""
                    for (int attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            await client.GetResponseAsync("q");
                            return;
                        }
                        catch (System.Net.Http.HttpRequestException)
                        {
                        }
                    }
            """));
    }

    [Fact]
    public async Task A_FunctionInvokingChatClient_parameter_hides_up_to_41_calls()
    {
        await Verify.VerifyAsync(InRun("""
                    for (int i = 0; i < 2; i++)
                    {
                        await {|#0:tools.GetResponseAsync("q")|};
                    }
            """, "FunctionInvokingChatClient tools"),
            InLoop(0, "2 times", Extension, "up to 41 LLM calls"));
    }
}
