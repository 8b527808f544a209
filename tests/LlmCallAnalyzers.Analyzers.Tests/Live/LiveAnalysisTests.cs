using System.Collections.Immutable;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Tests.Live;

/// <summary>
/// What an editor shows while typing: every document analyzed on its own, the way an editor analyzes an open file
/// (<see cref="CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(SemanticModel, Microsoft.CodeAnalysis.Text.TextSpan?, System.Threading.CancellationToken)"/>
/// and the syntax equivalent), must give exactly the LLM001–LLM005 diagnostics a full build gives in that document:
/// same IDs, locations and messages, whatever the order documents are analyzed in, with no duplicates.
/// </summary>
public class LiveAnalysisTests
{
    private static readonly string[] LiveRules = ["LLM001", "LLM002", "LLM003", "LLM004", "LLM005"];

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzer = [new LlmTaskAnalyzer()];

    public static TheoryData<string> Projects => new() { "agent project", "package consumer", "member assignments" };

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task Each_document_alone_gets_exactly_the_build_diagnostics_located_in_it(string project)
    {
        var build = await BuildDiagnosticsAsync(AnalyzerRunner.Compile(SourcesOf(project)));
        var live = new List<string>();
        for (int document = 0; document < SourcesOf(project).Length; document++)
        {
            // A new compilation per document (trees parsed again): nothing computed for another document can help.
            var compilation = AnalyzerRunner.Compile(SourcesOf(project));
            var tree = compilation.SyntaxTrees.ElementAt(document);
            var analysis = compilation.WithAnalyzers(Analyzer);
            var found = await DocumentDiagnosticsAsync(analysis, compilation, tree);
            Assert.All(found, d => Assert.Equal(tree, d.Location.SourceTree));
            live.AddRange(found.Select(Describe));
        }

        Assert.Equal(build.Where(IsLive).Select(Describe).Order(StringComparer.Ordinal), live.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task The_order_documents_are_analyzed_in_changes_nothing(string project)
    {
        // Each on a compilation of its own (trees parsed again), so the second cannot reuse what the first computed.
        var first = AnalyzerRunner.Compile(SourcesOf(project));
        var forward = await AllDocumentsAsync(first, first.SyntaxTrees);
        var second = AnalyzerRunner.Compile(SourcesOf(project));
        var backward = await AllDocumentsAsync(second, second.SyntaxTrees.Reverse());
        Assert.Equal(forward.Order(StringComparer.Ordinal), backward.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_live_rule_fires_in_the_agent_project_and_LLM006_stays_at_compilation_end()
    {
        var compilation = AnalyzerRunner.Compile(LiveProject.Files);
        var build = await BuildDiagnosticsAsync(compilation);
        var live = await AllDocumentsAsync(compilation, compilation.SyntaxTrees);

        foreach (var id in LiveRules)
        {
            Assert.Contains(live, d => d.StartsWith(id, StringComparison.Ordinal));
        }

        Assert.Contains(build, d => d.Id == "LLM006");
        Assert.DoesNotContain(live, d => d.StartsWith("LLM006", StringComparison.Ordinal));

        // The cross-file cases an editor used to miss: a helper in another file called in a loop, a loop and a
        // recursive call in other files on a task's path, a fine-tuned model reached from a task in another file.
        Assert.Contains(live, d => d.StartsWith("LLM001 File0.cs", StringComparison.Ordinal) && d.Contains("'SummarizeAsync' makes 1 LLM call per iteration", StringComparison.Ordinal));
        Assert.Contains(live, d => d.StartsWith("LLM001 File0.cs", StringComparison.Ordinal) && d.Contains("'IStep.RunAsync' makes up to 2 LLM calls (3 implementations, 0–2 calls; worst: ReviewStep)", StringComparison.Ordinal));
        Assert.Contains(live, d => d.StartsWith("LLM002 File1.cs", StringComparison.Ordinal) && d.Contains("task 'PollAsync'", StringComparison.Ordinal));
        Assert.Contains(live, d => d.StartsWith("LLM002 File3.cs", StringComparison.Ordinal) && d.Contains("task 'PingPongAsync'", StringComparison.Ordinal));
        Assert.Contains(live, d => d.StartsWith("LLM005 File4.cs", StringComparison.Ordinal) && d.Contains("task 'AnswerAsync'", StringComparison.Ordinal));
        Assert.Contains(live, d => d.StartsWith("LLM003 File0.cs", StringComparison.Ordinal) && d.Contains("'RunStepsAsync' makes up to 20 essential LLM calls", StringComparison.Ordinal) && d.Contains("98.02 %", StringComparison.Ordinal) && d.Contains(" related: ", StringComparison.Ordinal));
        Assert.Contains(live, d => d.StartsWith("LLM004 File0.cs", StringComparison.Ordinal) && d.Contains("'AnswerAsync'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_build_reports_each_diagnostic_once()
    {
        var build = await BuildDiagnosticsAsync(AnalyzerRunner.Compile(LiveProject.Files));
        var described = build.Select(Describe).ToList();
        Assert.Equal(described.Count, described.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task A_command_line_build_reporting_at_compilation_end_gives_the_same_diagnostics(string project)
    {
        // The package's build targets set this compiler feature in command-line builds (not in design-time builds).
        var live = await BuildDiagnosticsAsync(AnalyzerRunner.Compile(SourcesOf(project)));
        var atEnd = AnalyzerRunner.Compile(SourcesOf(project));
        var features = ((CSharpParseOptions)atEnd.SyntaxTrees.First().Options).WithFeatures([new(ReportingTime.Feature, ReportingTime.CompilationEnd)]);
        atEnd = atEnd.RemoveAllSyntaxTrees().AddSyntaxTrees(atEnd.SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), features)));
        Assert.True(ReportingTime.IsCompilationEnd(atEnd));
        var deferred = await BuildDiagnosticsAsync(atEnd);
        Assert.NotEmpty(deferred.Where(IsLive));
        Assert.Equal(live.Select(Describe).Order(StringComparer.Ordinal), deferred.Select(Describe).Order(StringComparer.Ordinal));

        // Analyzed one document at a time, such a compilation reports nothing of LLM001–LLM005: compilation-end only.
        var perDocument = atEnd.WithAnalyzers(Analyzer);
        foreach (var tree in atEnd.SyntaxTrees)
        {
            Assert.DoesNotContain(await DocumentDiagnosticsAsync(perDocument, atEnd, tree), IsLive);
        }
    }

    [Fact]
    public async Task What_members_hold_is_read_from_other_files_and_generated_code_the_same_way_both_ways()
    {
        // In a build every declaration is summarized before the rules run, so assigners come from the summaries; an
        // editor reads the files. The fine-tuned model each member holds decides LLM005 at its call.
        var atEnd = AnalyzerRunner.Compile(MemberAssignmentsProject.Files);
        var features = ((CSharpParseOptions)atEnd.SyntaxTrees.First().Options).WithFeatures([new(ReportingTime.Feature, ReportingTime.CompilationEnd)]);
        atEnd = atEnd.RemoveAllSyntaxTrees().AddSyntaxTrees(atEnd.SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), features)));
        Assert.Empty(atEnd.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var coldStarts = (await BuildDiagnosticsAsync(atEnd)).Where(d => d.Id == "LLM005").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(coldStarts, m => m.Contains("acme::Chat1", StringComparison.Ordinal));
        Assert.Contains(coldStarts, m => m.Contains("acme::Part2", StringComparison.Ordinal));
        Assert.Contains(coldStarts, m => m.Contains("acme::Gen4", StringComparison.Ordinal));
        Assert.DoesNotContain(coldStarts, m => m.Contains("acme::Paren3", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task A_concurrent_build_gives_the_sequential_build_diagnostics_every_time(string project)
    {
        // Callbacks on several threads share the compilation's analysis: the task index is read by every thread that
        // asks for it before it exists, summaries and trees are computed by whichever thread comes first. Each run
        // parses the sources again: a copy of the same compilation would reuse the first run's analysis.
        var compilation = AnalyzerRunner.Compile(SourcesOf(project));
        var sequential = (await compilation.WithAnalyzers(Analyzer, new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync()).Select(Describe).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(sequential);
        for (int run = 0; run < 8; run++)
        {
            var concurrent = await AnalyzerRunner.Compile(SourcesOf(project)).WithAnalyzers(Analyzer, new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
                .GetAnalyzerDiagnosticsAsync();
            Assert.DoesNotContain(concurrent, d => d.Id == "AD0001");
            Assert.Equal(sequential, concurrent.Select(Describe).Order(StringComparer.Ordinal).ToList());
        }
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task Documents_analyzed_on_copies_of_one_compilation_share_its_analysis_and_get_the_build_diagnostics(string project)
    {
        // An editor analyzes each document on a copy of the project's compilation (same trees, new symbols): the
        // copies share one analysis, mapped to each copy's declarations through their syntax.
        var build = await BuildDiagnosticsAsync(AnalyzerRunner.Compile(SourcesOf(project)));
        var compilation = AnalyzerRunner.Compile(SourcesOf(project));
        var live = new List<string>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var copy = compilation.Clone();
            live.AddRange((await DocumentDiagnosticsAsync(copy.WithAnalyzers(Analyzer), copy, tree)).Select(Describe));
        }

        Assert.Equal(build.Where(IsLive).Select(Describe).Order(StringComparer.Ordinal), live.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_copy_of_a_compilation_reuses_its_analysis_and_an_edit_or_other_settings_do_not()
    {
        var compilation = AnalyzerRunner.Compile(LiveProject.Files);
        var options = new AnalyzerOptions([]);
        int created = 0;
        TaskAnalysisSession Create(Compilation c, AnalyzerOptions o) { created++; return new TaskAnalysisSession(c, CallSiteCatalog.Create(c, []), o, MeasuredAvailability.None, t => c.GetSemanticModel(t)); }

        var first = SessionReuse.GetOrCreate(compilation, options, () => Create(compilation, options));
        var copy = compilation.Clone();
        Assert.Same(first, SessionReuse.GetOrCreate(copy, options, () => Create(copy, options)));

        // An editor makes new option objects for every snapshot: options that say the same share the analysis, a
        // different setting of this analyzer does not.
        var sameSettings = new AnalyzerOptions([], new AnalyzerRunner.GlobalConfigOptionsProvider("dotnet_diagnostic.CA1000.severity = none"));
        Assert.Same(first, SessionReuse.GetOrCreate(copy, sameSettings, () => Create(copy, sameSettings)));
        var otherSettings = new AnalyzerOptions([], new AnalyzerRunner.GlobalConfigOptionsProvider("llm_call_analyzers.call_availability = 0.99"));
        var other = SessionReuse.GetOrCreate(copy, otherSettings, () => Create(copy, otherSettings));
        Assert.NotSame(first, other);
        var otherAgain = new AnalyzerOptions([], new AnalyzerRunner.GlobalConfigOptionsProvider("llm_call_analyzers.call_availability = 0.99"));
        Assert.Same(other, SessionReuse.GetOrCreate(copy.Clone(), otherAgain, () => Create(copy, otherAgain)));

        // An edit outside a method body (here a comment after the last type) is analyzed anew.
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(), compilation.SyntaxTrees.Last().WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(LiveProject.Files[^1] + "\n// edited\n")));
        Assert.NotSame(first, SessionReuse.GetOrCreate(edited, options, () => Create(edited, options)));
        Assert.Equal(3, created);

        // A declaration of the copy maps to the shared session's symbol for the same syntax.
        var method = copy.GetSymbolsWithName("AnswerAsync", SymbolFilter.Member).OfType<IMethodSymbol>().First();
        var mapped = first.OwnerFor(method, copy, CancellationToken.None);
        Assert.NotNull(mapped);
        Assert.NotSame(method, mapped);
        Assert.Same(compilation.Assembly, mapped!.ContainingAssembly);
        Assert.Equal(method.ToDisplayString(), mapped.ToDisplayString());
    }

    internal static string[] SourcesOf(string project) => project switch
    {
        "agent project" => LiveProject.Files,
        "member assignments" => MemberAssignmentsProject.Files,
        "package consumer" => Directory.GetFiles(Path.Combine(RepositoryRoot(), "tests", "package-tests", "analyzer-consumer"), "*.cs").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(project)),
    };

    private static async Task<ImmutableArray<Diagnostic>> BuildDiagnosticsAsync(Compilation compilation)
    {
        var diagnostics = await compilation.WithAnalyzers(Analyzer).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    private static async Task<List<string>> AllDocumentsAsync(Compilation compilation, IEnumerable<SyntaxTree> order)
    {
        // One analysis shared by the documents, as an editor keeps one per project snapshot (each document's analysis
        // runs on a copy of the compilation; the copies share one session).
        var analysis = compilation.WithAnalyzers(Analyzer);
        var result = new List<string>();
        foreach (var tree in order)
        {
            result.AddRange((await DocumentDiagnosticsAsync(analysis, compilation, tree)).Select(Describe));
        }

        return result;
    }

    private static async Task<IEnumerable<Diagnostic>> DocumentDiagnosticsAsync(CompilationWithAnalyzers analysis, Compilation compilation, SyntaxTree tree)
    {
        var syntax = await analysis.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None);
        var semantic = await analysis.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, CancellationToken.None);
        Assert.DoesNotContain(semantic, d => d.Id == "AD0001");
        return syntax.Concat(semantic);
    }

    private static bool IsLive(Diagnostic diagnostic) => LiveRules.Contains(diagnostic.Id);

    private static string Describe(Diagnostic d)
    {
        // The related locations (the calls and loops behind LLM002–LLM005), in order: the same both ways too.
        return $"{d.Id} {Place(d.Location)} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"
            + (d.AdditionalLocations.Count == 0 ? string.Empty : " related: " + string.Join(", ", d.AdditionalLocations.Select(Place)));

        static string Place(Location location)
        {
            var span = location.GetLineSpan();
            return $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LlmCallAnalyzers.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("LlmCallAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
