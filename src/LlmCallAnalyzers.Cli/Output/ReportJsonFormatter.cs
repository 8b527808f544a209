using System.IO;
using System.Linq;
using System.Text.Json;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Cli.Analysis;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>Writes <c>llmslo report</c> as one JSON document (schema described in docs/cli.md).</summary>
public static class ReportJsonFormatter
{
    /// <summary>
    /// The version of the document's schema: 2 since tree nodes carry <c>kind</c>, <c>calls {min, max}</c>, their
    /// method, file, line and bound (1 had <c>node</c>, <c>min_calls</c>, <c>max_calls</c>).
    /// </summary>
    public const int SchemaVersion = 2;

    /// <summary>Writes the report.</summary>
    public static void Write(TextWriter writer, ReportResult result, TreeMode? tree)
    {
        JsonOutput.Write(writer, json =>
        {
            json.WriteStartObject();
            json.WriteString("tool", "llmslo");
            json.WriteNumber("schema_version", SchemaVersion);
            json.WriteString("version", JsonOutput.ToolVersion);
            json.WriteString("input", result.Input);
            json.WriteStartArray("projects");
            foreach (var project in result.Projects)
            {
                json.WriteStartObject();
                json.WriteString("name", project.Name);
                json.WriteString("path", project.FilePath);
                json.WriteStartArray("tasks");
                foreach (var task in project.Tasks)
                {
                    WriteTask(json, task, tree);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            var all = result.AllTasks.Select(x => x.Task).ToList();
            json.WriteStartObject("summary");
            json.WriteNumber("tasks", all.Count);
            json.WriteNumber("meets", all.Count(t => t.Verdict == TaskVerdict.Meets));
            json.WriteNumber("below_slo", all.Count(t => t.Verdict == TaskVerdict.BelowSlo));
            json.WriteNumber("unbounded", all.Count(t => t.Verdict == TaskVerdict.Unbounded));
            json.WriteNumber("no_slo", all.Count(t => t.Verdict == TaskVerdict.NoSlo));
            json.WriteBoolean("all_slos_hold", !result.AnySloMissed);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    private static void WriteTask(Utf8JsonWriter json, TaskReport task, TreeMode? tree)
    {
        var e = task.Estimate;
        json.WriteStartObject();
        json.WriteString("task", task.TaskName);
        json.WriteString("method", task.MethodName);
        json.WriteString("kind", Figures.Kind(task.Kind));
        json.StringOrNull("file", task.FilePath);
        json.WriteNumber("line", task.Line);
        json.WriteNumber("min_calls", e.MinCalls);
        json.NumberOrNull("max_calls", e.MaxCalls);
        json.NumberOrNull("essential_calls", e.EssentialCalls);
        json.NumberOrNull("availability", e.Availability);
        json.WriteString("availability_text", Figures.Availability(e.Availability));
        json.NumberOrNull("slo", task.Slo);
        json.WriteString("verdict", Figures.VerdictKey(task.Verdict));
        json.NumberOrNull("required_per_call", task.RequiredPerCall);
        json.NumberOrNull("latency_p99_ms", e.LatencyP99Ms);
        if (task.LatencyBudgetMs > 0) json.WriteNumber("latency_budget_ms", task.LatencyBudgetMs);
        else json.WriteNull("latency_budget_ms");
        json.NumberOrNull("declared_fan_out", task.DeclaredFanOut);
        json.WriteString("message", Figures.Sentence(task));
        json.WriteString("tree_text", task.Tree.ToString());
        if (tree is TreeMode mode)
        {
            json.WritePropertyName("tree");
            WriteNode(json, TreeView.Build(task.Tree, task.Parameters, mode, TreeView.MethodName(task)));
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// One tree node: <c>kind</c>, <c>label</c>, <c>calls {min, max}</c>, <c>availability</c>, <c>latency_p99_ms</c>,
    /// <c>method</c>, <c>file</c>, <c>line</c>, <c>bound {kind, value, source}</c>, <c>children</c>. Written depth-first
    /// without recursion of the formatter's own: the view is at most <see cref="TreeView.MaxNodes"/> nodes.
    /// </summary>
    internal static void WriteNode(Utf8JsonWriter json, TreeViewNode node)
    {
        json.WriteStartObject();
        json.WriteString("kind", node.Kind);
        json.WriteString("label", node.Label);
        if (node.Figures is not null)
        {
            json.WriteStartObject("calls");
            json.WriteNumber("min", node.Figures.MinCalls);
            json.NumberOrNull("max", node.Figures.MaxCalls);
            json.WriteEndObject();
            json.NumberOrNull("availability", node.Figures.CallAvailability);
            json.NumberOrNull("latency_p99_ms", node.Figures.LatencyP99MsWithoutColdStarts);
        }

        json.StringOrNull("method", node.Method);
        json.StringOrNull("file", node.File);
        if (node.Line > 0) json.WriteNumber("line", node.Line);
        else json.WriteNull("line");
        if (node.Bound is { } bound)
        {
            json.WriteStartObject("bound");
            json.WriteString("kind", bound.Kind);
            json.NumberOrNull("value", bound.Value);
            json.StringOrNull("source", bound.Source);
            json.WriteEndObject();
        }

        if (node.Children.Count > 0)
        {
            json.WriteStartArray("children");
            foreach (var child in node.Children)
            {
                WriteNode(json, child);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
