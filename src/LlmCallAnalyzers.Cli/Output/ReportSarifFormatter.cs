using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Cli.Analysis;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>
/// Writes <c>llmslo report</c> as SARIF 2.1.0 (for GitHub code scanning and IDE viewers): one result per task, with the
/// analyzer's rule ids for findings — LLM003 below SLO (warning), LLM002 unbounded (warning) — and LLMSLO for the
/// figures of every other task (note).
/// </summary>
public static class ReportSarifFormatter
{
    private const string InformationUri = "https://github.com/llmcallanalyzers/LlmCallAnalyzers/blob/main/docs/cli.md";

    /// <summary>Writes the report.</summary>
    public static void Write(TextWriter writer, ReportResult result)
    {
        JsonOutput.Write(writer, json =>
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "llmslo");
            json.WriteString("semanticVersion", JsonOutput.ToolVersion);
            json.WriteString("informationUri", InformationUri);
            json.WriteStartArray("rules");
            Rule(json, "LLM003", "TaskSloNotMet", "The task's composed availability is below its [TaskSlo].", "warning");
            Rule(json, "LLM002", "UnboundedFanOut", "The task makes a number of LLM calls the code does not bound.", "warning");
            Rule(json, "LLMSLO", "TaskEstimate", "The task's estimated LLM calls and composed availability.", "note");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var (project, task) in result.AllTasks)
            {
                WriteResult(json, task);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void Rule(Utf8JsonWriter json, string id, string name, string text, string level)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("name", name);
        json.WriteStartObject("shortDescription");
        json.WriteString("text", text);
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", level);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, TaskReport task)
    {
        var (ruleId, level) = task.Verdict switch
        {
            TaskVerdict.BelowSlo => ("LLM003", "warning"),
            TaskVerdict.Unbounded => ("LLM002", "warning"),
            _ => ("LLMSLO", "note"),
        };
        json.WriteStartObject();
        json.WriteString("ruleId", ruleId);
        json.WriteString("level", level);
        json.WriteStartObject("message");
        json.WriteString("text", Figures.Sentence(task));
        json.WriteEndObject();
        if (task.FilePath is not null)
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", ArtifactUri(task.FilePath));
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", Math.Max(1, task.Line));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("fullyQualifiedName", task.TaskName);
            json.WriteString("kind", "function");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("task", task.TaskName);
        json.WriteNumber("minCalls", task.Estimate.MinCalls);
        json.NumberOrNull("maxCalls", task.Estimate.MaxCalls);
        json.NumberOrNull("availability", task.Estimate.Availability);
        json.NumberOrNull("slo", task.Slo);
        json.WriteString("verdict", Figures.VerdictKey(task.Verdict));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string ArtifactUri(string path)
    {
        string full = Path.GetFullPath(path);
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
        {
            return relative.Replace('\\', '/');
        }

        return new Uri(full).AbsoluteUri;
    }
}
