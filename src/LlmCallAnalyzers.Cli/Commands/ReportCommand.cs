using System.Collections.Generic;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Cli.Analysis;
using LlmCallAnalyzers.Cli.Loading;
using LlmCallAnalyzers.Cli.Output;

namespace LlmCallAnalyzers.Cli.Commands;

/// <summary>
/// <c>llmslo report &lt;project | solution | folder&gt;</c>: loads the projects, runs the analyzer's task analysis and
/// prints a row per task — calls min..max, composed availability, SLO, verdict. Exit 0 when every declared SLO holds,
/// 1 when one falls short (below it, or unbounded), 2 on bad input.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliIO io)
    {
        var project = new ProjectOptions();
        var tree = TreeOption.Create("Also show each task's call tree with per-node calls, availability, p99 latency and source lines: the paths to model calls, or every node with '--tree full'");
        var format = ProjectOptions.FormatOption(OutputFormat.Table, OutputFormat.Json, OutputFormat.Sarif, OutputFormat.Markdown);
        var command = new Command("report", "Print each LLM task's worst-case calls, composed availability, SLO and verdict");
        project.AddTo(command);
        command.Add(tree);
        command.Add(format);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(project.Path)!;
            var options = project.LoadOptions(parse);
            bool annotatedOnly = parse.GetValue(project.AnnotatedOnly);
            var result = await ProgressDisplay.RunAsync(io, parse.GetValue(project.Verbose), parse.GetValue(project.Quiet), progress =>
                AnalyzeAsync(path, options, !annotatedOnly, progress, cancellationToken, withFindings: ProjectOptions.Format(parse, format) == OutputFormat.Sarif)).ConfigureAwait(false);

            switch (ProjectOptions.Format(parse, format))
            {
                case OutputFormat.Json:
                    ReportJsonFormatter.Write(io.Output, result, parse.GetValue(tree));
                    break;
                case OutputFormat.Sarif:
                    ReportSarifFormatter.Write(io.Output, result);
                    break;
                case OutputFormat.Markdown:
                    ReportMarkdownFormatter.Write(io.Output, result, parse.GetValue(tree));
                    break;
                default:
                    ReportTableFormatter.Write(io.Out, result, parse.GetValue(tree));
                    break;
            }

            io.Output.Flush();
            return result.AnySloMissed ? ExitCodes.Findings : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Loads <paramref name="path"/> and analyzes every C# project in it; with <paramref name="withFindings"/>, also runs
    /// the analyzer itself for the diagnostics the build reports.
    /// </summary>
    public static async Task<ReportResult> AnalyzeAsync(string path, LoadOptions options, bool includePublicEntryPoints, IProgressReporter progress, CancellationToken cancellationToken, bool withFindings = false)
    {
        var projects = new List<ProjectTasks>();
        await ProjectLoader.LoadAsync(path, options, progress, async (project, _, _) =>
        {
            var tasks = LlmTaskAnalysis.Analyze(project.Compilation, project.AnalyzerOptions, includePublicEntryPoints, cancellationToken);
            var findings = withFindings ? await AnalyzerFindings.RunAsync(project.Compilation, project.AnalyzerOptions, cancellationToken).ConfigureAwait(false) : null;
            projects.Add(new ProjectTasks(project.Name, project.FilePath, tasks, findings));
        }, cancellationToken).ConfigureAwait(false);
        return new ReportResult(path, projects);
    }
}
