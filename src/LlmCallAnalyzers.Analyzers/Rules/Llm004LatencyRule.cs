using System.Globalization;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Rules;

/// <summary>
/// LLM004: a task whose composed p99 latency exceeds its <c>LatencyP99Ms</c> budget. Reported on the task, with the
/// sequence of latencies that adds up to the figure.
/// </summary>
internal static class Llm004LatencyRule
{
    public static void Report(in DeclarationReport context, TaskEvaluation evaluation)
    {
        int budget = evaluation.Summary.Attributes.LatencyBudgetMs;
        if (budget <= 0 || evaluation.Estimate.LatencyP99Ms is not double latency || latency <= budget)
        {
            return;
        }

        // The calls and loops on the slowest path, by the p99 milliseconds they add (under the file's parameters).
        var contributors = evaluation.Contributors(ContributionMeasure.Latency);
        string largest = contributors.Count == 0 ? string.Empty
            : "; " + contributors[0].AmountText + " ms of it " + contributors[0].Where;
        context.Report(Diagnostic.Create(
            Descriptors.LatencyBudgetExceeded,
            evaluation.Summary.Location,
            Contributors.Locations(contributors),
            evaluation.Method.Name,
            MessageText.DescribeLatency(evaluation),
            CallCounts.FormatWhole(latency),
            budget.ToString(CultureInfo.InvariantCulture),
            largest));
    }
}
