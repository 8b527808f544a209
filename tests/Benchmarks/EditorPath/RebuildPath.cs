using System.Collections.Immutable;
using System.Diagnostics;
using LlmCallAnalyzers.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

/// <summary>
/// The estimate generator's rebuild path in one process, as the compiler server runs it: the estimates of every task
/// computed anew (a first build), the analysis kept, then one-line edits in a helper's body, each build's files all
/// parsed anew, the estimates carried over from the kept analysis against a new analysis of the same text. Also what
/// the kept analysis holds in memory: the managed heap after a full collection with it and without it.
/// </summary>
internal static class RebuildPath
{
    public static int Run(IReadOnlyList<SyntaxTree> trees, ImmutableArray<MetadataReference> references, int iterations)
    {
        if (HelperEditCorpus.From(trees, references) is not { } corpus)
        {
            return 2;
        }

        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        // Warm-up (JIT) on a session nobody keeps, then the heap before anything is kept.
        _ = Estimates(corpus.Build(), options, rebuilds: null);
        long before = HeapAfterFullCollection();
        var rebuilds = new RebuildSessions();
        double firstMs = Estimates(corpus.Build(), options, rebuilds).Ms;
        long kept = HeapAfterFullCollection() - before;

        var carried = new List<double>();
        var anew = new List<double>();
        bool same = true;
        int derivedBefore = rebuilds.Derived;
        for (int edit = 0; edit < iterations; edit++)
        {
            corpus.EditHelper();
            var (carriedText, carriedMs) = Estimates(corpus.Build(), options, rebuilds);
            carried.Add(carriedMs);
            var (anewText, anewMs) = Estimates(corpus.Build(), options, rebuilds: null);
            anew.Add(anewMs);
            same &= string.Equals(carriedText, anewText, StringComparison.Ordinal);
        }

        int derived = rebuilds.Derived - derivedBefore;
        Console.WriteLine($"== the estimate generator's rebuild path: {corpus.Files} files; {iterations} one-line edits in a helper's body ({corpus.HelperFile}); {Environment.ProcessorCount} cores");
        Console.WriteLine("| estimates of every task | median (ms) | p95 (ms) |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine($"| first build (analyzed anew, kept) | {firstMs:F0} | |");
        Console.WriteLine($"| rebuild after the edit, carried over ({derived} of {iterations}) | {Median(carried):F0} | {P95(carried):F0} |");
        Console.WriteLine($"| rebuild after the edit, analyzed anew | {Median(anew):F0} | {P95(anew):F0} |");
        Console.WriteLine($"memory the kept analysis holds (managed heap after a full collection): {kept / (1024.0 * 1024.0):F0} MB");
        Console.WriteLine($"carried-over estimates against new ones: {(same ? "the same, byte for byte" : "DIFFERENT")}");
        bool ok = same && derived == iterations;
        Console.WriteLine(ok ? "PASS rebuild-path" : "FAIL rebuild-path");
        GC.KeepAlive(rebuilds);
        return ok ? 0 : 1;
    }

    /// <summary>
    /// The generated file's text for every task root, timed as the generator's own work: the roots are found first, by
    /// name from the declarations, as the generator's pipeline finds them (incrementally, before it computes).
    /// </summary>
    private static (string Text, double Ms) Estimates(Compilation compilation, AnalyzerOptions options, RebuildSessions? rebuilds)
    {
        var roots = TaskRootCandidates.Merge(compilation.SyntaxTrees.Select(t => TaskRootCandidates.Find(t, CancellationToken.None)).ToImmutableArray()).Roots;
        var watch = Stopwatch.StartNew();
        var lines = TaskRootEstimates.Compute(compilation, options, roots, SemanticModelSummaries.ModelsOf(compilation), CancellationToken.None, rebuilds);
        double ms = watch.Elapsed.TotalMilliseconds;
        return (string.Concat(roots.SelectMany(r => lines.TryGetValue(r, out var l) ? l.Lines : ImmutableArray<TaskEstimateLine>.Empty).Select(l => l.Line + "\n")), ms);
    }

    private static long HeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double P95(List<double> values) => values.Order().ElementAt(Math.Clamp((int)Math.Ceiling(0.95 * values.Count) - 1, 0, values.Count - 1));
}
