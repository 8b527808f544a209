using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// The estimate generator binds only the bodies that can change a task's estimate (EstimateBindingSet). These tests
/// hold it to the promise that matters: the estimates are exactly those of binding everything — over the package
/// test sources, the sample, a source written to stress the rules, and hundreds of mutants of them.
/// </summary>
public class EstimateBindingSetTests
{
    private const string Stress = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using LlmCallAnalyzers;
        using Microsoft.Extensions.AI;
        using Polly;

        namespace Stress;

        public sealed class Agent
        {
            private readonly IChatClient _tools;
            private IChatClient _late = null!;
            private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder().AddRetry(new() { MaxRetryAttempts = 2 }).Build();

            public Agent(IChatClient inner)
            {
                _tools = new ChatClientBuilder(inner).UseFunctionInvocation().Build();
            }

            public void Configure(IChatClient inner) => _late = inner;

            [TaskSlo(0.999)]
            public async Task<string> RunAsync(string question, CancellationToken ct)
            {
                var prompt = Prompts.Build(question, 3);                 // no LLM call behind it
                var first = await AskTwiceAsync(prompt, ct);             // two calls, through a helper chain
                for (int i = 0; i < 3; i++)
                {
                    await _tools.GetResponseAsync(prompt, cancellationToken: ct);   // hidden fan-out of the field
                }

                await _retry.ExecuteAsync(async t => await _late.GetResponseAsync(first, cancellationToken: t), ct);
                Prompts.Spin(question);                                  // an unbounded loop without LLM calls
                Prompts.Recurse(3);                                      // recursion without LLM calls
                return await Wrapped(first) + Prompts.Build(first, 1);
            }

            [AgentStep]
            public async Task StepAsync(IEnumerable<string> items)
            {
                foreach (var item in items)
                {
                    await Wrapped(item);
                }
            }

            private Task<string> AskTwiceAsync(string prompt, CancellationToken ct) => Middle.AskAsync(_late, prompt, ct);

            [LlmCall(Provider = "custom")]
            private Task<string> Wrapped(string text) => Task.FromResult(text);
        }

        internal static class Middle
        {
            public static async Task<string> AskAsync(IChatClient client, string prompt, CancellationToken ct)
            {
                var a = await client.GetResponseAsync(prompt, cancellationToken: ct);
                var b = await client.GetResponseAsync(a.Text, cancellationToken: ct);
                return b.Text;
            }
        }

        internal static class Prompts
        {
            public static string Build(string question, int rounds)
            {
                var parts = new List<string>();
                for (int i = 0; i < rounds; i++)
                {
                    parts.Add(Format(question, i));
                }

                return string.Join("\n", parts);
            }

            public static void Spin(string text)
            {
                while (text.Length > 0)
                {
                    text = Format(text, 1);
                }
            }

            public static int Recurse(int n) => n <= 0 ? 0 : Recurse(n - 1) + Format("x", n).Length;

            private static string Format(string text, int i) => $"{i}: {text}";
        }
        """;

    [Fact]
    public void Only_tasks_LLM_callers_their_callers_and_member_assigners_are_bound()
    {
        var compilation = AnalyzerRunner.Compile(Stress);
        var bound = EstimateBindingSet.Find(compilation, CallSiteCatalog.Create(compilation, Array.Empty<EntryPoint>()), default);

        Assert.NotNull(bound);
        var names = bound!.Select(NameOf).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "Agent", "AskAsync", "AskTwiceAsync", "Configure", "RunAsync", "StepAsync", "Wrapped" }, names);
    }

    [Fact]
    public void A_constructor_that_reaches_an_LLM_call_makes_the_generator_bind_everything()
    {
        const string Source = """
            using Microsoft.Extensions.AI;
            public sealed class Eager
            {
                public Eager(IChatClient client) => client.GetResponseAsync("warm up").GetAwaiter().GetResult();
            }
            """;
        var compilation = AnalyzerRunner.Compile(Source);
        Assert.Null(EstimateBindingSet.Find(compilation, CallSiteCatalog.Create(compilation, Array.Empty<EntryPoint>()), default));
    }

    [Fact]
    public void The_estimates_equal_those_of_binding_everything_on_the_test_sources_and_the_sample()
    {
        foreach (var (name, sources) in Corpora())
        {
            AssertSameEstimates(name, AnalyzerRunner.Compile(sources));
        }
    }

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(0, 3).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_estimates_equal_those_of_binding_everything_on_mutants(int seed)
    {
        var random = new Random(1000 + seed);
        foreach (var (name, sources) in Corpora())
        {
            var baseline = AnalyzerRunner.Compile(sources);
            for (int i = 0; i < 25; i++)
            {
                int file = random.Next(sources.Length);
                string mutated = SourceMutator.Mutate(sources[file], random, out string description);
                var oldTree = baseline.SyntaxTrees.ElementAt(file);
                var compilation = baseline.ReplaceSyntaxTree(oldTree, oldTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(mutated)));
                AssertSameEstimates($"{name}, mutant {seed}/{i} ({description})", compilation);
            }
        }
    }

    private static IEnumerable<(string Name, string[] Sources)> Corpora()
    {
        string root = global::LlmCallAnalyzers.Tests.Shared.PackageScript.RepositoryRoot();
        string[] Read(params string[] parts) => Directory.GetFiles(Path.Combine(new[] { root }.Concat(parts).ToArray()), "*.cs")
            .OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        yield return ("stress", new[] { Stress });
        yield return ("analyzer-consumer", Read("tests", "package-tests", "analyzer-consumer"));
        yield return ("ResearchAgent sample", Read("docs", "samples", "ResearchAgent"));
    }

    private static void AssertSameEstimates(string name, Compilation compilation)
    {
        var full = LlmTaskAnalysis.Analyze(compilation, null, includePublicEntryPoints: false, bindOnlyWhatEstimatesNeed: false, default);
        var pruned = LlmTaskAnalysis.Analyze(compilation, null, includePublicEntryPoints: false, bindOnlyWhatEstimatesNeed: true, default);
        Assert.True(Describe(full) == Describe(pruned), $"{name}:\nfull:\n{Describe(full)}\npruned:\n{Describe(pruned)}");
    }

    private static string Describe(IReadOnlyList<TaskReport> reports) => string.Join("\n", reports.Select(r =>
        $"{r.TaskName} {r.Kind} {r.Verdict} calls {r.Estimate.MinCalls}-{r.Estimate.MaxCalls} availability {r.Estimate.Availability:R} " +
        $"p99 {r.Estimate.LatencyP99Ms:R} slo {r.Slo:R} fan-out {r.DeclaredFanOut}")) + "\n" + LlmTaskEstimateGenerator.Render(reports);

    private static string NameOf(SyntaxNode declaration) => declaration switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
        _ => declaration.GetType().Name,
    };
}
