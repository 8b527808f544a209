using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LlmCallAnalyzers.Cli.Loading;

/// <summary>
/// Resolves the path a user gave: a project file, a solution, or a folder holding exactly one solution (preferred) or
/// one or more C# project files. Anything else is bad input (exit code 2).
/// </summary>
internal static class InputResolver
{
    private static readonly string[] s_solutionExtensions = { ".sln", ".slnx" };

    public static ResolvedInput Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException("no project, solution or folder given");
        }

        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return ResolveFolder(path, full);
        }

        if (!File.Exists(full))
        {
            throw new CliException($"{path}: no such file or folder");
        }

        string extension = Path.GetExtension(full);
        if (s_solutionExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return new ResolvedInput(InputKind.Solution, new[] { full });
        }

        if (extension.Equals(".csproj", StringComparison.OrdinalIgnoreCase))
        {
            return new ResolvedInput(InputKind.Project, new[] { full });
        }

        if (extension.Equals(".vbproj", StringComparison.OrdinalIgnoreCase) || extension.Equals(".fsproj", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"{path}: only C# projects are analyzed (expected a .csproj, .sln or .slnx)");
        }

        throw new CliException($"{path}: not a project, solution or folder (expected a .csproj, .sln or .slnx)");
    }

    private static ResolvedInput ResolveFolder(string given, string folder)
    {
        var solutions = s_solutionExtensions
            .SelectMany(e => Directory.EnumerateFiles(folder, "*" + e, SearchOption.TopDirectoryOnly))
            .Where(f => s_solutionExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        if (solutions.Count == 1)
        {
            return new ResolvedInput(InputKind.Solution, solutions);
        }

        if (solutions.Count > 1)
        {
            throw new CliException($"{given}: several solutions ({string.Join(", ", solutions.Select(Path.GetFileName))}); name one");
        }

        var projects = Directory.EnumerateFiles(folder, "*.csproj", SearchOption.TopDirectoryOnly).OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (projects.Count == 0)
        {
            throw new CliException($"{given}: no .csproj, .sln or .slnx in this folder");
        }

        return new ResolvedInput(projects.Count == 1 ? InputKind.Project : InputKind.Projects, projects);
    }
}
