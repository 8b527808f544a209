using System;
using System.Collections.Generic;
using System.Linq;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Cli.Analysis;
using LlmCallAnalyzers.Cli.Estimates;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>The <see cref="SloTarget"/>s of a built assembly's embedded estimates or of a project's analysis.</summary>
public static class SloTargets
{
    /// <summary>From <c>[assembly: LlmTaskEstimate]</c>: the SLO the generator embedded and the bounded estimate or [FanOut].</summary>
    public static IReadOnlyList<SloTarget> From(IEnumerable<EmbeddedEstimate> estimates)
        => estimates
            .GroupBy(e => e.Task, StringComparer.Ordinal)
            .Select(g => g.Last())
            .Select(e => new SloTarget
            {
                Task = e.Task,
                Availability = e.Slo > 0 ? e.Slo : null,
                CallLimit = Limit(e.MaxCalls >= 0 ? e.MaxCalls : null, e.DeclaredFanOut >= 0 ? e.DeclaredFanOut : null),
            })
            .ToList();

    /// <summary>From <c>llmslo report</c>'s analysis: every task with a <c>[TaskSlo]</c> or a bounded estimate.</summary>
    public static IReadOnlyList<SloTarget> From(ReportResult report)
        => report.AllTasks
            .Select(x => x.Task)
            .GroupBy(t => t.TaskName, StringComparer.Ordinal)
            .Select(g => g.First())
            .Select(t => new SloTarget
            {
                Task = t.TaskName,
                Availability = t.Slo,
                CallLimit = Limit(t.Estimate.MaxCalls, t.DeclaredFanOut),
            })
            .Where(t => t.Availability is not null || t.CallLimit is not null)
            .ToList();

    private static long? Limit(long? estimate, long? fanOut)
        => estimate is long e ? (fanOut is long f ? Math.Min(e, f) : e) : fanOut;
}
