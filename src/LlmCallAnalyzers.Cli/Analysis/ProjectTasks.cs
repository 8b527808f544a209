using System.Collections.Generic;
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
