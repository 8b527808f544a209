using System;
using System.CommandLine;
using System.Linq;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Cli.Loading;
using LlmCallAnalyzers.Cli.Output;

namespace LlmCallAnalyzers.Cli.Commands;

/// <summary>
/// <c>llmslo explain &lt;project&gt; &lt;task&gt;</c>: one task's path to its calls, its availability written out step by
/// step, and what would change its verdict. Exit codes as <c>report</c> for that one task; an unknown or ambiguous task
/// name is bad input (2).
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(CliIO io)
    {
        var project = new ProjectOptions();
        var taskName = new Argument<string>("task") { Description = "The task: its full name (Namespace.Type.Method), Type.Method, or the method's name when it is unique" };
        var tree = TreeOption.Create("'--tree full' shows every node of the call tree, not only the paths to model calls");
        var command = new Command("explain", "Explain one task's figure: where its calls are, the arithmetic step by step, and what would change the verdict");
        project.AddTo(command);
        command.Add(taskName);
        command.Add(tree);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(project.Path)!;
            string name = parse.GetValue(taskName)!;
            var options = project.LoadOptions(parse);
            var result = await ProgressDisplay.RunAsync(io, parse.GetValue(project.Verbose), parse.GetValue(project.Quiet), progress =>
                ReportCommand.AnalyzeAsync(path, options, includePublicEntryPoints: !parse.GetValue(project.AnnotatedOnly), progress, cancellationToken)).ConfigureAwait(false);
            var task = Find(result.AllTasks.Select(t => t.Task).ToList(), name, path);
            ExplainFormatter.Write(io.Output, task, parse.GetValue(tree) ?? TreeMode.Pruned);
            io.Output.Flush();
            return Analysis.ReportResult.FallsShort(task) ? ExitCodes.Findings : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The task named <paramref name="name"/>: by full name, else by a unique <c>.Type.Method</c> or <c>.Method</c> suffix.</summary>
    internal static TaskReport Find(System.Collections.Generic.IReadOnlyList<TaskReport> tasks, string name, string path)
    {
        var exact = tasks.Where(t => string.Equals(t.TaskName, name, StringComparison.Ordinal)).ToList();
        var matches = exact.Count > 0 ? exact : tasks.Where(t => t.TaskName.EndsWith("." + name, StringComparison.Ordinal)).ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        if (matches.Count > 1)
        {
            throw new CliException($"task name '{name}' matches {string.Join(", ", matches.Select(m => m.TaskName))}: give the full name");
        }

        throw new CliException($"no task named '{name}' in {path} (of {tasks.Count}); 'llmslo report {path}' lists the task names");
    }
}
