using System.Collections.Immutable;
using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// The estimates the generator embeds are byte for byte those of the recorded baselines (Baselines/*.g.cs.txt), on the
/// research agent sample and on the analyzer-cost benchmark's codebase (40 files, as
/// <c>dotnet run --project tests/Benchmarks/AnalyzerCost -- --files 40</c> writes it). A change to how the generator
/// finds or walks its tasks must not change one figure; a change that means to change figures updates the baseline
/// with the file this test writes next to the failure message.
/// </summary>
public class EstimateBaselineTests
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    [Fact]
    public void The_research_agent_sample_gets_the_recorded_estimates()
    {
        string sample = Path.Combine(RepositoryRoot(), "docs", "samples", "ResearchAgent");
        var trees = Directory.EnumerateFiles(sample, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), ParseOptions, path: f));
        var references = SdkReferences.All
            .Add(MetadataReference.CreateFromFile(typeof(Runtime.LlmTask).Assembly.Location))
            .Add(MetadataReference.CreateFromFile(typeof(OpenTelemetry.Sdk).Assembly.Location))
            .Add(MetadataReference.CreateFromFile(typeof(OpenTelemetry.Trace.TracerProviderBuilder).Assembly.Location))
            .Add(MetadataReference.CreateFromFile(typeof(OpenTelemetry.Exporter.PrometheusHttpListenerOptions).Assembly.Location));
        var compilation = CSharpCompilation.Create("ResearchAgent", trees, references, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        AssertMatchesBaseline(compilation, "ResearchAgent.LlmTaskEstimates.g.cs.txt");
    }

    [Fact]
    public void The_benchmark_codebase_gets_the_recorded_estimates()
    {
        const int files = 40;
        var trees = Enumerable.Range(0, files)
            .Select(k => CSharpSyntaxTree.ParseText(AgentModule.Write(k, files), ParseOptions, path: $"/src/{AgentModule.Id(k)}.cs"));
        var compilation = CSharpCompilation.Create("Agents", trees, SdkReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        AssertMatchesBaseline(compilation, "AnalyzerCost40.LlmTaskEstimates.g.cs.txt");
    }

    private static void AssertMatchesBaseline(CSharpCompilation compilation, string baselineName)
    {
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var driver = AnalyzerRunner.CreateGeneratorDriver(emitEstimates: true).RunGenerators(compilation);
        var result = driver.GetRunResult();
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        string actual = Assert.Single(result.GeneratedTrees).GetText().ToString();
        string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Baselines", baselineName));
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            string written = Path.Combine(Path.GetTempPath(), baselineName);
            File.WriteAllText(written, actual);
            Assert.Fail($"The generated estimates differ from Baselines/{baselineName}; the generator's output is in {written}.");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LlmCallAnalyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("LlmCallAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
