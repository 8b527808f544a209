using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers;

/// <summary>
/// Runs the same analysis as the analyzer over a whole compilation and returns every task's estimate. Used by the
/// <c>llmslo</c> CLI; the analyzer reports diagnostics instead, and the build-time estimate generator walks from its
/// task roots only (<see cref="Analysis.TaskRootEstimates"/>).
/// </summary>
public static class LlmTaskAnalysis
{
    /// <summary>Analyzes <paramref name="compilation"/>; tasks come back ordered by name.</summary>
    /// <param name="compilation">The compilation (C#).</param>
    /// <param name="options">Analyzer options (additional files, .editorconfig); null for defaults.</param>
    /// <param name="includePublicEntryPoints">Also report public methods that reach LLM calls.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static IReadOnlyList<TaskReport> Analyze(Compilation compilation, AnalyzerOptions? options = null, bool includePublicEntryPoints = true, CancellationToken cancellationToken = default)
    {
        if (compilation is null) throw new ArgumentNullException(nameof(compilation));
        options ??= new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        var inputs = CompilationInputs.Read(options, cancellationToken);
        var catalog = CallSiteCatalog.Create(compilation, inputs.ExtraEntries);
        if (!catalog.HasEntryPoints)
        {
            return Array.Empty<TaskReport>();
        }

        var session = new TaskAnalysisSession(compilation, catalog, options, inputs.Measured, SemanticModelSummaries.ModelsOf(compilation));
        // Bind every declaration in parallel up front: public entry points are found among all summaries.
        SemanticModelSummaries.Collect(compilation, session.Store, cancellationToken);
        var candidates = includePublicEntryPoints ? session.Store.Summaries().ToList() : session.Tasks(cancellationToken).Tasks;

        var reports = new List<TaskReport>();
        foreach (var summary in candidates)
        {
            TaskKind? kind = summary.Attributes.Slo is not null ? TaskKind.TaskSlo
                : summary.Attributes.IsAgentStep ? TaskKind.AgentStep
                : includePublicEntryPoints && summary.Method.DeclaredAccessibility == Accessibility.Public && summary.Method.MethodKind == MethodKind.Ordinary ? TaskKind.PublicEntryPoint
                : null;
            if (kind is null)
            {
                continue;
            }

            var evaluation = session.Evaluate(summary, cancellationToken);
            if (kind == TaskKind.PublicEntryPoint && evaluation.Estimate.MaxCalls == 0)
            {
                continue;
            }

            reports.Add(new TaskReport(evaluation, kind.Value));
        }

        return reports.OrderBy(r => r.TaskName, StringComparer.Ordinal).ToList();
    }
}
