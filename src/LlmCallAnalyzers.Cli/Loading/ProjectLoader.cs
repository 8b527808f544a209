using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;

namespace LlmCallAnalyzers.Cli.Loading;

/// <summary>
/// Loads a project, a solution or a folder with MSBuildWorkspace (after restoring it) and hands over each C# project's
/// compilation. A restore failure, a project MSBuild cannot evaluate or a compile error is bad input (exit code 2)
/// with one line naming the problem.
/// </summary>
public static class ProjectLoader
{
    /// <summary>Loads <paramref name="path"/> and calls <paramref name="onProject"/> for each C# project, one at a time (so compilations can be released).</summary>
    public static async Task<int> LoadAsync(string path, LoadOptions options, IProgressReporter progress, Func<LoadedProject, int, int, Task> onProject, CancellationToken cancellationToken)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (onProject is null) throw new ArgumentNullException(nameof(onProject));
        var input = InputResolver.Resolve(path);
        MsBuildRegistration.Ensure();
        if (options.Restore)
        {
            foreach (var file in input.Paths)
            {
                progress.Report("Restoring " + Path.GetFileName(file));
                await DotnetRestore.RunAsync(file, options.Properties, cancellationToken).ConfigureAwait(false);
            }
        }

        return await LoadWithWorkspaceAsync(input, options, progress, onProject, cancellationToken).ConfigureAwait(false);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<int> LoadWithWorkspaceAsync(ResolvedInput input, LoadOptions options, IProgressReporter progress, Func<LoadedProject, int, int, Task> onProject, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, string>(options.Properties, StringComparer.OrdinalIgnoreCase);
        using var workspace = MSBuildWorkspace.Create(properties);
        var failures = new List<string>();
        using var registration = workspace.RegisterWorkspaceFailedHandler(e =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
            {
                lock (failures)
                {
                    failures.Add(e.Diagnostic.Message);
                }
            }
        });

        var loadProgress = new Progress<ProjectLoadProgress>(p => progress.Report($"Loading {Path.GetFileName(p.FilePath)} ({p.Operation})"));
        var selected = new List<Project>();
        try
        {
            if (input.Kind == InputKind.Solution)
            {
                progress.Report("Loading " + Path.GetFileName(input.Paths[0]));
                var solution = await workspace.OpenSolutionAsync(input.Paths[0], loadProgress, cancellationToken).ConfigureAwait(false);
                selected.AddRange(solution.Projects);
            }
            else
            {
                foreach (var file in input.Paths)
                {
                    progress.Report("Loading " + Path.GetFileName(file));
                    var project = await workspace.OpenProjectAsync(file, loadProgress, cancellationToken).ConfigureAwait(false);
                    selected.Add(project);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            string reason = FirstFailure(failures) ?? ex.Message;
            throw new CliException($"cannot load {input.Paths[0]}: {reason}", ex);
        }

        // One project per file: a multi-targeted project appears once per target framework.
        var projects = selected
            .Where(p => p.Language == LanguageNames.CSharp && p.FilePath is not null)
            .GroupBy(p => p.FilePath!, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

        if (projects.Count == 0)
        {
            string reason = FirstFailure(failures) ?? "no C# project in it";
            throw new CliException($"cannot load {input.Paths[0]}: {reason}");
        }

        for (int i = 0; i < projects.Count; i++)
        {
            var project = projects[i];
            string name = StripFramework(project.Name);
            progress.Report($"Compiling {name} ({i + 1}/{projects.Count})");
            if (project.DocumentIds.Count == 0 && FirstFailure(failures, project.FilePath) is string projectFailure)
            {
                throw new CliException($"cannot load {project.FilePath}: {projectFailure}");
            }

            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"cannot compile {project.FilePath}");
            if (!options.AllowCompileErrors)
            {
                CheckCompiles(project.FilePath!, compilation, failures, cancellationToken);
            }

            progress.Report($"Analyzing {name} ({i + 1}/{projects.Count})");
            await onProject(new LoadedProject(name, project.FilePath!, compilation, project.AnalyzerOptions), i, projects.Count).ConfigureAwait(false);
        }

        return projects.Count;
    }

    private static void CheckCompiles(string projectPath, Compilation compilation, List<string> failures, CancellationToken cancellationToken)
    {
        var error = compilation.GetDiagnostics(cancellationToken).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is null)
        {
            return;
        }

        string where = Path.GetFileName(projectPath);
        if (error.Location.IsInSource)
        {
            var span = error.Location.GetLineSpan();
            where = $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
        }

        string hint = FirstFailure(failures, projectPath) is string failure ? " (MSBuild: " + failure + ")" : string.Empty;
        throw new CliException($"build failed: {where}: error {error.Id}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}{hint}; pass --allow-errors to analyze anyway");
    }

    private static string? FirstFailure(List<string> failures, string? projectPath = null)
    {
        lock (failures)
        {
            var matching = projectPath is null ? failures : failures.Where(f => f.Contains(projectPath, StringComparison.OrdinalIgnoreCase)).ToList();
            return matching.Count > 0 ? string.Join(" ", matching[0].Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim())) : null;
        }
    }

    private static string StripFramework(string name)
    {
        int paren = name.IndexOf('(');
        return paren > 0 && name.EndsWith(')') ? name.Substring(0, paren) : name;
    }
}
