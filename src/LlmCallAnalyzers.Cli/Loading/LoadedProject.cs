using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;

namespace LlmCallAnalyzers.Cli.Loading;

/// <summary>One loaded C# project: its compilation and the analyzer options MSBuild gives it.</summary>
public sealed class LoadedProject
{
    internal LoadedProject(string name, string filePath, Compilation compilation, AnalyzerOptions analyzerOptions)
    {
        Name = name;
        FilePath = filePath;
        Compilation = compilation;
        AnalyzerOptions = analyzerOptions;
    }

    /// <summary>The project name (the target framework stripped).</summary>
    public string Name { get; }

    /// <summary>The project file.</summary>
    public string FilePath { get; }

    /// <summary>The compilation.</summary>
    public Compilation Compilation { get; }

    /// <summary>The project's additional files (<c>llm-availability*.txt</c>, <c>llm-calls*.txt</c>) and .editorconfig options.</summary>
    public AnalyzerOptions AnalyzerOptions { get; }
}
