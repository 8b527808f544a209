using System.Collections.Concurrent;
using System.Collections.Immutable;
using LlmCallAnalyzers.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs every analyzer and the generator of the package over a compilation the way the IDE does
/// (CompilationWithAnalyzers), collecting analyzer exceptions instead of letting them become AD0001 noise.
/// Used for broken, half-typed and mutated code and for very large call graphs.
/// </summary>
internal static class AnalyzerRunner
{
    public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(LlmTaskAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(params string[] sources)
        => CSharpCompilation.Create(
            "Subject",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"/src/File{i}.cs")),
            SdkReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions)> RunAsync(Compilation compilation, string? globalConfig = null)
    {
        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new GlobalConfigOptionsProvider(globalConfig)),
            onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync();
        foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
        {
            exceptions.Enqueue(new InvalidOperationException(diagnostic.GetMessage()));
        }

        // The estimate generator runs on the same (possibly broken) compilation.
        var driver = CreateGeneratorDriver(emitEstimates: true).RunGenerators(compilation);
        foreach (var result in driver.GetRunResult().Results)
        {
            if (result.Exception is not null)
            {
                exceptions.Enqueue(result.Exception);
            }
        }

        return (diagnostics, exceptions.ToList());
    }

    /// <summary>
    /// A driver for the estimate generator, with <c>LlmCallAnalyzersEmitEstimates</c> set or left unset; with
    /// <paramref name="trackSteps"/>, it records each pipeline step's run (inputs, outputs, and why it ran).
    /// </summary>
    public static GeneratorDriver CreateGeneratorDriver(bool? emitEstimates, bool trackSteps = false)
        => CSharpGeneratorDriver.Create(
            new[] { new LlmTaskEstimateGenerator().AsSourceGenerator() },
            optionsProvider: new GlobalConfigOptionsProvider(emitEstimates is bool on ? $"build_property.LlmCallAnalyzersEmitEstimates = {(on ? "true" : "false")}" : null),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    internal sealed class GlobalConfigOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly DictionaryOptions _options;

        public GlobalConfigOptionsProvider(string? config)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in (config ?? string.Empty).Split('\n'))
            {
                int eq = line.IndexOf('=');
                if (eq > 0)
                {
                    values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
                }
            }

            _options = new DictionaryOptions(values);
        }

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;
    }

    private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);

        public override IEnumerable<string> Keys => values.Keys;
    }
}
