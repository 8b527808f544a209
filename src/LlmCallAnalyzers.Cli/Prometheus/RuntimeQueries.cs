using System;

namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>
/// The PromQL that <c>confirm --prometheus</c> sends: one instant query per figure, each an <c>increase()</c> over the
/// window summed by task (or by model), so the answer holds one element per task and bucket however much traffic there
/// was. <c>increase()</c> reads counters across restarts and stays right after a scraped process is gone (its series go
/// stale, but their samples inside the range still count).
/// </summary>
public sealed class RuntimeQueries
{
    private readonly string _matchers;
    private readonly string _range;

    /// <summary>Creates the queries for extra label matchers (<c>service="checkout"</c>, or null) and a PromQL range.</summary>
    public RuntimeQueries(string? selector, string range)
    {
        _matchers = NormalizeSelector(selector);
        _range = range;
    }

    /// <summary>Cumulative call-count buckets per task: <c>sum by (llm_task_name, le) (increase(llm_task_calls_bucket[w]))</c>.</summary>
    public string CallBuckets => SumBy(RuntimeMetrics.TaskCalls.Bucket, RuntimeMetrics.TaskNameLabel, RuntimeMetrics.BucketLabel);

    /// <summary>Model calls per task: <c>sum by (llm_task_name) (increase(llm_task_calls_sum[w]))</c>.</summary>
    public string CallTotals => SumBy(RuntimeMetrics.TaskCalls.Sum, RuntimeMetrics.TaskNameLabel);

    /// <summary>Finished tasks per task and outcome.</summary>
    public string Outcomes => SumBy(RuntimeMetrics.TaskOutcome.Name, RuntimeMetrics.TaskNameLabel, RuntimeMetrics.TaskOutcomeLabel);

    /// <summary>Invocations the runtime counted as exceeding their estimate or [FanOut], per task.</summary>
    public string Exceeded => SumBy(RuntimeMetrics.EstimateExceeded.Name, RuntimeMetrics.TaskNameLabel);

    /// <summary>Model calls per provider, model and error type (empty on success): the per-call availability.</summary>
    public string ModelCalls => SumBy(RuntimeMetrics.ModelCalls.Name, RuntimeMetrics.ProviderLabel, RuntimeMetrics.ModelLabel, RuntimeMetrics.ErrorTypeLabel);

    /// <summary>Cold-start calls per model.</summary>
    public string ColdStarts => SumBy(RuntimeMetrics.ColdStartCalls.Name, RuntimeMetrics.ModelLabel);

    /// <summary>Keep-warm requests per model and outcome.</summary>
    public string KeepWarmRequests => SumBy(RuntimeMetrics.KeepWarmRequests.Name, RuntimeMetrics.ModelLabel, RuntimeMetrics.KeepWarmOutcomeLabel);

    /// <summary>Keep-warm tokens per model and token type.</summary>
    public string KeepWarmTokens => SumBy(RuntimeMetrics.KeepWarmTokens.Name, RuntimeMetrics.ModelLabel, RuntimeMetrics.TokenTypeLabel);

    /// <summary>The extra matchers without braces ("" when none); braces are refused, Prometheus judges the rest.</summary>
    public static string NormalizeSelector(string? selector)
    {
        string text = (selector ?? string.Empty).Trim();
        if (text.StartsWith("{", StringComparison.Ordinal) && text.EndsWith("}", StringComparison.Ordinal))
        {
            text = text.Substring(1, text.Length - 2).Trim();
        }

        if (text.IndexOfAny(new[] { '{', '}', '[', ']' }) >= 0)
        {
            throw new CliException($"--selector '{selector}': expected label matchers such as service=\"checkout\",env=~\"prod|staging\"");
        }

        return text.TrimEnd(',');
    }

    private string SumBy(string series, params string[] labels)
        => $"sum by ({string.Join(", ", labels)}) (increase({series}{{{_matchers}}}[{_range}]))";
}
