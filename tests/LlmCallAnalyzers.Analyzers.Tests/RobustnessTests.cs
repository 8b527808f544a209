using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// The editor feeds analyzers broken code on every keystroke. These tests mutate real test sources (drop lines, cut
/// text mid-token, remove braces, swap tokens) and walk the states a user passes through while typing a loop around an
/// LLM call; every analyzer and the generator must run over all of them without a single exception (no AD0001).
/// </summary>
public class RobustnessTests
{
    private static readonly string SourceDirectory = Path.Combine(global::LlmCallAnalyzers.Tests.Shared.PackageScript.RepositoryRoot(), "tests", "package-tests", "analyzer-consumer");

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(0, 4).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Hundreds_of_mutants_of_the_test_sources_raise_no_analyzer_exception(int seed)
    {
        var originals = Directory.GetFiles(SourceDirectory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        var baseline = AnalyzerRunner.Compile(originals);
        var random = new Random(seed);
        int mutants = 0;
        var failures = new List<string>();
        for (int i = 0; i < 60; i++)
        {
            int file = random.Next(originals.Length);
            string mutated = SourceMutator.Mutate(originals[file], random, out string description);
            var oldTree = baseline.SyntaxTrees.ElementAt(file);
            var compilation = baseline.ReplaceSyntaxTree(oldTree, oldTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(mutated)));
            var (_, exceptions) = await AnalyzerRunner.RunAsync(compilation, "dotnet_diagnostic.LLM001.severity = warning");
            mutants++;
            if (exceptions.Count > 0)
            {
                failures.Add($"mutant {seed}/{i} ({description}): {exceptions[0]}");
            }
        }

        Assert.Equal(60, mutants);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(3)));
    }

    [Fact]
    public async Task Typing_a_loop_around_an_LLM_call_never_throws_and_ends_with_LLM001()
    {
        const string Prefix = "using System.Threading.Tasks; using Microsoft.Extensions.AI;\nclass Agent\n{\n    async Task Run(IChatClient client)\n    {\n";
        const string Suffix = "\n    }\n}\n";
        string[] states =
        {
            "await client.GetResponseAsync(\"q\");",
            "f\nawait client.GetResponseAsync(\"q\");",
            "for\nawait client.GetResponseAsync(\"q\");",
            "for (\nawait client.GetResponseAsync(\"q\");",
            "for (int\nawait client.GetResponseAsync(\"q\");",
            "for (int i = \nawait client.GetResponseAsync(\"q\");",
            "for (int i = 0; i <\nawait client.GetResponseAsync(\"q\");",
            "for (int i = 0; i < 5; i++\nawait client.GetResponseAsync(\"q\");",
            "for (int i = 0; i < 5; i++)\nawait client.GetResponseAsync(\"q\");",
            "for (int i = 0; i < 5; i++) {\nawait client.GetResponseAsync(\"q\");",
            "for (int i = 0; i < 5; i++) {\nawait client.GetResponseAsync(\"q\"\n}",
            "for (int i = 0; i < 5; i++) {\nawait client.GetResponseAsync(\n}",
            "for (int i = 0; i < 5; i++) {\nawait client.\n}",
            "for (int i = 0; i < 5; i++) {\nawait client.GetResponseAsync(\"q\");\n}",
            "foreach (var q in \n{ await client.GetResponseAsync(q); }",
            "foreach (var q in new[] { \"a\", \n{ await client.GetResponseAsync(q); }",
            "await Task.WhenAll(Enumerable.Range(0, 3).Select(i => client.GetResponseAsync(",
            "while (true) { await client.GetResponseAsync(\"q\"); break",
        };

        Microsoft.CodeAnalysis.Diagnostic[] last = [];
        foreach (var state in states)
        {
            var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(AnalyzerRunner.Compile(Prefix + state + Suffix), "dotnet_diagnostic.LLM001.severity = warning");
            Assert.True(exceptions.Count == 0, $"state '{state}': {exceptions.FirstOrDefault()}");
            last = diagnostics.ToArray();
        }

        var finished = await AnalyzerRunner.RunAsync(AnalyzerRunner.Compile(Prefix + states[13] + Suffix), "dotnet_diagnostic.LLM001.severity = warning");
        var llm001 = Assert.Single(finished.Diagnostics, d => d.Id == "LLM001");
        Assert.Contains("a loop that runs 5 times", llm001.GetMessage());
        Assert.NotNull(last);
    }
}

/// <summary>Seeded source mutations: what half-typed code looks like.</summary>
internal static class SourceMutator
{
    public static string Mutate(string source, Random random, out string description)
    {
        switch (random.Next(5))
        {
            case 0:
            {
                var lines = source.Split('\n').ToList();
                int count = 1 + random.Next(3);
                int at = random.Next(lines.Count);
                lines.RemoveRange(at, Math.Min(count, lines.Count - at));
                description = $"dropped {count} line(s) at {at + 1}";
                return string.Join('\n', lines);
            }

            case 1:
            {
                int cut = random.Next(source.Length);
                description = $"cut at {cut}";
                return source[..cut];
            }

            case 2:
            {
                var braces = Enumerable.Range(0, source.Length).Where(i => source[i] is '{' or '}' or '(' or ')').ToList();
                int at = braces[random.Next(braces.Count)];
                description = $"removed '{source[at]}' at {at}";
                return source.Remove(at, 1);
            }

            case 3:
            {
                var tokens = Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseTokens(source).Where(t => t.Span.Length > 0).ToList();
                var a = tokens[random.Next(tokens.Count)];
                var b = tokens[random.Next(tokens.Count)];
                if (a.SpanStart > b.SpanStart) (a, b) = (b, a);
                if (a.Span.End > b.SpanStart) { description = "no-op swap"; return source; }
                description = $"swapped '{a.Text}' and '{b.Text}'";
                return source[..a.SpanStart] + b.Text + source[a.Span.End..b.SpanStart] + a.Text + source[b.Span.End..];
            }

            default:
            {
                int at = random.Next(source.Length);
                int length = Math.Min(1 + random.Next(12), source.Length - at);
                description = $"deleted {length} chars mid-token at {at}";
                return source.Remove(at, length);
            }
        }
    }
}
