using System.Collections.Generic;
using System.Linq;
using LlmCallAnalyzers.Analyzers;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Cli.Analysis;

/// <summary>The tasks of one project.</summary>
public sealed class ProjectTasks
{
    /// <summary>Creates the project's result.</summary>
    public ProjectTasks(string name, string filePath, IReadOnlyList<TaskReport> tasks, IReadOnlyList<Diagnostic>? findings = null)
    {
        Name = name;
        FilePath = filePath;
        Tasks = tasks;
        Findings = findings ?? System.Array.Empty<Diagnostic>();
    }

    /// <summary>The project name.</summary>
    public string Name { get; }

    /// <summary>The project file.</summary>
    public string FilePath { get; }

    /// <summary>The tasks, ordered by name.</summary>
    public IReadOnlyList<TaskReport> Tasks { get; }

    /// <summary>The analyzer's diagnostics, as the build reports them (<see cref="AnalyzerFindings"/>); empty unless asked for.</summary>
    public IReadOnlyList<Diagnostic> Findings { get; }
}

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
