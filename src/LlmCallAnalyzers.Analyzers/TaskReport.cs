using System;
using System.Linq;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Model;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers;

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

    /// <summary>The estimate as the generator embeds it (<c>[LlmTaskEstimate]</c>), counts clamped to <see cref="int"/>.</summary>
    internal EmbeddedEstimate ToEmbedded() => new(
        TaskName,
        Clamp(Estimate.MinCalls),
        Estimate.MaxCalls is long max ? Clamp(max) : -1,
        Estimate.Availability ?? 0,
        Slo ?? 0,
        DeclaredFanOut ?? -1,
        Estimate.LatencyP99Ms is double latency ? Clamp(Math.Round(latency)) : 0);

    private static int Clamp(long value) => value > int.MaxValue ? int.MaxValue : (int)value;

    /// <summary>Clamped before converting: a double past the range of <see cref="long"/> converts to an unspecified value.</summary>
    private static int Clamp(double value) => value >= int.MaxValue ? int.MaxValue : (int)value;
}
