using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>
/// Turns the SLOs declared in source into Prometheus rules: per task the success ratio (success / (success + failure);
/// canceled tasks left out, as <c>confirm</c> does) recorded over 5m … 3d, the SRE workbook's multi-window,
/// multi-burn-rate alerts for each <c>[TaskSlo]</c> availability, and an alert when a task makes more calls than its
/// static estimate allows (the runtime's <c>llm.task.estimate_exceeded</c> counter).
/// </summary>
public static class AlertRules
{
    /// <summary>The alert for a burning error budget (one rule per task and <see cref="BurnRateWindow"/>).</summary>
    public const string BurnAlert = "LlmTaskErrorBudgetBurn";

    /// <summary>The alert for a task that made more calls than its estimate or [FanOut] allows.</summary>
    public const string ExceededAlert = "LlmTaskCallsExceedEstimate";

    /// <summary>The recorded success ratio over <paramref name="window"/>: <c>llm_task:success_ratio:rate1h</c>.</summary>
    public static string RatioRecord(string window) => "llm_task:success_ratio:rate" + window;

    /// <summary>Builds the rule file for <paramref name="targets"/>, with <paramref name="selector"/> in every series selector.</summary>
    public static RuleFile Build(IReadOnlyList<SloTarget> targets, string? selector)
    {
        if (targets is null) throw new ArgumentNullException(nameof(targets));
        string matchers = RuntimeQueries.NormalizeSelector(selector);
        string extra = matchers.Length > 0 ? "," + matchers : string.Empty;
        string task = RuntimeMetrics.TaskNameLabel;
        string outcome = RuntimeMetrics.TaskOutcomeLabel;
        string outcomes = RuntimeMetrics.TaskOutcome.Name;

        var file = new RuleFile();
        var ratios = new RuleGroup { Name = "llmslo-task-success-ratio" };
        foreach (string window in BurnRateWindow.RecordedWindows)
        {
            ratios.Rules.Add(new Rule
            {
                Record = RatioRecord(window),
                Expr = $"sum by ({task}) (rate({outcomes}{{{outcome}=\"{RuntimeMetrics.Success}\"{extra}}}[{window}]))\n"
                    + $"/\nsum by ({task}) (rate({outcomes}{{{outcome}=~\"{RuntimeMetrics.Success}|{RuntimeMetrics.Failure}\"{extra}}}[{window}]))\n",
            });
        }

        file.Groups.Add(ratios);

        var slo = new RuleGroup { Name = "llmslo-task-slo" };
        foreach (var target in targets.OrderBy(t => t.Task, StringComparer.Ordinal))
        {
            if (target.Availability is double availability && availability > 0 && availability < 1)
            {
                foreach (var condition in BurnRateWindow.Workbook)
                {
                    double threshold = condition.BurnRate * (1 - availability);
                    if (threshold >= 1)
                    {
                        continue; // an error rate above 100 % cannot happen: the condition could never hold.
                    }

                    slo.Rules.Add(BurnRule(target.Task, availability, condition, threshold));
                }
            }

            if (target.CallLimit is long limit)
            {
                slo.Rules.Add(new Rule
                {
                    Alert = ExceededAlert,
                    Expr = $"sum by ({task}) (increase({RuntimeMetrics.EstimateExceeded.Name}{{{task}=\"{Escape(target.Task)}\"{extra}}}[1h])) > 0",
                    Labels = new Dictionary<string, string>
                    {
                        [task] = target.Task,
                        ["severity"] = "ticket",
                        ["limit"] = limit.ToString(CultureInfo.InvariantCulture),
                    },
                    Annotations = new Dictionary<string, string>
                    {
                        ["summary"] = $"{target.Task} made more LLM calls than its static estimate allows ({limit})",
                        ["description"] = $"In the last hour some invocations of {target.Task} made more than {limit} LLM calls, the most its build's estimate "
                            + "(or [FanOut]) allows: its composed availability is then lower than the analyzer computed. Find the loop or retry "
                            + "that ran longer (the task spans carry llm.task.calls), then bound it or raise the declared fan-out.",
                    },
                });
            }
        }

        if (slo.Rules.Count > 0)
        {
            file.Groups.Add(slo);
        }

        return file;
    }

    private static Rule BurnRule(string taskName, double availability, BurnRateWindow condition, double threshold)
    {
        string name = Escape(taskName);
        string task = RuntimeMetrics.TaskNameLabel;
        string limit = threshold.ToString("0.#########", CultureInfo.InvariantCulture);
        string rate = condition.BurnRate.ToString("0.##", CultureInfo.InvariantCulture);
        double daysLeft = 30 / condition.BurnRate;
        return new Rule
        {
            Alert = BurnAlert,
            Expr = $"(1 - {RatioRecord(condition.LongWindow)}{{{task}=\"{name}\"}}) > {limit}\n"
                + $"and\n(1 - {RatioRecord(condition.ShortWindow)}{{{task}=\"{name}\"}}) > {limit}\n",
            // The task's label on the rule too: promtool's lint takes rules with one name and equal labels for duplicates.
            Labels = new Dictionary<string, string>
            {
                [task] = taskName,
                ["severity"] = condition.Severity,
                ["slo"] = availability.ToString("0.######", CultureInfo.InvariantCulture),
                ["burn_rate"] = rate,
                ["long_window"] = condition.LongWindow,
                ["short_window"] = condition.ShortWindow,
            },
            Annotations = new Dictionary<string, string>
            {
                ["summary"] = $"{taskName} burns its error budget {rate}x too fast (TaskSlo {Percent.Format(availability)})",
                ["description"] = $"Over the last {condition.LongWindow} and {condition.ShortWindow} more than {Percent.Format(threshold)} of {taskName} tasks failed "
                    + $"({rate} x the budget of {Percent.Format(1 - availability)}): {Percent.Format(condition.BudgetSpent, 0)} of a 30-day error budget is already spent "
                    + $"and the rest goes in {daysLeft.ToString("0.#", CultureInfo.InvariantCulture)} days at this rate.",
            },
        };
    }

    /// <summary>A PromQL double-quoted string's content.</summary>
    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
