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

/// <summary>Why a method is reported as a task.</summary>
public enum TaskKind
{
    /// <summary>The method declares <c>[TaskSlo]</c>.</summary>
    TaskSlo,

    /// <summary>The method declares <c>[AgentStep]</c> (and no SLO).</summary>
    AgentStep,

    /// <summary>A public method that reaches LLM calls.</summary>
    PublicEntryPoint,
}

/// <summary>How a task fares against its SLO.</summary>
public enum TaskVerdict
{
    /// <summary>The worst case meets the declared SLO.</summary>
    Meets,

    /// <summary>The worst case is below the declared SLO.</summary>
    BelowSlo,

    /// <summary>The code shows no bound on the number of calls.</summary>
    Unbounded,

    /// <summary>No SLO is declared.</summary>
    NoSlo,
}

/// <summary>One task's estimate, as the analyzer computes it: for the <c>llmslo</c> CLI and the estimate generator.</summary>
public sealed class TaskReport
{
    internal TaskReport(TaskEvaluation evaluation, TaskKind kind)
    {
        var method = evaluation.Method;
        TaskName = evaluation.Summary.TaskName;
        MethodName = method.Name;
        Kind = kind;
        var location = method.Locations.FirstOrDefault(l => l.IsInSource);
        if (location is not null)
        {
            var span = location.GetLineSpan();
            FilePath = span.Path;
            Line = span.StartLinePosition.Line + 1;
        }

        Slo = evaluation.Slo;
        LatencyBudgetMs = evaluation.Summary.Attributes.LatencyBudgetMs;
        DeclaredFanOut = evaluation.Summary.Attributes.FanOut;
        Estimate = evaluation.Estimate;
        Tree = evaluation.Tree;
        Parameters = evaluation.Parameters;
        _requiredPerCall = new Lazy<double?>(() => evaluation.Estimate.IsUnbounded || evaluation.MeetsSlo ? null : evaluation.RequiredPerCall());
        Verdict = evaluation.Estimate.IsUnbounded ? TaskVerdict.Unbounded
            : Slo is null ? TaskVerdict.NoSlo
            : evaluation.MeetsSlo ? TaskVerdict.Meets
            : TaskVerdict.BelowSlo;
    }

    /// <summary><c>Namespace.Type.Method</c>, the name the runtime uses too.</summary>
    public string TaskName { get; }

    /// <summary>The method's simple name.</summary>
    public string MethodName { get; }

    /// <summary>Why this method is a task.</summary>
    public TaskKind Kind { get; }

    /// <summary>The source file of the method.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line of the method's name.</summary>
    public int Line { get; }

    /// <summary>The declared availability SLO.</summary>
    public double? Slo { get; }

    /// <summary>The declared p99 latency budget (0 when none).</summary>
    public int LatencyBudgetMs { get; }

    /// <summary>The declared <c>[FanOut]</c> bound.</summary>
    public int? DeclaredFanOut { get; }

    /// <summary>The composed figures.</summary>
    public TaskEstimate Estimate { get; }

    /// <summary>The composed call tree.</summary>
    public CallTree Tree { get; }

    /// <summary>The model parameters that applied to the task's file.</summary>
    public ModelParameters Parameters { get; }

    private readonly Lazy<double?> _requiredPerCall;

    /// <summary>The per-call availability the task would need to meet its SLO, when it does not (back-solved on first read).</summary>
    public double? RequiredPerCall => _requiredPerCall.Value;

    /// <summary>How the task fares against its SLO.</summary>
    public TaskVerdict Verdict { get; }
}

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
