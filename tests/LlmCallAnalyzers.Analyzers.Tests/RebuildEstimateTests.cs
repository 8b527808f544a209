using System.Collections.Immutable;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using LlmCallAnalyzers.Analyzers.Tests.Live;
using LlmCallAnalyzers.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// The estimate generator carries its analysis from one build of a project to the next in the same process, as the
/// compiler server runs it: every build's trees are parsed anew from the files, and when the edited files changed only
/// inside bodies the estimates come from the kept analysis with those files bound again. Whatever the edits, the
/// estimates must be byte for byte those a new analysis of the same text gives.
/// </summary>
public class RebuildEstimateTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private static readonly AnalyzerOptions Options = new(ImmutableArray<AdditionalText>.Empty, new AnalyzerRunner.GlobalConfigOptionsProvider("build_property.LlmCallAnalyzersEmitEstimates = true"));

    public static TheoryData<string, int> Edits => new()
    {
        { "benchmark codebase", 1 },
        { "benchmark codebase", 2 },
        { "agent project", 3 },
        { "member assignments", 4 },
        { "package consumer", 5 },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Builds_after_random_edits_inside_bodies_get_what_a_new_analysis_gets(string project, int seed)
    {
        var random = new Random(seed);
        var rebuilds = new RebuildSessions();
        var texts = SourcesOf(project).ToList();
        Assert.Equal(Fresh(Build(texts)), Carried(Build(texts), rebuilds));
        Assert.Equal(0, rebuilds.Derived);

        int builds = 0;
        for (int step = 0; step < 40 && builds < 10; step++)
        {
            // One to three files edited since the last build, one to three edits each.
            int files = random.Next(1, 4);
            for (int f = 0; f < files; f++)
            {
                int file = random.Next(texts.Count);
                for (int e = random.Next(1, 4); e > 0; e--)
                {
                    var tree = CSharpSyntaxTree.ParseText(texts[file], ParseOptions, PathOf(file));
                    if (BodyEdits.Next(tree, random) is { } change)
                    {
                        texts[file] = tree.GetText().WithChanges(change).ToString();
                    }
                }
            }

            int derivedBefore = rebuilds.Derived;
            var carried = Carried(Build(texts), rebuilds);
            Assert.Equal(Fresh(Build(texts)), carried);
            output.WriteLine($"build {builds}: {(rebuilds.Derived > derivedBefore ? "carried over" : "analyzed anew")}");
            builds++;
        }

        Assert.Equal(10, builds);
        // Most builds are carried over; the others are analyzed anew (an edit that parses a file differently outside a
        // body, or that changes what a field is assigned).
        Assert.True(rebuilds.Derived * 2 >= builds, $"{rebuilds.Derived} of {builds} builds carried over");
    }

    [Fact]
    public void A_build_of_the_same_text_is_carried_over_and_an_edit_outside_bodies_or_a_new_reference_is_analyzed_anew()
    {
        var rebuilds = new RebuildSessions();
        var texts = SourcesOf("benchmark codebase").ToList();
        var first = Carried(Build(texts), rebuilds);

        Assert.Equal(first, Carried(Build(texts), rebuilds));
        Assert.Equal(1, rebuilds.Derived);

        // A declaration changed outside any body: a new analysis.
        texts[0] = texts[0].Replace("public sealed class", "public sealed partial class", StringComparison.Ordinal);
        Assert.Equal(Fresh(Build(texts)), Carried(Build(texts), rebuilds));
        Assert.Equal(1, rebuilds.Derived);

        // The same text again, but a reference to a different assembly in place of one of the SDK's: a new analysis.
        var withOtherReference = Build(texts).RemoveReferences(SdkReferences.All[^1]).AddReferences(MetadataReference.CreateFromFile(typeof(RebuildEstimateTests).Assembly.Location));
        Carried(withOtherReference, rebuilds);
        Assert.Equal(1, rebuilds.Derived);

        // The SDK's assemblies read again from their files (new objects, the same metadata): carried over.
        var reread = SdkReferences.All.Select(r => r is PortableExecutableReference { FilePath: { } path } && File.Exists(path) ? MetadataReference.CreateFromFile(path) : r).ToList();
        Assert.Contains(reread, r => !SdkReferences.All.Contains(r));
        var rereadReferences = CSharpCompilation.Create("Agents", Trees(texts), reread, CompilationOptions);
        Carried(Build(texts), rebuilds);
        int before = rebuilds.Derived;
        Assert.Equal(Fresh(rereadReferences), Carried(rereadReferences, rebuilds));
        Assert.Equal(before + 1, rebuilds.Derived);
    }

    [Fact]
    public void Through_the_generator_a_rebuild_with_trees_parsed_anew_is_carried_over_and_gets_the_new_estimate()
    {
        var texts = SourcesOf("benchmark codebase").ToList();
        var driver = AnalyzerRunner.CreateGeneratorDriver(emitEstimates: true).RunGenerators(Build(texts, "RebuildThroughTheGenerator"));
        Assert.All(driver.GetRunResult().Results, r => Assert.Null(r.Exception));

        // A loop bound in one task's body: its estimate changes.
        int file = texts.FindIndex(t => t.Contains("turn < 4;", StringComparison.Ordinal));
        Assert.True(file >= 0);
        texts[file] = texts[file].Replace("turn < 4;", "turn < 6;", StringComparison.Ordinal);
        var rebuilt = Build(texts, "RebuildThroughTheGenerator");
        Assert.NotNull(RebuildSessions.Shared.Derive(rebuilt, Options, CancellationToken.None));
        driver = driver.RunGenerators(rebuilt);

        var result = driver.GetRunResult();
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        string generated = Assert.Single(result.GeneratedTrees).GetText().ToString();
        Assert.Equal(Fresh(Build(texts, "RebuildThroughTheGenerator")), generated);
        Assert.NotEqual(Fresh(Build(SourcesOf("benchmark codebase"), "RebuildThroughTheGenerator")), generated);
    }

    [Fact]
    public void A_rebuild_keeps_the_estimate_of_every_task_that_reaches_no_code_the_edit_changed()
    {
        var rebuilds = new RebuildSessions();
        var texts = SourcesOf("benchmark codebase").ToList();
        Carried(Build(texts), rebuilds);

        // A longer prompt string in a helper without model calls: the file's other declarations only move.
        int helper = texts.FindIndex(t => t.Contains("\"Focus on: \"", StringComparison.Ordinal));
        texts[helper] = texts[helper].Replace("\"Focus on: \"", "\"Focus on, in order: \"", StringComparison.Ordinal);
        var (moved, _) = rebuilds.Derive(Build(texts), Options, CancellationToken.None) ?? throw new InvalidOperationException("not carried over");
        var tasks = TaskIndex.Candidates(moved.Store, CancellationToken.None);
        Assert.NotEmpty(tasks);
        Assert.All(tasks, task => Assert.True(moved.EstimateUnchanged(task), $"{task} counted as changed"));
        Assert.Equal(Fresh(Build(texts)), Carried(Build(texts), rebuilds));

        // A loop bound: the method with the loop, and every task that reaches it, are changed; the others are not.
        int file = texts.FindIndex(t => t.Contains("turn < 4;", StringComparison.Ordinal));
        texts[file] = texts[file].Replace("turn < 4;", "turn < 6;", StringComparison.Ordinal);
        var (looped, _) = rebuilds.Derive(Build(texts), Options, CancellationToken.None) ?? throw new InvalidOperationException("not carried over");
        var oldTree = looped.Root!.Program.SyntaxTrees.ElementAt(file);
        var loop = oldTree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.ToString().Contains("turn < 4;", StringComparison.Ordinal));
        var edited = (IMethodSymbol)looped.Root.Store.ModelOf(oldTree).GetDeclaredSymbol(loop)!;
        Assert.False(looped.EstimateUnchanged(edited));
        Assert.Contains(tasks, task => !looped.EstimateUnchanged(task));
        Assert.Contains(tasks, task => looped.EstimateUnchanged(task));
        Assert.Equal(Fresh(Build(texts)), Carried(Build(texts), rebuilds));
    }

    private static readonly CSharpCompilationOptions CompilationOptions = new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    private static IReadOnlyList<string> SourcesOf(string project)
        => project == "benchmark codebase"
            ? Enumerable.Range(0, 24).Select(k => AgentModule.Write(k, 24)).ToList()
            : LiveAnalysisTests.SourcesOf(project);

    private static string PathOf(int file) => $"/src/File{file}.cs";

    /// <summary>A build's compilation: every file parsed anew, as the compiler does for each build.</summary>
    private static CSharpCompilation Build(IReadOnlyList<string> texts, string assemblyName = "Agents")
        => CSharpCompilation.Create(assemblyName, Trees(texts), SdkReferences.All, CompilationOptions);

    private static IEnumerable<SyntaxTree> Trees(IReadOnlyList<string> texts)
        => texts.Select((text, i) => CSharpSyntaxTree.ParseText(SourceText.From(text), ParseOptions, PathOf(i)));

    private static string Fresh(Compilation compilation) => Render(compilation, rebuilds: null);

    private static string Carried(Compilation compilation, RebuildSessions rebuilds) => Render(compilation, rebuilds);

    /// <summary>The generated file, every method declaration taken as a root (those that are not tasks get no line).</summary>
    private static string Render(Compilation compilation, RebuildSessions? rebuilds)
    {
        var roots = compilation.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Select(m => new TaskRoot(t.FilePath, m.SpanStart)))
            .ToList();
        var lines = TaskRootEstimates.Compute(compilation, Options, roots, SemanticModelSummaries.ModelsOf(compilation), CancellationToken.None, rebuilds);
        return LlmTaskEstimateGenerator.Render(roots.Select(r => lines.TryGetValue(r, out var l) ? l : TaskEstimateLines.None).ToImmutableArray()) ?? string.Empty;
    }
}
