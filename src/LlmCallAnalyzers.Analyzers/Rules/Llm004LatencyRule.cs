using System;
using System.Globalization;
using LlmCallAnalyzers.Analyzers.Analysis;
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

        context.Report(Diagnostic.Create(
            Descriptors.LatencyBudgetExceeded,
            evaluation.Summary.Location,
            evaluation.Method.Name,
            MessageText.DescribeLatency(evaluation),
            Math.Round(latency).ToString(CultureInfo.InvariantCulture),
            budget.ToString(CultureInfo.InvariantCulture)));
    }
}
