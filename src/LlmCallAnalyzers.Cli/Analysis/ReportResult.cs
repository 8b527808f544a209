using System.Collections.Generic;
using System.Linq;
using LlmCallAnalyzers.Analyzers;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Cli.Analysis;

/// <summary>What <c>llmslo report</c> found: every task of every project.</summary>
public sealed class ReportResult
{
    /// <summary>Creates the result.</summary>
    public ReportResult(string input, IReadOnlyList<ProjectTasks> projects)
    {
        Input = input;
        Projects = projects;
    }

    /// <summary>The path the user gave.</summary>
    public string Input { get; }

    /// <summary>The projects, ordered by name.</summary>
    public IReadOnlyList<ProjectTasks> Projects { get; }

    /// <summary>Every task with the project it belongs to.</summary>
    public IEnumerable<(ProjectTasks Project, TaskReport Task)> AllTasks => Projects.SelectMany(p => p.Tasks.Select(t => (p, t)));

    /// <summary>True when a task with a declared SLO does not meet it (below it, or unbounded).</summary>
    public bool AnySloMissed => AllTasks.Any(x => FallsShort(x.Task));

    /// <summary>A task falls short when it declares an SLO that its worst case does not meet.</summary>
    public static bool FallsShort(TaskReport task) => task.Slo is not null && task.Verdict != TaskVerdict.Meets;
}
