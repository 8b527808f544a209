using System.Collections.Concurrent;
using System.Collections.Immutable;
using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using VerifyAttributes = LlmCallAnalyzers.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LlmCallAnalyzers.Analyzers.AttributeArgumentAnalyzer>;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// Half-typed and broken code, as the editor feeds it to analyzers: compiler errors are expected, analyzer exceptions
/// (AD0001) never are. These run the analyzers through <see cref="CompilationWithAnalyzers"/> directly, since the
/// exact-match verifier cannot express "whatever the compiler says". Also LLM007 (impossible attribute arguments).
/// </summary>
public class BrokenCodeTests
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true);

    private static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers()
        => ImmutableArray.Create<DiagnosticAnalyzer>(new LlmTaskAnalyzer(), new AttributeArgumentAnalyzer());

    /// <summary>
    /// Runs both analyzers over <paramref name="sources"/> (each gets the common usings) and fails on any analyzer
    /// exception or AD0001; returns the analyzer diagnostics. Compiler errors are allowed.
    /// </summary>
    internal static async Task<ImmutableArray<Diagnostic>> RunAnalyzersAsync(IEnumerable<string> sources, (string Path, string Text)[]? additionalFiles = null, bool perDocumentToo = false)
    {
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(AnalyzerVerifier<LlmTaskAnalyzer>.Usings + s, ParseOptions, path: "/0/Test" + i + ".cs")).ToList();
        var compilation = CSharpCompilation.Create("BrokenProject", trees, SdkReferences.All, CompilationOptions);
        var exceptions = new ConcurrentBag<string>();
        var additional = (additionalFiles ?? Array.Empty<(string, string)>()).Select(f => (AdditionalText)new InMemoryAdditionalText(f.Item1, f.Item2)).ToImmutableArray();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additional),
            onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Add(analyzer.GetType().Name + ": " + exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(AllAnalyzers(), options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        if (perDocumentToo)
        {
            // What the IDE does: per-document semantic analysis, no compilation-end actions.
            foreach (var tree in trees)
            {
                var model = compilation.GetSemanticModel(tree);
                var perDocument = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None);
                Assert.DoesNotContain(perDocument, d => d.Id == "AD0001");
            }
        }

        Assert.True(exceptions.IsEmpty, "analyzer exceptions:\n" + string.Join("\n", exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    internal static Task<ImmutableArray<Diagnostic>> RunAnalyzersAsync(string source, (string Path, string Text)[]? additionalFiles = null)
        => RunAnalyzersAsync(new[] { source }, additionalFiles);

    private sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    // ---------------------------------------------------------------- hand-written broken code

    private static readonly string[] BrokenSnippets =
    {
        // 0: unterminated call in a loop
        """
        using Microsoft.Extensions.AI;
        class Agent { async Task Run(IChatClient client) { for (int i = 0; i < 5; i++) { await client.GetResponseAsync( } } }
        """,
        // 1: missing closing braces
        """
        using Microsoft.Extensions.AI;
        class Agent { async Task Run(IChatClient client) { for (int i = 0; i < 5; i++) { await client.GetResponseAsync("x");
        """,
        // 2: for (;; with no closing parenthesis
        """
        using Microsoft.Extensions.AI;
        class Agent { async Task Run(IChatClient client) { for (;; await client.GetResponseAsync("x"); } }
        """,
        // 3: loop headers without bodies
        """
        using Microsoft.Extensions.AI;
        class Agent { async Task Run(IChatClient client, List<string> xs) { foreach (var x in xs) } void M() { for (int i = 0; i < 3; i++) } void N() { while (true) } }
        """,
        // 4: unknown identifiers everywhere
        """
        using Microsoft.Extensions.AI;
        class Agent { async Task Run(IChatClient client) { for (int i = 0; i < N; i++) { await clinet.GetResponseAsync(x); await client.GetResponseAsync(undefinedVar); await client.Nope(); Foo(); await Unknown.Type.Call(); } } }
        """,
        // 5: while / do without conditions
        """
        using Microsoft.Extensions.AI;
        class Agent { async Task Run(IChatClient client) { while () { await client.GetResponseAsync("x"); } do await client.GetResponseAsync("y"); while } }
        """,
        // 6: broken LINQ / Parallel / WhenAll arguments
        """
        using Microsoft.Extensions.AI;
        class Agent { async Task Run(IChatClient client, List<string> xs) { await Task.WhenAll(xs.Select(x => client.GetResponseAsync(x) ); Parallel.For(0, ; Parallel.ForEach(xs, ); xs.ForEach(); Enumerable.Range(0,).Select(x => client.GetResponseAsync("")).ToList(); Parallel.ForEachAsync(); xs.Select(; } }
        """,
        // 7: odd for headers
        """
        using Microsoft.Extensions.AI;
        class Agent { async Task Run(IChatClient client) { for (int i = 0; i < 5; i += ) client.GetResponseAsync(""); for (int i = int.MaxValue; i >= int.MinValue; i--) await client.GetResponseAsync("x"); for (int i = 0, j = 0; i < 5; i++, j++) await client.GetResponseAsync("y"); for (var i = 0L; i < 5; i++) await client.GetResponseAsync("z"); for (int i = 10; i < 0; i++) await client.GetResponseAsync("w"); for (int i = 0; i < 5; i *= 2) await client.GetResponseAsync("v"); for (i = 0; i < 3; i++) await client.GetResponseAsync("u"); } }
        """,
        // 8: recursive local function, local function with a missing body
        """
        using Microsoft.Extensions.AI;
        class Agent { async Task Run(IChatClient client) { async Task L(int n) { await client.GetResponseAsync("x"); await L(n - 1); } for (int i = 0; i < 2; i++) await L(3); void Broken( for (int k = 0; k < 2; k++) Broken(); } }
        """,
        // 9: top-level statements
        """
        using Microsoft.Extensions.AI;
        IChatClient c = null!;
        for (int i = 0; i < 3; i++) await c.GetResponseAsync("x");
        foreach (var q in args) await c.GetResponseAsync(q);
        """,
        // 10: member declarations cut in half, stray tokens
        """
        using Microsoft.Extensions.AI;
        class Agent { IChatClient _c = ; public async Task Run( { for (int i = 0; i < ; i++) await _c.GetResponseAsync(; } } } } ) ) ;
        """,
        // 11: an SDK type used without its using, a generic client with a missing constraint
        """
        class Agent<T> { async Task Run(T client, IChatClient other) { for (int i = 0; i < 3; i++) { await client.GetResponseAsync("x"); await other.GetResponseAsync("y"); } } }
        """,
        // 12: delegates, method groups, lambdas and local variables gone wrong
        """
        using Microsoft.Extensions.AI;
        class Agent { async Task Run(IChatClient client, List<string> xs) {
            Func<string, Task<ChatResponse>> f = client.GetResponseAsync;
            for (int i = 0; i < 3; i++) { await f("x"); Func<Task> g = () => client.GetResponseAsync(; g(); var h = ; h(); }
            await Task.WhenAll(xs.Select(client.GetResponseAsync));
            xs.ForEach(async x => await client.GetResponseAsync(x)
        } }
        """,
        // 13: attributes with broken or impossible arguments
        """
        class Agent { [TaskSlo(1.5)] void M1() {} [TaskSlo(] void M2() {} [TaskSlo("x")] void M3() {} [FanOut(] void M4() {} [FanOut(-1] void M5() {} [TaskSlo(0.99, LatencyP99Ms = )] void M6() {} [TaskSlo] void M7() {} [FanOut("a")] void M8() {} [LlmCall(Provider = )] void M9() {} [TaskSlo(1.5)] class Nested {} [TaskSlo(0.9), TaskSlo(0.8)] void M10() {} }
        """,
        // 14: catch / finally / switch fragments
        """
        using Microsoft.Extensions.AI;
        class Agent { async Task Run(IChatClient client, int k) { for (int i = 0; i < 3; i++) { try { await client.GetResponseAsync("x"); } catch ( { } finally } switch (k) { case 1: await client.GetResponseAsync("y"); case : } var r = k switch { 1 => client.GetResponseAsync("z"), => , }; } }
        """,
        // 15: Polly pipeline and retry loop half-typed
        """
        using Microsoft.Extensions.AI;
        using Polly;
        class Agent { async Task Run(IChatClient client) { var p = new ResiliencePipelineBuilder().AddRetry(new() { MaxRetryAttempts = }).Build(); for (int attempt = 0; attempt < 3; attempt++) { try { await p.ExecuteAsync(async ct => await client.GetResponseAsync("x", cancellationToken: ct)); return; } catch { } } await p.ExecuteAsync(; } }
        """,
        // 16: builders with function invocation, agents, broken
        """
        using Microsoft.Extensions.AI;
        using Microsoft.Agents.AI;
        class Agent { IChatClient _client = new ChatClientBuilder(null!).UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = ).Build(); async Task Run(IChatClient inner) { var agent = inner.AsAIAgent(instructions: ; for (int i = 0; i < 2; i++) { await agent.RunAsync(; await _client.GetResponseAsync("x"); await new ChatClientAgent(inner, new ChatClientAgentOptions { UseProvidedChatClientAsIs = }).RunAsync("y"); } } }
        """,
        // 17: empty and nearly empty files
        "",
        "class",
        "using Microsoft.Extensions.AI;",
        "}}}}{{{{",
        // 21: await foreach over nothing, foreach over an unknown method
        """
        using Microsoft.Extensions.AI;
        class Agent { async Task Run(IChatClient client) { await foreach (var u in ) { await client.GetResponseAsync("x"); } foreach (var x in Missing()) await client.GetResponseAsync("y"); foreach (var in client.GetStreamingResponseAsync("z")) { } } }
        """,
        // 22: recursion between methods, constructors and properties with calls
        """
        using Microsoft.Extensions.AI;
        class Agent { IChatClient C => null!; Agent() { for (int i = 0; i < 2; i++) C.GetResponseAsync("ctor"); } string P { get { C.GetResponseAsync("p").Wait(); return Q; } } string Q => P; async Task A(int n) { await C.GetResponseAsync("a"); await B(n); } async Task B(int n) { for (int i = 0; i < n; i++) await A(n - 1); } }
        """,
        // 23: preprocessor directives cutting statements
        """
        using Microsoft.Extensions.AI;
        class Agent { async Task Run(IChatClient client) {
        #if DEBUG
            for (int i = 0; i < 3; i++) {
        #else
            while (true) {
        #endif
                await client.GetResponseAsync("x");
        #if NEVER
            }
        #endif
        } }
        """,
        // 24: a call in a loop nested deeper than the shape builder's depth limit
        "using Microsoft.Extensions.AI;\nclass Agent { async Task Run(IChatClient client) { "
            + string.Concat(Enumerable.Range(0, 70).Select(k => "for (int i" + k + " = 0; i" + k + " < 2; i" + k + "++) { "))
            + "await client.GetResponseAsync(\"deep\");" + new string('}', 70) + " } }",
        // 25: lambdas inside lambdas inside loops, none complete
        """
        using Microsoft.Extensions.AI;
        class Agent { void Run(IChatClient client, List<string> xs) { for (int i = 0; i < 2; i++) { xs.Select(x => xs.Select(y => xs.Where(z => client.GetResponseAsync(z).Result. } } }
        """,
        // 26: catalog-looking static calls with wrong arity and named arguments
        """
        using Microsoft.Extensions.AI;
        class Agent { async Task Run(IChatClient client) { for (int i = 0; i < 2; i++) { await ChatClientExtensions.GetResponseAsync(); await ChatClientExtensions.GetResponseAsync(client, chatMessage: ); await client.GetResponseAsync<>("x"); await client.GetResponseAsync(cancellationToken: "x", options: 3); } } }
        """,
        // 27: half-typed workflow builders (Agent Framework): unterminated chain, factory without a body, missing arguments
        """
        using Microsoft.Agents.AI; using Microsoft.Agents.AI.Workflows; using Microsoft.Extensions.AI;
        class Team { async Task Run(AIAgent a, AIAgent b) {
            var w1 = AgentWorkflowBuilder.CreateGroupChatBuilderWith(agents => ).AddParticipants([a, b]).Build();
            var w2 = AgentWorkflowBuilder.CreateHandoffBuilderWith().WithHandoffs(a, [b, ..]).WithHandoff(a, a).WithAutonomousMode(turnLimit: "x").Build(
            var w3 = AgentWorkflowBuilder.CreateMagenticBuilderWith(a).WithMaxRounds(null).WithMaxResets().AddParticipants([.. new[] { b }]).Build();
            for (int i = 0; i < 3; i++) { await InProcessExecution.RunAsync(w1, ); await InProcessExecution.RunAsync(workflow: w2, "x"); await w3.AsAIAgent().RunAsync(; }
        } }
        """,
        // 28: a group chat manager factory with a block body returning different managers, a workflow nested in itself
        """
        using Microsoft.Agents.AI; using Microsoft.Agents.AI.Workflows; using Microsoft.Extensions.AI;
        class Team { async Task Run(AIAgent a, bool flag) {
            var w = AgentWorkflowBuilder.CreateGroupChatBuilderWith(agents => { if (flag) return new RoundRobinGroupChatManager(agents) { MaximumIterationCount = flag ? 1 : 2 }; return new RoundRobinGroupChatManager(agents); }).AddParticipants([a]).Build();
            w = AgentWorkflowBuilder.BuildSequential([w.AsAIAgent(), w.AsAIAgent(), a]);
            while (true) { await InProcessExecution.RunStreamingAsync(w, "x"); }
        } }
        """,
    };

    public static TheoryData<int> BrokenIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < BrokenSnippets.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenIndexes))]
    public async Task Broken_code_never_makes_an_analyzer_throw(int index)
    {
        var diagnostics = await RunAnalyzersAsync(new[] { BrokenSnippets[index] }, perDocumentToo: true);
        Assert.All(diagnostics, d => Assert.StartsWith("LLM", d.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task All_broken_snippets_together_in_one_compilation_never_throw()
    {
        // Across files: calls from one broken file into another, duplicate type names, compilation-end composition.
        await RunAnalyzersAsync(BrokenSnippets.Select((s, i) => i == 9 ? s : "namespace N" + i + " {\n" + s + "\n}"), new[] { ("/llm-calls.txt", "Agent::Run\nN1.Agent::Run\nbad line\n") });
    }

    [Fact]
    public async Task Complete_statement_still_reports_LLM001_while_the_rest_of_the_file_is_broken()
    {
        var diagnostics = await RunAnalyzersAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                async Task Run(IChatClient client)
                {
                    for (int i = 0; i < 5; i++)
                    {
                        await client.GetResponseAsync("x");
                    }

                    var broken = client.
            """);
        var llm001 = Assert.Single(diagnostics, d => d.Id == "LLM001");
        Assert.Equal("'ChatClientExtensions.GetResponseAsync' makes 1 LLM call per iteration of a loop that runs 5 times", llm001.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    // ---------------------------------------------------------------- every prefix / every token dropped

    private const string FuzzSeed = """
        using Microsoft.Extensions.AI;
        using Microsoft.Agents.AI;
        using Polly;
        class Agent
        {
            private readonly IChatClient _client = new ChatClientBuilder(null!).UseFunctionInvocation().Build();
            const int N = 3;

            [TaskSlo(0.99, LatencyP99Ms = 5000)]
            [FanOut(12)]
            async Task<string> Run(IChatClient client, List<string> xs, AIAgent agent, bool flag)
            {
                for (int i = 0; i < N; i++) { await client.GetResponseAsync("a" + i); }
                foreach (var x in xs.Take(2)) { await Helper(client, x); }
                await Task.WhenAll(xs.Select(x => client.GetResponseAsync(x)));
                Parallel.For(0, 4, i => client.GetResponseAsync("p").Wait());
                while (flag) { try { await agent.RunAsync("r"); break; } catch (Exception) when (flag) { } }
                do { await _client.GetResponseAsync("d"); } while (false);
                await foreach (var u in client.GetStreamingResponseAsync("s")) { if (u.Text == "stop") break; }
                var pipeline = new ResiliencePipelineBuilder().AddRetry(new() { MaxRetryAttempts = 2 }).Build();
                await pipeline.ExecuteAsync(async ct => await client.GetResponseAsync("poly", cancellationToken: ct));
                string[] ys = ["a", "b"];
                Func<Task> stored = () => client.GetResponseAsync("stored");
                return flag ? (await client.GetResponseAsync("t")).Text : ys.Length switch { 2 => "two", _ => "other" };
            }

            [LlmCall(Provider = "openai")]
            async Task Helper(IChatClient client, string q) { await client.GetResponseAsync(q); }
        }
        """;

    /// <summary>Up to <paramref name="count"/> evenly spaced items, always including the first and the last.</summary>
    private static List<T> Spread<T>(IReadOnlyList<T> items, int count)
        => items.Count <= count
            ? items.ToList()
            : Enumerable.Range(0, count).Select(k => items[(int)((long)k * (items.Count - 1) / (count - 1))]).Distinct().ToList();

    [Fact]
    public async Task Prefixes_of_a_realistic_method_analyze_without_exception()
    {
        // What the editor sees while the method is being typed: the file cut after a token (40 evenly spaced cuts,
        // all in one compilation; every prefix would cost a binding each and make the class slow).
        var tokens = CSharpSyntaxTree.ParseText(FuzzSeed, ParseOptions).GetRoot().DescendantTokens().ToList();
        var variants = Spread(tokens, 40).Select((t, i) => "namespace P" + i + ";\n" + FuzzSeed.Substring(0, t.Span.End));
        await RunAnalyzersAsync(variants);
    }

    [Fact]
    public async Task Dropping_a_brace_parenthesis_semicolon_or_keyword_analyzes_without_exception()
    {
        var tokens = CSharpSyntaxTree.ParseText(FuzzSeed, ParseOptions).GetRoot().DescendantTokens()
            .Where(t => SyntaxFacts.IsPunctuation(t.Kind()) || SyntaxFacts.IsKeywordKind(t.Kind()))
            .ToList();
        var variants = Spread(tokens, 60).Select((t, i) => "namespace D" + i + ";\n" + FuzzSeed.Remove(t.SpanStart, t.Span.Length));
        await RunAnalyzersAsync(variants);
    }

    // ---------------------------------------------------------------- LLM007 through CompilationWithAnalyzers

    [Fact]
    public async Task Impossible_attribute_arguments_are_reported_even_in_a_file_full_of_errors()
    {
        var diagnostics = await RunAnalyzersAsync("""
            class Agent
            {
                [TaskSlo(1.5)] void A() { for (int i = 0; i < ; }
                [TaskSlo(0)] void B() { undefined(); }
                [FanOut(-1)] void C() { var x = ; }
                [TaskSlo(0.99)] void D() { }
                [TaskSlo(] void E() { }
                [FanOut(] void F() { }
            """);
        var llm007 = diagnostics.Where(d => d.Id == "LLM007").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => m, StringComparer.Ordinal).ToList();
        Assert.Equal(
            new[]
            {
                "FanOut bound -1 must be zero or more LLM calls per invocation",
                "TaskSlo availability 0 must lie in (0, 1] — write 0.995 for 99.5 %",
                "TaskSlo availability 1.5 must lie in (0, 1] — write 0.995 for 99.5 %",
            },
            llm007);
        Assert.All(diagnostics.Where(d => d.Id == "LLM007"), d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    // ---------------------------------------------------------------- LLM007 through the verifier

    private static DiagnosticResult Llm007(int marker, string message)
        => VerifyAttributes.Diagnostic("LLM007").WithSeverity(DiagnosticSeverity.Error).WithLocation(marker).WithArguments(message);

    [Fact]
    public async Task TaskSlo_above_one_is_LLM007()
    {
        await VerifyAttributes.VerifyAsync("""
            class Agent
            {
                [{|#0:TaskSlo(1.5)|}]
                void Run() { }
            }
            """,
            Llm007(0, "TaskSlo availability 1.5 must lie in (0, 1] — write 0.995 for 99.5 %"));
    }

    [Fact]
    public async Task TaskSlo_of_zero_or_below_is_LLM007()
    {
        await VerifyAttributes.VerifyAsync("""
            class Agent
            {
                [{|#0:TaskSlo(0)|}]
                void Zero() { }

                [{|#1:TaskSlo(-0.5)|}]
                void Negative() { }

                [{|#2:TaskSlo(99.5)|}]
                void Percent() { }
            }
            """,
            Llm007(0, "TaskSlo availability 0 must lie in (0, 1] — write 0.995 for 99.5 %"),
            Llm007(1, "TaskSlo availability -0.5 must lie in (0, 1] — write 0.995 for 99.5 %"),
            Llm007(2, "TaskSlo availability 99.5 must lie in (0, 1] — write 0.995 for 99.5 %"));
    }

    [Fact]
    public async Task Negative_FanOut_is_LLM007()
    {
        await VerifyAttributes.VerifyAsync("""
            class Agent
            {
                [{|#0:FanOut(-1)|}]
                void Run() { }

                [{|#1:FanOut(max: -20)|}]
                Agent() { }
            }
            """,
            Llm007(0, "FanOut bound -1 must be zero or more LLM calls per invocation"),
            Llm007(1, "FanOut bound -20 must be zero or more LLM calls per invocation"));
    }

    [Fact]
    public async Task Negative_latency_budget_and_NaN_availability_are_LLM007()
    {
        await VerifyAttributes.VerifyAsync("""
            class Agent
            {
                [{|#0:TaskSlo(0.99, LatencyP99Ms = -5)|}]
                void Latency() { }

                [{|#1:TaskSlo(double.NaN)|}]
                void NaN() { }

                const double TooHigh = 2;

                [{|#2:TaskSlo(TooHigh)|}]
                void Constant() { }
            }
            """,
            Llm007(0, "TaskSlo LatencyP99Ms -5 must be 0 (none) or a positive number of milliseconds"),
            Llm007(1, "TaskSlo availability NaN must lie in (0, 1] — write 0.995 for 99.5 %"),
            Llm007(2, "TaskSlo availability 2 must lie in (0, 1] — write 0.995 for 99.5 %"));
    }

    [Fact]
    public async Task Possible_attribute_arguments_are_not_LLM007()
    {
        await VerifyAttributes.VerifyAsync("""
            class Agent
            {
                [TaskSlo(0.99)]
                void A() { }

                [TaskSlo(1.0)]
                void B() { }

                [TaskSlo(0.995, LatencyP99Ms = 0)]
                void C() { }

                [TaskSlo(1e-9, LatencyP99Ms = 12000)]
                void D() { }

                [FanOut(0)]
                void E() { }

                [FanOut(int.MaxValue)]
                void F() { }

                [AgentStep, LlmCall(Provider = "openai")]
                void G() { }
            }
            """);
    }

    [Fact]
    public async Task Impossible_arguments_on_local_functions_and_lambdas_are_LLM007()
    {
        await VerifyAttributes.VerifyAsync("""
            class Agent
            {
                void Run()
                {
                    [{|#0:FanOut(-1)|}]
                    void Local() { }

                    var lambda = [{|#1:TaskSlo(2.0)|}] () => 1;
                    Local();
                    lambda();
                }
            }
            """,
            Llm007(0, "FanOut bound -1 must be zero or more LLM calls per invocation"),
            Llm007(1, "TaskSlo availability 2 must lie in (0, 1] — write 0.995 for 99.5 %"));
    }
}
