using System;
using System.Globalization;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>The figures every output format shows, formatted once (invariant culture, "98.02 %").</summary>
public static class Figures
{
    /// <summary>"20", "3..20" or "unbounded".</summary>
    public static string Calls(long min, long? max)
        => max is null ? "unbounded" : min == max ? Count(min) : Count(min) + ".." + Count(max.Value);

    /// <summary>The composed availability, or "n/a" when unbounded.</summary>
    public static string Availability(double? availability) => availability is double a ? Percent.Format(a) : "n/a";

    /// <summary>The SLO, or "-" when none.</summary>
    public static string Slo(double? slo) => slo is double s && s > 0 ? Percent.Format(s) : "-";

    /// <summary>The availability and SLO formatted with as many decimals as it takes for them to differ.</summary>
    public static (string Availability, string Slo) AvailabilityAgainstSlo(double? availability, double? slo)
    {
        if (availability is double a && slo is double s && s > 0)
        {
            return Percent.FormatDistinct(a, s);
        }

        return (Availability(availability), Slo(slo));
    }

    /// <summary>"meets", "below SLO", "unbounded" or "no SLO".</summary>
    public static string Verdict(TaskVerdict verdict) => verdict switch
    {
        TaskVerdict.Meets => "meets",
        TaskVerdict.BelowSlo => "below SLO",
        TaskVerdict.Unbounded => "unbounded",
        _ => "no SLO",
    };

    /// <summary>The machine-readable verdict for JSON and SARIF.</summary>
    public static string VerdictKey(TaskVerdict verdict) => verdict switch
    {
        TaskVerdict.Meets => "meets",
        TaskVerdict.BelowSlo => "below_slo",
        TaskVerdict.Unbounded => "unbounded",
        _ => "no_slo",
    };

    /// <summary>"TaskSlo", "AgentStep" or "public".</summary>
    public static string Kind(TaskKind kind) => kind switch
    {
        TaskKind.TaskSlo => "TaskSlo",
        TaskKind.AgentStep => "AgentStep",
        _ => "public",
    };

    /// <summary>"needs ≥ 99.975 % per call" when the task is below its SLO.</summary>
    public static string? Needs(TaskReport task)
        => task.RequiredPerCall is double r ? "needs ≥ " + Percent.FormatRequirement(r) + " per call" : null;

    /// <summary>The one-sentence finding, with the numbers to redo the arithmetic.</summary>
    public static string Sentence(TaskReport task)
    {
        var estimate = task.Estimate;
        if (estimate.IsUnbounded)
        {
            string least = estimate.MinCalls > 0 ? $" (at least {Count(estimate.MinCalls)})" : string.Empty;
            return $"{task.TaskName} makes a number of LLM calls the code does not bound{least}; bound the loop or declare [FanOut(n)]";
        }

        string calls = estimate.MaxCalls == 1 ? "1 LLM call" : $"up to {Count(estimate.MaxCalls!.Value)} LLM calls";
        if (estimate.EssentialCalls is long essential && essential != estimate.MaxCalls)
        {
            calls += $" ({Count(essential)} essential)";
        }

        var (availability, slo) = AvailabilityAgainstSlo(estimate.Availability, task.Slo);
        return task.Verdict switch
        {
            TaskVerdict.BelowSlo => $"{task.TaskName} makes {calls}; composed availability {availability} < TaskSlo {slo}; {Needs(task) ?? "cannot meet it by per-call availability alone"}",
            TaskVerdict.Meets => $"{task.TaskName} makes {calls}; composed availability {availability} ≥ TaskSlo {slo}",
            _ => $"{task.TaskName} makes {calls}; composed availability {availability}; no TaskSlo declared",
        };
    }

    /// <summary>A latency in milliseconds as "800 ms" or "4.6 s".</summary>
    public static string Latency(double? ms)
    {
        if (ms is not double v) return "n/a";
        return v < 1000 ? Math.Round(v).ToString(CultureInfo.InvariantCulture) + " ms" : (v / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s";
    }

    /// <summary>An integer with no grouping: 12345; a saturated count as "at least 9223372036854775807".</summary>
    public static string Count(long value) => CallCounts.Format(value);

    /// <summary>A number in JSON/text form with up to <paramref name="decimals"/> decimals.</summary>
    public static string Number(double value, int decimals = 6) => Math.Round(value, decimals).ToString("0.######", CultureInfo.InvariantCulture);
}
