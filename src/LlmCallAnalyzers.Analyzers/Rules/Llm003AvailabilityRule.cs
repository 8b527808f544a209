using System.Collections.Immutable;
using System.Globalization;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Rules;

/// <summary>
/// LLM003: a task whose composed worst-case availability is below its <c>[TaskSlo]</c>. Reported on the task, with the
/// inputs (calls, per-call availability, retries), the composed figure and the per-call availability it would need.
/// </summary>
internal static class Llm003AvailabilityRule
{
    public static void Report(in DeclarationReport context, TaskEvaluation evaluation)
    {
        if (evaluation.Slo is not double slo || evaluation.Estimate.IsUnbounded || evaluation.MeetsSlo || evaluation.Estimate.Availability is not double availability)
        {
            return;
        }

        var (composed, target) = Percent.FormatDistinct(availability, slo);
        double? required = evaluation.RequiredPerCall();
        string needs = required is double r
            ? "≥ " + Percent.FormatRequirement(r) + " per call"
            : "more than any per-call availability can give (provider outages alone allow " + Percent.Format(OutageCeiling(evaluation)) + ")";
        // The calls and loops behind the essential-call count, largest first (related locations, and the largest named).
        var contributors = Contributors.Of(evaluation.Tree, ContributionMeasure.EssentialCalls, context.Composer.Probe);
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[DiagnosticPropertyKeys.EssentialCalls] = evaluation.Estimate.EssentialCalls?.ToString(CultureInfo.InvariantCulture);
        context.Report(Diagnostic.Create(
            Descriptors.SloNotMet,
            evaluation.Summary.Location,
            Contributors.Locations(contributors),
            properties.ToImmutable(),
            evaluation.Method.Name,
            MessageText.DescribeInputs(evaluation, Contributors.DescribeLargest(contributors, evaluation.Estimate.EssentialCalls)) + (DispatchText.DescribeLargest(evaluation.Tree, context.Composer.Probe) is { } dispatch ? " (" + dispatch + ")" : string.Empty),
            composed,
            target,
            needs));
    }

    /// <summary>The task's availability if every call always succeeded: what provider outages alone leave.</summary>
    private static double OutageCeiling(TaskEvaluation evaluation)
        => new CallTreeEvaluator(evaluation.Parameters.WithUniformAvailability(1)).EvaluateTask(evaluation.Tree).Availability ?? 0;
}
