using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Cli.Analysis;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>
/// Writes <c>llmslo report</c> as SARIF 2.1.0 (for GitHub code scanning and IDE viewers) in the build's vocabulary: the
/// analyzer's own LLM002 (unbounded fan-out) and LLM003 (task below its SLO) diagnostics — rule IDs, titles, help URIs,
/// messages and locations as <c>dotnet build</c> reports them (<see cref="AnalyzerFindings"/>) — and an LLMSLO note with the
/// figures of every task that has no LLM003.
/// </summary>
public static class ReportSarifFormatter
{
    private const string InformationUri = "https://github.com/llmcallanalyzers/LlmCallAnalyzers/blob/main/docs/cli.md";

    /// <summary>The rule of the per-task notes (not an analyzer rule: the build has no such diagnostic).</summary>
    public const string EstimateRuleId = "LLMSLO";

    /// <summary>The analyzer rules whose diagnostics the report carries.</summary>
    public static readonly IReadOnlyList<string> FindingRuleIds = new[] { DiagnosticIds.UnboundedFanOut, DiagnosticIds.SloNotMet };

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
            foreach (var descriptor in AnalyzerFindings.Rules.Where(d => FindingRuleIds.Contains(d.Id)))
            {
                Rule(json, descriptor);
            }

            EstimateRule(json);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var project in result.Projects)
            {
                var findings = project.Findings.Where(d => FindingRuleIds.Contains(d.Id)).ToList();
                foreach (var finding in findings)
                {
                    WriteFinding(json, finding, project.Tasks);
                }

                foreach (var task in project.Tasks.Where(t => !findings.Any(f => f.Id == DiagnosticIds.SloNotMet && IsAt(f, t))))
                {
                    WriteEstimate(json, task);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void Rule(Utf8JsonWriter json, DiagnosticDescriptor descriptor)
    {
        json.WriteStartObject();
        json.WriteString("id", descriptor.Id);
        json.WriteStartObject("shortDescription");
        json.WriteString("text", descriptor.Title.ToString(CultureInfo.InvariantCulture));
        json.WriteEndObject();
        string description = descriptor.Description.ToString(CultureInfo.InvariantCulture);
        if (description.Length > 0)
        {
            json.WriteStartObject("fullDescription");
            json.WriteString("text", description);
            json.WriteEndObject();
        }

        json.WriteString("helpUri", descriptor.HelpLinkUri);
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(descriptor.DefaultSeverity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("category", descriptor.Category);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void EstimateRule(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("id", EstimateRuleId);
        json.WriteString("name", "TaskEstimate");
        json.WriteStartObject("shortDescription");
        json.WriteString("text", "The task's estimated LLM calls and composed availability.");
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", "note");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter json, Diagnostic finding, IReadOnlyList<TaskReport> tasks)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Id);
        json.WriteString("level", Level(finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", finding.GetMessage(CultureInfo.InvariantCulture));
        json.WriteEndObject();
        var span = finding.Location.GetLineSpan();
        if (span.IsValid && !string.IsNullOrEmpty(span.Path))
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", ArtifactUri(span.Path));
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", span.StartLinePosition.Line + 1);
            json.WriteNumber("startColumn", span.StartLinePosition.Character + 1);
            json.WriteNumber("endLine", span.EndLinePosition.Line + 1);
            json.WriteNumber("endColumn", span.EndLinePosition.Character + 1);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (finding.Id == DiagnosticIds.SloNotMet && tasks.FirstOrDefault(t => IsAt(finding, t)) is { } task)
        {
            WriteFigures(json, task);
        }

        json.WriteEndObject();
    }

    private static void WriteEstimate(Utf8JsonWriter json, TaskReport task)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", EstimateRuleId);
        json.WriteString("level", "note");
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

        WriteFigures(json, task);
        json.WriteEndObject();
    }

    private static void WriteFigures(Utf8JsonWriter json, TaskReport task)
    {
        json.WriteStartObject("properties");
        json.WriteString("task", task.TaskName);
        json.WriteNumber("minCalls", task.Estimate.MinCalls);
        json.NumberOrNull("maxCalls", task.Estimate.MaxCalls);
        json.NumberOrNull("availability", task.Estimate.Availability);
        json.NumberOrNull("slo", task.Slo);
        json.WriteString("verdict", Figures.VerdictKey(task.Verdict));
        json.WriteEndObject();
    }

    /// <summary>True when <paramref name="finding"/> is reported on <paramref name="task"/>'s method name.</summary>
    private static bool IsAt(Diagnostic finding, TaskReport task)
    {
        var span = finding.Location.GetLineSpan();
        return task.FilePath is not null && span.Path == task.FilePath && span.StartLinePosition.Line + 1 == task.Line;
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

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
