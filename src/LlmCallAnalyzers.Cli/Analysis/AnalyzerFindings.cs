using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Cli.Analysis;

/// <summary>
/// The analyzer's own diagnostics for a project — what <c>dotnet build</c> reports, with the same IDs, messages and
/// locations — for the outputs that must agree with the build (SARIF).
/// </summary>
public static class AnalyzerFindings
{
    /// <summary>The analyzer's rules: one descriptor per ID (the first, where two share one).</summary>
    public static IReadOnlyList<DiagnosticDescriptor> Rules { get; } = new LlmTaskAnalyzer().SupportedDiagnostics
        .GroupBy(d => d.Id)
        .Select(g => g.First())
        .OrderBy(d => d.Id, System.StringComparer.Ordinal)
        .ToList();

    /// <summary>Runs <see cref="LlmTaskAnalyzer"/> over <paramref name="compilation"/> with the project's options.</summary>
    /// <returns>The diagnostics the build would report (severity from the project's configuration), ordered by place.</returns>
    public static async Task<IReadOnlyList<Diagnostic>> RunAsync(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new LlmTaskAnalyzer());
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        return diagnostics
            .Where(d => d.Severity != DiagnosticSeverity.Hidden && !d.IsSuppressed)
            .OrderBy(d => d.Location.GetLineSpan().Path, System.StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, System.StringComparer.Ordinal)
            .ToList();
    }
}
