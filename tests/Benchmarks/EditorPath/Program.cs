// The editor-path benchmark. Usage: EditorPath --corpus DIR [--iterations N] [--whole [--live] [--only idle|ours]]
// DIR holds the synthetic agent codebase of tests/Benchmarks/AnalyzerCost (M0000.cs …). Prints, for a one-line edit
// to a task-root document (a new compilation with one tree changed, as after a keystroke): the time to get the
// document's LlmCallAnalyzers diagnostics alone and the compiler's own semantic diagnostics for it, each on a new
// compilation (median and p95 over N edits); then one whole-compilation analysis against all documents analyzed one by
// one, and checks that both give the same LLM001–LLM005 diagnostics. Exit 1 when a target is missed or they differ.
// With --whole: the build path in one process instead — N times each, on a new compilation: the compiler's diagnostics
// alone, the compiler plus an operation analyzer that does nothing (what any operation analyzer, NetAnalyzers included,
// makes the driver bind), and the compiler plus LlmCallAnalyzers; prints medians and LlmCallAnalyzers' marginal share,
// and per analysis its allocations and GC pauses. --only runs one configuration, for a profiler or /usr/bin/time.
// The build path is analyzed as a command-line build with the package analyzes (reporting at compilation end, the
// compiler feature its build targets set); --live analyzes it the way an editor's full-solution analysis would.
// With --rebuild: the estimate generator's rebuild path (RebuildPath.cs) — estimates carried over one-line helper edits
// against a new analysis, every file parsed anew per build as the compiler server's builds do, and the memory kept.
// With --pipeline: the generator's whole pipeline on such rebuilds (GeneratorPipeline.cs), its time and each step's.
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

string? corpus = null;
int iterations = 15;
bool wholeCompilation = false;
bool liveInBuild = false;
bool rebuild = false;
bool pipeline = false;
string? only = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--corpus" when i + 1 < args.Length:
            corpus = args[++i];
            break;
        case "--iterations" when i + 1 < args.Length:
            iterations = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--whole":
            wholeCompilation = true;
            break;
        case "--live":
            liveInBuild = true;
            break;
        case "--pipeline":
            pipeline = true;
            break;
        case "--rebuild":
            rebuild = true;
            break;
        case "--only" when i + 1 < args.Length && args[i + 1] is "idle" or "ours":
            only = args[++i];
            break;
        default:
            Console.Error.WriteLine("usage: EditorPath --corpus DIR [--iterations N] [--whole [--live] [--only idle|ours] | --rebuild | --pipeline]");
            return 2;
    }
}

if (corpus is null || !Directory.Exists(corpus))
{
    Console.Error.WriteLine("editor-path: --corpus DIR (a folder of generated modules) is required");
    return 2;
}

var parse = new CSharpParseOptions(LanguageVersion.Latest);
var trees = Directory.GetFiles(corpus, "*.cs").Order(StringComparer.Ordinal)
    .Select(path => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(path)), parse, path))
    .ToList();
var baseline = CSharpCompilation.Create("Agents", trees, References.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
ImmutableArray<DiagnosticAnalyzer> analyzers = [new LlmTaskAnalyzer(), new AttributeArgumentAnalyzer()];
if (pipeline)
{
    return GeneratorPipeline.Run(trees, References.All, iterations);
}

if (rebuild)
{
    return RebuildPath.Run(trees, References.All, iterations);
}

if (wholeCompilation)
{
    var asBuilt = liveInBuild ? baseline : baseline.RemoveAllSyntaxTrees().AddSyntaxTrees(trees.Select(t => t.WithRootAndOptions(t.GetRoot(), parse.WithFeatures([new(ReportingTime.Feature, ReportingTime.CompilationEnd)]))));
    return await WholeCompilation.RunAsync(asBuilt, analyzers, iterations, only);
}

// The task-root document: the middle module (a [TaskSlo] research task reaching other files, cycles and dispatch).
var root = trees[trees.Count / 2];
string text = root.GetText().ToString();
// Two one-line edits, each an incremental reparse as the editor does. In the research task's body (what typing in a
// method does): a topic of its prompt changes. In a constant outside any body: the system prompt's word limit.
const string BodyMarker = "\"pricing\"";
const string ConstantMarker = "Answer in at most";
int bodyAt = text.IndexOf(BodyMarker, StringComparison.Ordinal), constantAt = text.IndexOf(ConstantMarker, StringComparison.Ordinal);
if (bodyAt < 0 || constantAt < 0)
{
    Console.Error.WriteLine($"editor-path: '{BodyMarker}' or '{ConstantMarker}' not found in {root.FilePath}; is this the AnalyzerCost codebase?");
    return 2;
}

Console.WriteLine($"== {trees.Count} files; edited document {Path.GetFileName(root.FilePath)}; {iterations} edits of each kind; {Environment.ProcessorCount} cores; load {Load()}");

var (bodyCompiler, bodyAnalyzer, documentDiagnostics, lastBodyEdit) = await EditsAsync(edit => new TextChange(new TextSpan(bodyAt, BodyMarker.Length), "\"pricing " + edit + "\""));
var (constantCompiler, constantAnalyzer, _, _) = await EditsAsync(edit => new TextChange(new TextSpan(constantAt, ConstantMarker.Length), "Answer in at most " + (edit + 3) + " words, at most"));

double compilerMedian = Percentile(bodyCompiler, 0.5), analyzerMedian = Percentile(bodyAnalyzer, 0.5);
Console.WriteLine("| one document after an edit | median (ms) | p95 (ms) |");
Console.WriteLine("| --- | ---: | ---: |");
Console.WriteLine($"| compiler semantic diagnostics, edit in a method body | {compilerMedian:F0} | {Percentile(bodyCompiler, 0.95):F0} |");
Console.WriteLine($"| LlmCallAnalyzers diagnostics ({documentDiagnostics} in the document), edit in a method body | {analyzerMedian:F0} | {Percentile(bodyAnalyzer, 0.95):F0} |");
Console.WriteLine($"| compiler semantic diagnostics, edit of a constant | {Percentile(constantCompiler, 0.5):F0} | {Percentile(constantCompiler, 0.95):F0} |");
Console.WriteLine($"| LlmCallAnalyzers diagnostics, edit of a constant | {Percentile(constantAnalyzer, 0.5):F0} | {Percentile(constantAnalyzer, 0.95):F0} |");
double ratio = analyzerMedian / compilerMedian;
Console.WriteLine($"ratio of medians, edit in a method body: {ratio:F2}× (target ≤ 3×); edit of a constant: {Percentile(constantAnalyzer, 0.5) / Percentile(constantCompiler, 0.5):F2}× (analyzed anew, no target)");

// The edited document's diagnostics after the last body edit (an analysis carried over from the one before) against a
// new analysis of the same text.
var carried = (await DocumentAsync(lastBodyEdit.Compilation, lastBodyEdit.Tree)).Select(Describe).Order(StringComparer.Ordinal).ToList();
var anew = Reparsed(lastBodyEdit.Compilation);
var anewTree = anew.SyntaxTrees.Single(t => t.FilePath == lastBodyEdit.Tree.FilePath);
var fresh = (await DocumentAsync(anew, anewTree)).Select(Describe).Order(StringComparer.Ordinal).ToList();
bool sameAfterEdit = carried.SequenceEqual(fresh);
Console.WriteLine($"after the last body edit: {carried.Count} diagnostics in the document, a new analysis gives {fresh.Count}: {(sameAfterEdit ? "the same" : "DIFFERENT")}");

async Task<(List<double> Compiler, List<double> Analyzer, int Diagnostics, (Compilation Compilation, SyntaxTree Tree) Last)> EditsAsync(Func<int, TextChange> change)
{
    var compiler = new List<double>();
    var analyzer = new List<double>();
    int diagnostics = 0;
    (Compilation, SyntaxTree) last = default;
    var current = baseline;
    var tree = root;
    for (int edit = -2; edit < iterations; edit++) // two warm-up edits (JIT), not recorded
    {
        // Each edit makes a new compilation from the one before, as keystrokes do (the text: the original with one change).
        var edited = tree.WithChangedText(root.GetText().WithChanges(change(edit)));

        var forCompiler = current.ReplaceSyntaxTree(tree, edited);
        var watch = Stopwatch.StartNew();
        _ = forCompiler.GetSemanticModel(edited).GetDiagnostics();
        double compilerMs = watch.Elapsed.TotalMilliseconds;

        var forAnalyzer = current.ReplaceSyntaxTree(tree, edited);
        watch.Restart();
        var found = await DocumentAsync(forAnalyzer, edited);
        double analyzerMs = watch.Elapsed.TotalMilliseconds;

        if (edit >= 0)
        {
            compiler.Add(compilerMs);
            analyzer.Add(analyzerMs);
            diagnostics = found.Count(d => d.Id.StartsWith("LLM", StringComparison.Ordinal));
        }

        (current, tree, last) = (forAnalyzer, edited, (forAnalyzer, edited));
    }

    return (compiler, analyzer, diagnostics, last);
}

async Task<ImmutableArray<Diagnostic>> DocumentAsync(Compilation compilation, SyntaxTree document)
{
    var analysis = compilation.WithAnalyzers(analyzers);
    return (await analysis.GetAnalyzerSyntaxDiagnosticsAsync(document, CancellationToken.None))
        .AddRange(await analysis.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(document), null, CancellationToken.None));
}

// All documents one by one (one analysis shared, as an editor keeps one per project snapshot) against one
// whole-compilation analysis (what a build runs), each on a new compilation.
// New trees for each analysis: a compilation with the same tree objects would reuse the earlier analysis (as an
// editor's copies of one compilation do), and measure nothing.
var whole = Reparsed(baseline).WithAnalyzers(analyzers);
var watchAll = Stopwatch.StartNew();
var build = await whole.GetAnalyzerDiagnosticsAsync();
double buildMs = watchAll.Elapsed.TotalMilliseconds;

var perDocumentCompilation = Reparsed(baseline);
var perDocument = perDocumentCompilation.WithAnalyzers(analyzers);
var live = new List<Diagnostic>();
watchAll.Restart();
foreach (var tree in perDocumentCompilation.SyntaxTrees)
{
    live.AddRange(await perDocument.GetAnalyzerSemanticDiagnosticsAsync(perDocumentCompilation.GetSemanticModel(tree), null, CancellationToken.None));
}

double documentsMs = watchAll.Elapsed.TotalMilliseconds;
double allRatio = documentsMs / buildMs;
Console.WriteLine($"whole compilation: {buildMs:F0} ms ({build.Length} diagnostics); every document one by one: {documentsMs:F0} ms; ratio {allRatio:F2}× (target ≤ 2×)");

string[] liveRules = ["LLM001", "LLM002", "LLM003", "LLM004", "LLM005"];
var expected = build.Where(d => liveRules.Contains(d.Id)).Select(Describe).Order(StringComparer.Ordinal).ToList();
var actual = live.Where(d => liveRules.Contains(d.Id)).Select(Describe).Order(StringComparer.Ordinal).ToList();
bool same = expected.SequenceEqual(actual);
Console.WriteLine($"LLM001–LLM005: {expected.Count} in the whole-compilation analysis, {actual.Count} from the documents one by one: {(same ? "the same" : "DIFFERENT")}");

bool met = ratio <= 3 && allRatio <= 2 && same && sameAfterEdit && documentDiagnostics > 0;
Console.WriteLine(met ? "PASS editor-path" : "FAIL editor-path");
return met ? 0 : 1;

static Compilation Reparsed(Compilation compilation)
    => compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), (CSharpParseOptions)t.Options, t.FilePath)));

static string Describe(Diagnostic d) => d.Id + " " + d.Location.GetLineSpan() + " " + d.GetMessage(CultureInfo.InvariantCulture);

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

/// <summary>The .NET 10 reference assemblies, Microsoft.Extensions.AI, Polly and the LlmCallAnalyzers attributes.</summary>
internal static class References
{
    public static ImmutableArray<MetadataReference> All { get; } = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        _ = typeof(Microsoft.Extensions.AI.IChatClient);
        _ = typeof(Polly.ResiliencePipeline);
        _ = typeof(LlmCallAnalyzers.TaskSloAttribute);
        string[] prefixes = ["Microsoft.Extensions.AI", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Caching.Abstractions", "Polly.", "LlmCallAnalyzers.Attributes", "Microsoft.Bcl.TimeProvider", "System.Memory.Data"];
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        builder.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        foreach (var dll in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(dll);
            if (prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            {
                builder.Add(MetadataReference.CreateFromFile(dll));
            }
        }

        return builder.ToImmutable();
    }
}
