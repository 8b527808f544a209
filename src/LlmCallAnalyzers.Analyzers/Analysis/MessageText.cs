using System;
using System.Globalization;
using System.Linq;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>The inputs of each figure, written so a reader can redo the arithmetic with a calculator.</summary>
internal static class MessageText
{
    /// <summary>
    /// "up to 20 essential LLM calls[ (12 of them in the loop at Research.cs:57)] at 99.90 % each[, 8 of them retried up
    /// to 3 times (retry_recoverable 0.50)][, …]"; the parenthesis is <paramref name="largestContributor"/>.
    /// </summary>
    public static string DescribeInputs(TaskEvaluation evaluation, string? largestContributor = null)
    {
        var estimate = evaluation.Estimate;
        var parameters = evaluation.Parameters;
        long essential = estimate.EssentialCalls ?? 0;
        string calls = essential == 1 ? "1 essential LLM call" : CallCounts.UpTo(essential) + " essential LLM calls";
        var providers = estimate.Tree.Providers.OrderBy(p => p, StringComparer.Ordinal).ToList();
        var availabilities = providers.Select(p => (Provider: p, Availability: parameters.AvailabilityOf(p))).ToList();
        string each = availabilities.Select(a => a.Availability).Distinct().Count() <= 1
            ? " at " + Percent.Format(availabilities.Count > 0 ? availabilities[0].Availability : parameters.CallAvailability) + " each"
            : " at " + string.Join(", ", availabilities.Select(a => Percent.Format(a.Availability) + " (" + a.Provider + ")"));
        string text = calls + (largestContributor is null ? string.Empty : " (" + largestContributor + ")") + each;
        if (estimate.Tree.RetriedCalls > 0)
        {
            text += string.Format(
                CultureInfo.InvariantCulture,
                ", {0} of them retried up to {1} times (retry_recoverable {2:0.00})",
                CallCounts.Format(estimate.Tree.RetriedCalls),
                estimate.Tree.MaxExtraAttempts,
                parameters.RetryRecoverable);
        }

        if (estimate.OutageFactor < 1)
        {
            int groups = estimate.Tree.OutageGroups.Count;
            text += string.Format(
                CultureInfo.InvariantCulture,
                ", provider outage {0} counted once for each of {1} provider{2}",
                Percent.Format(parameters.ProviderOutage),
                groups,
                groups == 1 ? string.Empty : "s");
        }

        return text;
    }

    /// <summary>"1 LLM call" or "up to 41 LLM calls" for one call site.</summary>
    public static string DescribeRequests(int hiddenMaxCalls)
        => hiddenMaxCalls > 1 ? "up to " + hiddenMaxCalls.ToString(CultureInfo.InvariantCulture) + " LLM calls" : "1 LLM call";

    /// <summary>"3 sequential calls × 800 ms" or a description of the composed estimate (the inputs of LLM004's figure).</summary>
    public static string DescribeLatency(TaskEvaluation evaluation)
    {
        var estimate = evaluation.Estimate;
        double perCall = evaluation.Parameters.CallLatencyP99Ms;
        long calls = estimate.MaxCalls ?? 0;
        double withoutColdStarts = estimate.Tree.LatencyP99MsWithoutColdStarts ?? 0;
        string text = Math.Abs(withoutColdStarts - (calls * perCall)) < 0.5
            ? string.Format(CultureInfo.InvariantCulture, "{0} sequential call{1} × {2} ms", CallCounts.Format(calls), calls == 1 ? string.Empty : "s", perCall)
            : string.Format(CultureInfo.InvariantCulture, "composed p99 of {0} calls at {1} ms each ({2} ms; sequences add, parallel branches take the max)", CallCounts.UpTo(calls), perCall, CallCounts.FormatWhole(withoutColdStarts));
        foreach (var model in estimate.Tree.ColdStartModels.OrderBy(m => m, StringComparer.Ordinal))
        {
            text += string.Format(CultureInfo.InvariantCulture, " + {0} ms cold start of '{1}'", evaluation.Parameters.ColdStartP99Ms, model);
        }

        return text;
    }

    /// <summary>"1 LLM call", "up to 4 LLM calls" or "an unbounded number of LLM calls", from a probe of a tree.</summary>
    public static string DescribeCalls(TreeEstimate probe)
    {
        if (probe.MaxCalls is not long max)
        {
            return "an unbounded number of LLM calls";
        }

        if (max == 1)
        {
            return probe.MinCalls == max ? "1 LLM call" : "up to 1 LLM call";
        }

        return (probe.MinCalls == max ? CallCounts.Format(max) : CallCounts.UpTo(max)) + " LLM calls";
    }
}
