using System.Collections.Immutable;
using System.Diagnostics;
using LlmCallAnalyzers.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

/// <summary>
/// The estimate generator's whole pipeline on rebuilds, through a <see cref="GeneratorDriver"/> kept between runs as the
/// compiler server keeps it: a first run, then one-line helper edits with every file parsed anew each run. Prints each
/// run's time and, for one more rebuild with the driver's step tracking on, the time and outcome of each step (where a
/// rebuild's time goes: finding the roots, the estimates, the output).
/// </summary>
internal static class GeneratorPipeline
{
    public static int Run(IReadOnlyList<SyntaxTree> trees, ImmutableArray<MetadataReference> references, int iterations)
    {
        if (HelperEditCorpus.From(trees, references) is not { } corpus)
        {
            return 2;
        }

        Compilation Rebuild()
        {
            corpus.EditHelper();
            return corpus.Build();
        }

        Console.WriteLine($"== the estimate generator's pipeline on rebuilds: {corpus.Files} files; a one-line edit in {corpus.HelperFile} before each rebuild; {Environment.ProcessorCount} cores");
        var driver = Driver(trackSteps: false);
        var (first, firstMs) = Timed(driver, corpus.Build());
        driver = first;
        var rebuilds = new List<double>();
        for (int i = 0; i < iterations; i++)
        {
            (driver, double ms) = Timed(driver, Rebuild());
            rebuilds.Add(ms);
        }

        Console.WriteLine($"first run {firstMs:F0} ms; rebuilds {string.Join(" / ", rebuilds.Select(ms => ms.ToString("F0")))} ms (median {rebuilds.Order().ElementAt(rebuilds.Count / 2):F0})");

        // One more first run and rebuild with the steps tracked (tracking costs time of its own: read the shares, not the sum).
        var tracked = Driver(trackSteps: true).RunGenerators(corpus.Build()).RunGenerators(Rebuild());
        var result = tracked.GetRunResult().Results[0];
        if (result.Exception is not null)
        {
            Console.WriteLine($"FAIL generator-pipeline: {result.Exception.Message}");
            return 1;
        }

        Console.WriteLine("| step (one tracked rebuild) | runs | ms | outputs |");
        Console.WriteLine("| --- | ---: | ---: | --- |");
        foreach (var (name, steps) in result.TrackedSteps.Where(p => char.IsUpper(p.Key[0])).OrderByDescending(p => p.Value.Sum(s => s.ElapsedTime.TotalMilliseconds)))
        {
            string outputs = string.Join(", ", steps.SelectMany(s => s.Outputs).GroupBy(o => o.Reason).Select(g => $"{g.Count()} {g.Key}"));
            Console.WriteLine($"| {name} | {steps.Length} | {steps.Sum(s => s.ElapsedTime.TotalMilliseconds):F1} | {outputs} |");
        }

        Console.WriteLine("PASS generator-pipeline");
        return 0;
    }

    private static GeneratorDriver Driver(bool trackSteps)
        => CSharpGeneratorDriver.Create(new[] { new LlmTaskEstimateGenerator().AsSourceGenerator() },
            optionsProvider: new EmitEstimates(), driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackSteps));

    private static (GeneratorDriver Driver, double Ms) Timed(GeneratorDriver driver, Compilation compilation)
    {
        var watch = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        double ms = watch.Elapsed.TotalMilliseconds;
        if (driver.GetRunResult().Results[0].Exception is { } exception)
        {
            throw new InvalidOperationException("the generator failed", exception);
        }

        return (driver, ms);
    }

    /// <summary><c>LlmCallAnalyzersEmitEstimates=true</c>, as in a project that references the runtime.</summary>
    private sealed class EmitEstimates : AnalyzerConfigOptionsProvider
    {
        private static readonly Values Global = new();

        public override AnalyzerConfigOptions GlobalOptions => Global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Global;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Global;
    }

    private sealed class Values : AnalyzerConfigOptions
    {
        private const string Key = "build_property.LlmCallAnalyzersEmitEstimates";

        public override IEnumerable<string> Keys => [Key];

        public override bool TryGetValue(string key, out string value)
        {
            value = "true";
            return key == Key;
        }
    }
}
