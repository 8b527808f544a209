using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

/// <summary>
/// The build path in one process: what LlmCallAnalyzers adds to the compiler plus the driver's own binding for
/// operation analyzers (which a build pays anyway for NetAnalyzers), each measured on a new compilation.
/// </summary>
internal static class WholeCompilation
{
    /// <param name="only">"idle" or "ours": run that configuration alone (to profile it, or to read its CPU time with /usr/bin/time).</param>
    public static async Task<int> RunAsync(Compilation baseline, ImmutableArray<DiagnosticAnalyzer> analyzers, int iterations, string? only)
    {
        ImmutableArray<DiagnosticAnalyzer> idle = [new IdleOperationAnalyzer()];
        var compiler = new List<double>();
        var withIdle = new List<double>();
        var withOurs = new List<double>();
        int found = 0;
        for (int round = -1; round < iterations; round++) // one warm-up round (JIT), not recorded
        {
            if (only is not null)
            {
                _ = await AnalyzeAsync(baseline, only == "idle" ? idle : analyzers);
                continue;
            }

            var forCompiler = Reparsed(baseline);
            var watch = Stopwatch.StartNew();
            _ = forCompiler.GetDiagnostics();
            double c = watch.Elapsed.TotalMilliseconds;

            double idleMs = (await AnalyzeAsync(baseline, idle)).Elapsed;
            var ours = await AnalyzeAsync(baseline, analyzers);
            if (round >= 0)
            {
                compiler.Add(c);
                withIdle.Add(idleMs);
                withOurs.Add(ours.Elapsed);
                found = ours.Diagnostics;
            }

            Console.WriteLine($"round {round}: compiler {c:F0} ms; + idle operation analyzer {idleMs:F0} ms; + LlmCallAnalyzers {ours.Elapsed:F0} ms ({ours.Diagnostics} diagnostics)");
        }

        if (only is not null)
        {
            return 0;
        }

        double idleMedian = Median(withIdle), oursMedian = Median(withOurs);
        Console.WriteLine("| whole compilation | median (ms) |");
        Console.WriteLine("| --- | ---: |");
        Console.WriteLine($"| compiler diagnostics | {Median(compiler):F0} |");
        Console.WriteLine($"| + an idle operation analyzer | {idleMedian:F0} |");
        Console.WriteLine($"| + LlmCallAnalyzers ({found} diagnostics) | {oursMedian:F0} |");
        Console.WriteLine($"LlmCallAnalyzers marginal: {oursMedian - idleMedian:F0} ms = {100 * (oursMedian - idleMedian) / idleMedian:F1} % of the compiler with an operation analyzer");
        return 0;
    }

    private static async Task<(double Elapsed, int Diagnostics)> AnalyzeAsync(Compilation baseline, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        long allocated = GC.GetTotalAllocatedBytes(), gen2 = GC.CollectionCount(2);
        var pause = GC.GetTotalPauseDuration();
        var compilation = Reparsed(baseline);
        var watch = Stopwatch.StartNew();
        var analysis = compilation.WithAnalyzers(analyzers, options);
        var diagnostics = await analysis.GetAllDiagnosticsAsync();
        double elapsed = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine($"  {string.Join(", ", analyzers.Select(a => a.GetType().Name))}: {elapsed:F0} ms, allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1e6:F0} MB, gen2 GCs {GC.CollectionCount(2) - gen2}, GC pauses {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms");
        return (elapsed, diagnostics.Count(d => d.Id.StartsWith("LLM", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The compilation with its trees parsed again: LlmCallAnalyzers shares its analysis between compilations with the
    /// same tree objects (an editor's copies of one compilation), which would make every round after the first free.
    /// </summary>
    private static Compilation Reparsed(Compilation compilation)
        => compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), (CSharpParseOptions)t.Options, t.FilePath)));

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>Registers an operation-block action that does nothing: the driver binds every body for it.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class IdleOperationAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("IDLE001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Never];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationBlockAction(_ => { });
        }
    }
}
