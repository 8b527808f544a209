using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Generators;

/// <summary>
/// Writes each task's static estimate into the compiled assembly as
/// <c>[assembly: LlmTaskEstimate("Ns.Type.Method", minCalls, maxCalls, availability, slo)]</c>, so the runtime and the
/// <c>llmslo confirm</c> command compare production with what the build predicted, with no side file. It runs as
/// implementation output (at build time only, never while typing in the IDE), and by default only in projects that
/// reference LlmCallAnalyzers.Runtime (see <see cref="EnabledProperty"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LlmTaskEstimateGenerator : IIncrementalGenerator
{
    /// <summary>
    /// The MSBuild property <c>LlmCallAnalyzersEmitEstimates</c>: <c>true</c> or <c>false</c> forces the generator on or
    /// off. Unset, it runs only when the project references LlmCallAnalyzers.Runtime — the estimates' reader — because
    /// it binds a second time the code its tasks reach (a generator cannot see the compiler's own binding; see
    /// docs/performance.md).
    /// </summary>
    public const string EnabledProperty = "build_property.LlmCallAnalyzersEmitEstimates";

    internal static bool IsEnabled(Compilation compilation, AnalyzerConfigOptionsProvider optionsProvider)
    {
        if (optionsProvider.GlobalOptions.TryGetValue(EnabledProperty, out var value) && !string.IsNullOrWhiteSpace(value))
        {
            return !string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase);
        }

        // By file name, among the references passed to the compiler: asking for the referenced assemblies' names (or
        // for References, which includes #r directives) binds every reference here, in the generator.
        foreach (var reference in compilation.ExternalReferences)
        {
            if (reference is PortableExecutableReference { FilePath: { } path }
                && string.Equals(System.IO.Path.GetFileName(path), "LlmCallAnalyzers.Runtime.dll", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The names of the pipeline's steps, for generator tests that follow what a rerun recomputes.</summary>
    internal static class TrackingNames
    {
        public const string FileRoots = nameof(FileRoots);
        public const string Roots = nameof(Roots);
        public const string Enabled = nameof(Enabled);
        public const string TaskEstimate = nameof(TaskEstimate);
        public const string Source = nameof(Source);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Task roots by attribute name, from each file's declarations, binding nothing (whether each is a task, the
        // estimate step checks when it binds the method). A file the compilation shares with the last run is not read again.
        var roots = context.CompilationProvider
            .SelectMany(static (compilation, _) => compilation.SyntaxTrees)
            .Select(static (tree, cancellationToken) => TaskRootCandidates.Find(tree, cancellationToken))
            .WithTrackingName(TrackingNames.FileRoots)
            .Collect()
            .Select(static (files, _) => TaskRootCandidates.Merge(files))
            .WithTrackingName(TrackingNames.Roots);

        var enabled = context.CompilationProvider.Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => IsEnabled(pair.Left, pair.Right) && pair.Left.GetTypeByMetadataName(EmbeddedEstimateAttribute.FullName) is not null)
            .WithTrackingName(TrackingNames.Enabled);
        var compilation = context.CompilationProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Combine(context.AdditionalTextsProvider.Collect());

        // One step per root: its value is the rendered line, so a rerun whose estimates are unchanged stops here.
        var estimates = roots.SelectMany(static (set, _) => set.Roots)
            .Combine(roots)
            .Combine(enabled)
            .Combine(compilation)
            .Select(static (input, cancellationToken) =>
            {
                var (((root, set), on), ((compilation, optionsProvider), additionalTexts)) = input;
                return on ? TaskRootEstimates.Of(root, set, compilation, new AnalyzerOptions(additionalTexts, optionsProvider), cancellationToken) : TaskEstimateLines.None;
            })
            .WithTrackingName(TrackingNames.TaskEstimate);

        var source = estimates.Collect()
            .Select(static (lines, _) => Render(lines))
            .WithTrackingName(TrackingNames.Source);
        context.RegisterImplementationSourceOutput(source, static (output, text) =>
        {
            if (text is not null)
            {
                output.AddSource("LlmTaskEstimates.g.cs", text);
            }
        });
    }

    /// <summary>The generated file: the tasks' lines ordered by task name (overloads in declaration order); null when there are none.</summary>
    internal static string? Render(ImmutableArray<TaskEstimateLines> lines)
    {
        var tasks = lines.SelectMany(l => l.Lines)
            .OrderBy(l => l.TaskName, StringComparer.Ordinal).ThenBy(l => l.TreeOrder).ThenBy(l => l.Position)
            .ToList();
        if (tasks.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder();
        sb.AppendLine(Header);
        foreach (var task in tasks)
        {
            sb.AppendLine(task.Line);
        }

        return sb.ToString();
    }

    private const string Header = "// <auto-generated>LlmCallAnalyzers: static estimates of each task's LLM calls, read by LlmCallAnalyzers.Runtime and `llmslo confirm`.</auto-generated>";

    internal static string Render(System.Collections.Generic.IReadOnlyList<TaskReport> tasks)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Header);
        foreach (var task in tasks)
        {
            sb.AppendLine(EmbeddedEstimateAttribute.Render(task.ToEmbedded()));
        }

        return sb.ToString();
    }
}
