using System.IO;
using System.Linq;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Cli.Analysis;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>Writes <c>llmslo report</c> as GitHub-flavored Markdown (for a pull-request comment or a job summary).</summary>
public static class ReportMarkdownFormatter
{
    /// <summary>Writes the report.</summary>
    public static void Write(TextWriter writer, ReportResult result, TreeMode? tree)
    {
        writer.WriteLine("## LLM tasks");
        writer.WriteLine();
        writer.WriteLine("| Project | Task | Kind | Calls | Availability | SLO | Verdict |");
        writer.WriteLine("| --- | --- | --- | ---: | ---: | ---: | --- |");
        foreach (var (project, task) in result.AllTasks)
        {
            var (availability, slo) = Figures.AvailabilityAgainstSlo(task.Estimate.Availability, task.Slo);
            string verdict = Figures.Verdict(task.Verdict);
            if (task.Verdict == TaskVerdict.BelowSlo) verdict = "**" + verdict + "**";
            if (Figures.Needs(task) is string needs) verdict += " (" + needs + ")";
            writer.WriteLine($"| {Escape(project.Name)} | `{task.TaskName}` | {Figures.Kind(task.Kind)} | {Figures.Calls(task.Estimate.MinCalls, task.Estimate.MaxCalls)} | {availability} | {slo} | {verdict} |");
        }

        if (!result.AllTasks.Any())
        {
            writer.WriteLine("| - | no LLM tasks found | | | | | |");
        }

        if (tree is TreeMode mode)
        {
            foreach (var (_, task) in result.AllTasks)
            {
                writer.WriteLine();
                writer.WriteLine($"### `{task.TaskName}`");
                writer.WriteLine();
                writer.WriteLine("```text");
                writer.Write(TreeView.ToText(TreeView.Build(task.Tree, task.Parameters, mode, TreeView.MethodName(task))));
                writer.WriteLine("```");
            }
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|");
}
