using LlmCallAnalyzers.Generators;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// The estimate generator starts from the task roots and reads only what they reach, on demand. These tests hold it to
/// the promise that matters — the estimates are exactly those of binding everything up front (the CLI's analysis),
/// over the package test sources, the sample, a source written to stress the rules, and hundreds of mutants of them —
/// and show that it does not read code no task reaches.
/// </summary>
public class TaskRootEstimateTests
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

    private const string Reached = """
        using System.Threading.Tasks;
        using LlmCallAnalyzers;
        using Microsoft.Extensions.AI;

        namespace Reach;

        public sealed class Desk
        {
            [TaskSlo(0.99)]
            public async Task<string> AnswerAsync(IChatClient client, string question)
            {
                var draft = await Helpers.DraftAsync(client, question);
                return (await client.GetResponseAsync(draft)).Text;
            }
        }
        """;

    private const string ReachedHelper = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Reach;

        public static class Helpers
        {
            public static async Task<string> DraftAsync(IChatClient client, string question)
            {
                string text = question;
                for (int i = 0; i < 2; i++) text = (await client.GetResponseAsync(text)).Text;
                return text;
            }
        }
        """;

    private const string Unreached = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Elsewhere;

        public sealed class Batch
        {
            public async Task RunAsync(IChatClient client, IEnumerable<string> items)
            {
                foreach (var item in items) await client.GetResponseAsync(item);
            }

            public static int Count(string text) => text.Split(' ').Length;
        }
        """;

    [Fact]
    public void Only_the_files_a_task_reaches_are_bound()
    {
        var compilation = AnalyzerRunner.Compile(Reached, ReachedHelper, Unreached);
        var task = compilation.GetTypeByMetadataName("Reach.Desk")!.GetMembers("AnswerAsync").Single().DeclaringSyntaxReferences.Single();
        var bound = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        var models = SemanticModelSummaries.ModelsOf(compilation);
        var roots = new[] { new TaskRoot(task.SyntaxTree.FilePath, task.Span.Start) };

        var lines = TaskRootEstimates.Compute(compilation, new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions([]), roots, tree =>
        {
            bound[tree.FilePath] = true;
            return models(tree);
        }, default);

        var line = Assert.Single(Assert.Single(lines).Value.Lines);
        Assert.Contains("\"Reach.Desk.AnswerAsync\", 3, 3,", line.Line);
        Assert.Equal(new[] { "/src/File0.cs", "/src/File1.cs" }, bound.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void The_estimates_equal_those_of_binding_everything_on_the_test_sources_and_the_sample()
    {
        foreach (var (name, sources) in Corpora())
        {
            AssertSameEstimates(name, AnalyzerRunner.Compile(sources));
        }
    }

    private const string AliasedTasks = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Step = LlmCallAnalyzers.AgentStepAttribute;

        namespace Aliased;

        public sealed class Desk(IChatClient client)
        {
            [Slo(0.99)]
            public async Task<string> ThroughAGlobalAliasAsync(string q) => (await client.GetResponseAsync(q)).Text;

            [Step]
            public async Task<string> ThroughALocalAliasAsync(string q) => (await client.GetResponseAsync(q)).Text + (await client.GetResponseAsync(q)).Text;

            [global::LlmCallAnalyzers.TaskSloAttribute(0.9)]
            public async Task<string> QualifiedAsync(string q) => (await client.GetResponseAsync(q)).Text;

            [Other.TaskSlo]
            public async Task<string> LookAlikeAsync(string q) => (await client.GetResponseAsync(q)).Text;
        }
        """;

    private const string GlobalAlias = """
        global using Slo = LlmCallAnalyzers.TaskSloAttribute;

        namespace Other
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class TaskSloAttribute : System.Attribute { }
        }
        """;

    [Fact]
    public void Tasks_named_through_aliases_or_qualified_names_get_their_estimates_and_a_look_alike_attribute_makes_no_task()
    {
        var compilation = AnalyzerRunner.Compile(AliasedTasks, GlobalAlias);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        AssertSameEstimates("aliases", compilation);

        string generated = Assert.Single(AnalyzerRunner.CreateGeneratorDriver(emitEstimates: true).RunGenerators(compilation).GetRunResult().GeneratedTrees).GetText().ToString();
        Assert.Contains("\"Aliased.Desk.ThroughAGlobalAliasAsync\", 1, 1,", generated);
        Assert.Contains("\"Aliased.Desk.ThroughALocalAliasAsync\", 2, 2,", generated);
        Assert.Contains("\"Aliased.Desk.QualifiedAsync\", 1, 1,", generated);
        Assert.DoesNotContain("LookAlikeAsync", generated);
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

    /// <summary>The generator's file against the CLI's analysis, which binds every declaration before it evaluates the tasks.</summary>
    private static void AssertSameEstimates(string name, Compilation compilation)
    {
        var full = LlmTaskAnalysis.Analyze(compilation, null, includePublicEntryPoints: false, default);
        string? expected = full.Count == 0 ? null : LlmTaskEstimateGenerator.Render(full);
        var result = AnalyzerRunner.CreateGeneratorDriver(emitEstimates: true).RunGenerators(compilation).GetRunResult();
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        string? generated = result.GeneratedTrees.SingleOrDefault()?.GetText().ToString();
        Assert.True(expected == generated, $"{name}:\nbinding everything:\n{expected}\nfrom the task roots:\n{generated}");
    }
}
