using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LlmCallAnalyzers.Analyzers.Tests.Live;

/// <summary>
/// Typing in a method body: each keystroke makes a new compilation with one tree changed, and the analysis of the
/// program before the edit is carried over (only the edited file bound again). Whatever the edit — a statement
/// duplicated, deleted, wrapped in a loop, a bound changed, half-typed code, lines added — the diagnostics must be
/// exactly those a new analysis of the same text gives: same IDs, places, messages, related locations and properties.
/// </summary>
public class EditedProgramTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzer = [new LlmTaskAnalyzer()];

    public static TheoryData<string, int> Edits => new()
    {
        { "agent project", 1 },
        { "agent project", 2 },
        { "agent project", 3 },
        { "member assignments", 4 },
        { "package consumer", 5 },
        { "package consumer", 6 },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task Random_edits_inside_bodies_give_what_a_new_analysis_of_the_same_text_gives(string project, int seed)
    {
        var random = new Random(seed);
        var current = AnalyzerRunner.Compile(LiveAnalysisTests.SourcesOf(project));
        await AllDocumentsAsync(current);
        int derived = 0, edits = 0;
        int document = random.Next(current.SyntaxTrees.Count());
        for (int step = 0; step < 60 && edits < 14; step++)
        {
            if (random.Next(6) == 0 || step % 5 == 4 && edits == 0)
            {
                document = random.Next(current.SyntaxTrees.Count()); // mostly one file at a time, as when typing
            }

            var tree = current.SyntaxTrees.ElementAt(document);
            if (BodyEdits.Next(tree, random) is not { } change)
            {
                continue;
            }

            var edited = current.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().WithChanges(change)));
            var afterEdit = await AllDocumentsAsync(edited);
            var reparsed = Reparsed(edited);
            var fresh = await AllDocumentsAsync(reparsed);
            Assert.Equal(fresh, afterEdit);
            if (step % 4 == 0)
            {
                // The whole program too (what full-solution analysis runs), compilation-end rules (LLM006) included.
                Assert.Equal(await WholeAsync(reparsed), await WholeAsync(edited.Clone()));
            }
            edits++;
            var session = SessionReuse.GetOrCreate(edited, new AnalyzerOptions([]), () => throw new InvalidOperationException("no session kept"));
            output.WriteLine($"File{document}.cs {change.Span} -> '{change.NewText}': {(session.Root is null ? "analyzed anew" : "carried over")}");
            if (session.Root is not null)
            {
                derived++;
                // The carried-over analysis answered for the edited file's declarations itself (none fell back to a new one).
                var editedTree = edited.SyntaxTrees.ElementAt(document);
                var model = edited.GetSemanticModel(editedTree);
                foreach (var method in editedTree.GetRoot().DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
                {
                    var symbol = model.GetDeclaredSymbol(method)!;
                    Assert.NotNull(session.OwnerFor(symbol, edited, CancellationToken.None));
                }
            }

            current = edited;
        }

        Assert.True(edits >= 12, $"only {edits} edits made");
        // Most are carried over; the rest are analyzed anew: an edit that parses the file differently outside the body
        // (these random edits break code harder than typing does), a new assignment to a field.
        Assert.True(derived * 2 >= edits, $"{derived} of {edits} edits analyzed by a derived session");
    }

    [Fact]
    public async Task An_edit_that_adds_a_loop_around_a_call_is_reported_at_once_and_in_the_new_text()
    {
        var sources = LiveProject.Files;
        var compilation = AnalyzerRunner.Compile(sources);
        await AllDocumentsAsync(compilation);
        var tree = compilation.SyntaxTrees.ElementAt(1); // the helpers: SummarizeAsync makes one call
        string text = tree.GetText().ToString();
        int call = text.IndexOf("var response = await _client.GetResponseAsync", StringComparison.Ordinal);
        Assert.True(call > 0);
        var change = new TextChange(new TextSpan(call, 0), "for (int extra = 0; extra < 4; extra++) { await _client.GetResponseAsync(\"again\"); }\n        ");
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().WithChanges(change)));

        var afterEdit = await AllDocumentsAsync(edited);
        Assert.NotNull(SessionReuse.GetOrCreate(edited, new AnalyzerOptions([]), () => throw new InvalidOperationException()).Root);
        Assert.Equal(await AllDocumentsAsync(Reparsed(edited)), afterEdit);
        Assert.Contains(afterEdit, d => d.StartsWith("LLM001 File1.cs(12,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Typing_a_call_into_a_loop_keystroke_by_keystroke_is_carried_over_and_gives_the_new_analysis_answers()
    {
        var compilation = AnalyzerRunner.Compile(LiveProject.Files);
        await AllDocumentsAsync(compilation);
        var tree = compilation.SyntaxTrees.ElementAt(1);
        int at = tree.GetText().ToString().IndexOf("var response = await _client.GetResponseAsync", StringComparison.Ordinal);
        const string Typed = "for (int i = 0; i < 3; i++) await _client.GetResponseAsync(\"more\");\n        ";
        int carried = 0;
        for (int length = 1; length <= Typed.Length; length++)
        {
            // One character more, typed after the ones before (a new compilation from the one before, as an editor makes).
            var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(at + length - 1, 0), Typed[length - 1].ToString()))));
            var afterKeystroke = await AllDocumentsAsync(edited);
            Assert.Equal(await AllDocumentsAsync(Reparsed(edited)), afterKeystroke);
            if (SessionReuse.GetOrCreate(edited, new AnalyzerOptions([]), () => throw new InvalidOperationException()).Root is not null)
            {
                carried++;
            }

            if (length == Typed.Length)
            {
                Assert.Contains(afterKeystroke, d => d.StartsWith("LLM001 File1.cs(12,", StringComparison.Ordinal));
            }

            (compilation, tree) = (edited, edited.SyntaxTrees.ElementAt(1));
        }

        // Then in another file (the research task), without the first file being analyzed anew in between.
        var tasks = compilation.SyntaxTrees.ElementAt(0);
        int inTask = tasks.GetText().ToString().IndexOf("await Task.WhenAll", StringComparison.Ordinal);
        Assert.True(inTask > 0);
        const string More = "await summarizer.SummarizeAsync(question);\n        ";
        for (int length = 1; length <= More.Length; length++)
        {
            var edited = compilation.ReplaceSyntaxTree(tasks, tasks.WithChangedText(tasks.GetText().WithChanges(new TextChange(new TextSpan(inTask + length - 1, 0), More[length - 1].ToString()))));
            Assert.Equal(await AllDocumentsAsync(Reparsed(edited)), await AllDocumentsAsync(edited));
            if (SessionReuse.GetOrCreate(edited, new AnalyzerOptions([]), () => throw new InvalidOperationException()).Root is not null)
            {
                carried++;
            }

            (compilation, tasks) = (edited, edited.SyntaxTrees.ElementAt(0));
        }

        int keystrokes = Typed.Length + More.Length;
        output.WriteLine($"{carried} of {keystrokes} keystrokes carried over");
        Assert.True(carried * 10 >= keystrokes * 9, $"only {carried} of {keystrokes} keystrokes carried over");
    }

    [Fact]
    public async Task An_edit_analyzed_while_the_program_before_it_is_still_being_analyzed_gives_the_new_analysis_answers()
    {
        // An editor may still be analyzing the last snapshot (composing in the session an edit derives from) when the
        // next keystroke's analysis starts.
        for (int run = 0; run < 4; run++)
        {
            var before = AnalyzerRunner.Compile(LiveProject.Files);
            var tasks = before.SyntaxTrees.First();
            _ = await before.WithAnalyzers(Analyzer).GetAnalyzerSemanticDiagnosticsAsync(before.GetSemanticModel(tasks), filterSpan: null, CancellationToken.None);
            var helpers = before.SyntaxTrees.ElementAt(1);
            int at = helpers.GetText().ToString().IndexOf("var response = await _client.GetResponseAsync", StringComparison.Ordinal);
            var edited = before.ReplaceSyntaxTree(helpers, helpers.WithChangedText(helpers.GetText().WithChanges(new TextChange(new TextSpan(at, 0), "for (int i = 0; i < 2; i++) await _client.GetResponseAsync(\"x\");\n        "))));

            var stillAnalyzing = Task.Run(() => WholeAsync(before.Clone()));
            var afterEdit = await AllDocumentsAsync(edited);
            await stillAnalyzing;
            Assert.Equal(await AllDocumentsAsync(Reparsed(edited)), afterEdit);
        }
    }

    [Fact]
    public void Only_edits_inside_bodies_are_body_edits()
    {
        var tree = CSharpSyntaxTree.ParseText("class C\n{\n    int F() { return 1; }\n    int G() => 2;\n    int P { get { return 3; } }\n}\n", path: "/src/C.cs");
        TreeEdit? Edit(string from, string to)
        {
            string text = tree.GetText().ToString();
            int at = text.IndexOf(from, StringComparison.Ordinal);
            return TreeEdit.BodyOnly(tree, tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(at, from.Length), to))), CancellationToken.None);
        }

        Assert.NotNull(Edit("return 1;", "return 1 + 1;"));
        Assert.NotNull(Edit("=> 2", "=> 2 * 3"));
        Assert.NotNull(Edit("return 3;", "\n\n        return 3;"));
        Assert.Null(Edit("int F()", "int H()"));                   // a signature
        Assert.Null(Edit("return 1; }", "return 1; } int K() { return 0; }")); // a new member
        Assert.Null(Edit("return 1;", "return 1; }"));           // a body closed early: the file parses differently
        Assert.Null(Edit("return 1;", "return 1; /*"));           // a comment that swallows the rest
        Assert.Null(Edit("class C", "class D"));

        var edit = Edit("return 1;", "\n\n        return 1;")!;
        string oldText = tree.GetText().ToString();
        int g = oldText.IndexOf("int G", StringComparison.Ordinal);
        Assert.Equal(g + 10, edit.ToNew(g));
        Assert.Equal(g, edit.ToOld(edit.ToNew(g)));

        // Two bodies edited (two methods typed in since the file was last analyzed anew): positions map piecewise.
        var twice = tree.WithChangedText(tree.GetText().WithChanges(
            new TextChange(new TextSpan(oldText.IndexOf("return 1;", StringComparison.Ordinal), 0), "_ = 0; "),
            new TextChange(new TextSpan(oldText.IndexOf("return 3;", StringComparison.Ordinal), 0), "_ = 1; _ = 2; ")));
        var both = TreeEdit.BodyOnly(tree, twice, CancellationToken.None)!;
        Assert.NotNull(both);
        Assert.Equal(g + 7, both.ToNew(g));
        int end = oldText.LastIndexOf('}');
        Assert.Equal(end + 21, both.ToNew(end));
        Assert.Equal(end, both.ToOld(end + 21));
        int p = twice.GetText().ToString().IndexOf("int P", StringComparison.Ordinal);
        Assert.False(both.Touches(new TextSpan(g + 7, 5)));
        Assert.True(both.Touches(twice.GetRoot().FindToken(p).Parent!.Parent!.Span));
    }

    /// <summary>Every document analyzed one by one (as an editor does), each diagnostic described in full.</summary>
    private static async Task<List<string>> AllDocumentsAsync(Compilation compilation)
    {
        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), (e, _, _) => exceptions.Enqueue(e), concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var analysis = compilation.WithAnalyzers(Analyzer, options);
        var result = new List<string>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var found = await analysis.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, CancellationToken.None);
            Assert.All(found, d => Assert.Equal(tree, d.Location.SourceTree));
            result.AddRange(found.Select(Describe));
        }

        Assert.Empty(exceptions);
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private static async Task<List<string>> WholeAsync(Compilation compilation)
    {
        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), (e, _, _) => exceptions.Enqueue(e), concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var found = await compilation.WithAnalyzers(Analyzer, options).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        return found.Select(Describe).Order(StringComparer.Ordinal).ToList();
    }

    private static Compilation Reparsed(Compilation compilation)
        => compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), (CSharpParseOptions)t.Options, t.FilePath)));

    private static string Describe(Diagnostic d)
        => $"{d.Id} {Place(d.Location)} {d.GetMessage(CultureInfo.InvariantCulture)}"
            + (d.AdditionalLocations.Count == 0 ? string.Empty : " related: " + string.Join(", ", d.AdditionalLocations.Select(Place)))
            + (d.Properties.Count == 0 ? string.Empty : " properties: " + string.Join(", ", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)));

    private static string Place(Location location)
    {
        var span = location.GetLineSpan();
        return $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}-{span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})";
    }
}
