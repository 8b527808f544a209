using System.Linq;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Cli.Analysis;
using LlmCallAnalyzers.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>Writes <c>llmslo report</c> as a Spectre.Console table per project, and call trees with <c>--tree</c>.</summary>
public static class ReportTableFormatter
{
    /// <summary>Writes the report.</summary>
    public static void Write(IAnsiConsole console, ReportResult result, TreeMode? tree)
    {
        bool several = result.Projects.Count > 1;
        foreach (var project in result.Projects)
        {
            if (several)
            {
                console.Write(new Rule(Markup.Escape(project.Name)) { Justification = Justify.Left });
            }

            if (project.Tasks.Count == 0)
            {
                console.WriteLine($"{project.Name}: no LLM tasks found (no [TaskSlo], no [AgentStep], no public method that reaches an LLM call)");
                continue;
            }

            var table = new Table().Border(TableBorder.Rounded);
            if (!several)
            {
                table.Title(Markup.Escape(project.Name));
            }

            table.AddColumn(new TableColumn("Task").NoWrap());
            table.AddColumn("Kind");
            table.AddColumn(new TableColumn("Calls").RightAligned());
            table.AddColumn(new TableColumn("Availability").RightAligned());
            table.AddColumn(new TableColumn("SLO").RightAligned());
            table.AddColumn("Verdict");
            foreach (var task in project.Tasks)
            {
                var (availability, slo) = Figures.AvailabilityAgainstSlo(task.Estimate.Availability, task.Slo);
                table.AddRow(
                    new Text(task.TaskName),
                    new Text(Figures.Kind(task.Kind)),
                    new Text(Figures.Calls(task.Estimate.MinCalls, task.Estimate.MaxCalls)),
                    new Text(availability),
                    new Text(slo),
                    VerdictCell(task));
            }

            console.Write(table);
            console.WriteLine(Summary(project));
            if (tree is TreeMode mode)
            {
                foreach (var task in project.Tasks)
                {
                    console.WriteLine();
                    console.Write(BuildTree(task, mode));
                }
            }

            console.WriteLine();
        }

        var first = result.AllTasks.Select(x => x.Task).FirstOrDefault();
        if (first is not null)
        {
            var p = first.Parameters;
            console.WriteLine($"Worst case per task; call availability {Percent.Format(p.CallAvailability)}, retry_recoverable {Figures.Number(p.RetryRecoverable)}, provider_outage {Figures.Number(p.ProviderOutage)} unless configured (docs/cli.md).");
        }
    }

    private static IRenderable VerdictCell(TaskReport task)
    {
        string text = Figures.Verdict(task.Verdict);
        if (Figures.Needs(task) is string needs)
        {
            text += " (" + needs + ")";
        }

        var style = task.Verdict switch
        {
            TaskVerdict.Meets => new Style(Color.Green),
            TaskVerdict.BelowSlo => new Style(Color.Red),
            TaskVerdict.Unbounded => new Style(Color.Yellow),
            _ => Style.Plain,
        };
        return new Text(text, style);
    }

    private static string Summary(ProjectTasks project)
    {
        int meets = project.Tasks.Count(t => t.Verdict == TaskVerdict.Meets);
        int below = project.Tasks.Count(t => t.Verdict == TaskVerdict.BelowSlo);
        int unbounded = project.Tasks.Count(t => t.Verdict == TaskVerdict.Unbounded);
        int noSlo = project.Tasks.Count(t => t.Verdict == TaskVerdict.NoSlo);
        return $"{project.Tasks.Count} task{(project.Tasks.Count == 1 ? string.Empty : "s")}: {meets} meet their SLO, {below} below SLO, {unbounded} unbounded, {noSlo} without SLO";
    }

    internal static Tree BuildTree(TaskReport task, TreeMode mode)
    {
        var view = TreeView.Build(task.Tree, task.Parameters, mode, TreeView.MethodName(task));
        var root = new Tree(new Markup($"[bold]{Markup.Escape(task.TaskName)}[/]  {Markup.Escape(TaskFigures(task))}"));
        Add(root.AddNode(Label(view)), view);
        return root;
    }

    private static string TaskFigures(TaskReport task)
        => $"calls {Figures.Calls(task.Estimate.MinCalls, task.Estimate.MaxCalls)} · {Figures.Availability(task.Estimate.Availability)} (task, outages included) · p99 {Figures.Latency(task.Estimate.LatencyP99Ms)}";

    private static void Add(TreeNode parent, TreeViewNode view)
    {
        foreach (var child in view.Children)
        {
            Add(parent.AddNode(Label(child)), child);
        }
    }

    private static IRenderable Label(TreeViewNode node)
        => node.Figures is null
            ? new Text(node.Label, new Style(decoration: Decoration.Italic))
            : new Markup($"{Markup.Escape(node.Label)}  [grey]{Markup.Escape(node.FigureText)}[/]");
}
