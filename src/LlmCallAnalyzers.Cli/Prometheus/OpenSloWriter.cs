using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using YamlDotNet.Serialization;

namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>
/// Writes each <c>[TaskSlo]</c> as an OpenSLO v1 <c>SLO</c> document (openslo.com): a ratio indicator over the runtime's
/// <c>llm_task_outcome_total</c> counter (good: success; total: success and failure), a rolling 30-day window,
/// occurrences budgeting and the availability as the target — for SLO tools that read OpenSLO (e.g. to generate their
/// own rules) instead of the Prometheus rule file.
/// </summary>
public static class OpenSloWriter
{
    /// <summary>Writes one YAML document per task with an availability SLO, separated by <c>---</c>.</summary>
    public static int Write(TextWriter writer, IReadOnlyList<SloTarget> targets, string service, string? selector)
    {
        string matchers = RuntimeQueries.NormalizeSelector(selector);
        string extra = matchers.Length > 0 ? "," + matchers : string.Empty;
        var serializer = new SerializerBuilder().DisableAliases().Build();
        int written = 0;
        foreach (var target in targets.Where(t => t.Availability is double a && a > 0 && a < 1).OrderBy(t => t.Task, StringComparer.Ordinal))
        {
            string selectorFor(string outcome) =>
                $"{RuntimeMetrics.TaskOutcome.Name}{{{RuntimeMetrics.TaskNameLabel}=\"{target.Task}\",{RuntimeMetrics.TaskOutcomeLabel}{outcome}{extra}}}";
            var document = new Dictionary<string, object>
            {
                ["apiVersion"] = "openslo/v1",
                ["kind"] = "SLO",
                ["metadata"] = new Dictionary<string, object> { ["name"] = Name(target.Task), ["displayName"] = target.Task },
                ["spec"] = new Dictionary<string, object>
                {
                    ["description"] = $"[TaskSlo] of {target.Task}: the share of its invocations that succeed (canceled ones left out)",
                    ["service"] = service,
                    ["indicator"] = new Dictionary<string, object>
                    {
                        ["metadata"] = new Dictionary<string, object> { ["name"] = Name(target.Task) + "-success" },
                        ["spec"] = new Dictionary<string, object>
                        {
                            ["ratioMetric"] = new Dictionary<string, object>
                            {
                                ["counter"] = true,
                                ["good"] = Source(selectorFor($"=\"{RuntimeMetrics.Success}\"")),
                                ["total"] = Source(selectorFor($"=~\"{RuntimeMetrics.Success}|{RuntimeMetrics.Failure}\"")),
                            },
                        },
                    },
                    ["timeWindow"] = new[] { new Dictionary<string, object> { ["duration"] = "30d", ["isRolling"] = true } },
                    ["budgetingMethod"] = "Occurrences",
                    ["objectives"] = new[]
                    {
                        new Dictionary<string, object>
                        {
                            ["displayName"] = "TaskSlo availability",
                            ["target"] = target.Availability!.Value.ToString("0.######", CultureInfo.InvariantCulture),
                        },
                    },
                },
            };
            if (written > 0) writer.WriteLine("---");
            serializer.Serialize(writer, document);
            written++;
        }

        return written;
    }

    private static Dictionary<string, object> Source(string query) => new()
    {
        ["metricSource"] = new Dictionary<string, object>
        {
            ["type"] = "Prometheus",
            ["spec"] = new Dictionary<string, object> { ["query"] = query },
        },
    };

    /// <summary>A DNS-1123 name: <c>Shop.Support.AnswerAsync</c> → <c>shop-support-answerasync</c>.</summary>
    public static string Name(string task)
    {
        var sb = new StringBuilder();
        foreach (char c in task.ToLowerInvariant())
        {
            char next = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-';
            if (next == '-' && (sb.Length == 0 || sb[sb.Length - 1] == '-')) continue;
            sb.Append(next);
        }

        string name = sb.ToString().TrimEnd('-');
        return name.Length > 63 ? name.Substring(0, 63).TrimEnd('-') : name;
    }
}
