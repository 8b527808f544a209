using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// The estimates of a compilation's task roots, computed the way the analyzer computes them — one
/// <see cref="TaskAnalysisSession"/> whose <see cref="SummaryStore"/> reads each declaration on demand — starting from
/// the roots and walking only what they reach: code no task reaches is never bound. The roots of one compilation are
/// computed together, in parallel (the session is thread-safe and its results do not depend on the order), the first
/// time the pipeline asks for one of them; the others are then read from the batch, which lives as long as the
/// compilation. In the compiler server, a build whose edits since the last one are inside bodies starts from that
/// build's session and binds only the edited files again (<see cref="RebuildSessions"/>).
/// </summary>
internal static class TaskRootEstimates
{
    private static readonly ConditionalWeakTable<Compilation, Batch> Batches = new();

    // The lines a session computed, by root, for the sessions derived from it (see Lines): as long as the session lives.
    private static readonly ConditionalWeakTable<TaskAnalysisSession, ConcurrentDictionary<TaskRoot, KeptLine>> KeptLines = new();

    /// <summary>The estimate lines of <paramref name="root"/>: none when it is not a task (or the generator has nothing to write).</summary>
    public static TaskEstimateLines Of(TaskRoot root, TaskRootSet roots, Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var batch = Batches.GetValue(compilation, static _ => new Batch());
        return batch.Get(roots, options, compilation, cancellationToken).TryGetValue(root, out var lines) ? lines : TaskEstimateLines.None;
    }

    /// <summary>
    /// The estimate lines of <paramref name="roots"/>, by root, from a session made anew; <paramref name="modelOf"/> gives
    /// the semantic model of each file the walk reads. With <paramref name="rebuilds"/>, a session kept from an earlier
    /// build of the project answers instead when it may (<see cref="RebuildSessions"/>), and a new one is kept.
    /// </summary>
    public static Dictionary<TaskRoot, TaskEstimateLines> Compute(Compilation compilation, AnalyzerOptions options, IReadOnlyList<TaskRoot> roots, Func<SyntaxTree, SemanticModel> modelOf, CancellationToken cancellationToken, RebuildSessions? rebuilds = null)
    {
        if (rebuilds?.Derive(compilation, options, cancellationToken) is { } carried)
        {
            return Lines(carried.Session, carried.Program, roots, cancellationToken);
        }

        var inputs = CompilationInputs.Read(options, cancellationToken);
        var catalog = CallSiteCatalog.Create(compilation, inputs.ExtraEntries);
        if (!catalog.HasEntryPoints)
        {
            return new Dictionary<TaskRoot, TaskEstimateLines>(); // as the analysis: no LLM SDK, no task estimates
        }

        var session = new TaskAnalysisSession(compilation, catalog, options, inputs.Measured, modelOf);
        var lines = Lines(session, compilation, roots, cancellationToken);
        rebuilds?.Keep(session);
        return lines;
    }

    /// <summary>
    /// The lines of <paramref name="roots"/> (places in <paramref name="program"/>'s trees) by <paramref name="session"/>.
    /// A session kept between builds remembers each root's line: when it answers again for the same text, and when a
    /// session derived from it answers for a root of a file not edited whose task reaches no code the edits changed
    /// (<see cref="TaskAnalysisSession.EstimateUnchanged"/>), the line is the kept one.
    /// </summary>
    private static Dictionary<TaskRoot, TaskEstimateLines> Lines(TaskAnalysisSession session, Compilation program, IReadOnlyList<TaskRoot> roots, CancellationToken cancellationToken)
    {
        var treeOrder = new Dictionary<SyntaxTree, int>();
        var treesByPath = new Dictionary<string, List<SyntaxTree>>(StringComparer.Ordinal);
        foreach (var tree in program.SyntaxTrees)
        {
            treeOrder[tree] = treeOrder.Count;
            if (!treesByPath.TryGetValue(tree.FilePath, out var trees))
            {
                treesByPath[tree.FilePath] = trees = new List<SyntaxTree>();
            }

            trees.Add(tree);
        }

        var kept = KeptLines.GetValue(session.Root ?? session, static _ => new ConcurrentDictionary<TaskRoot, KeptLine>());
        var edited = new HashSet<string>(session.Edits.Select(static e => e.NewTree.FilePath), StringComparer.Ordinal);
        var results = new TaskEstimateLines[roots.Count];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, roots.Count, parallel, i =>
            {
                var root = roots[i];
                if (kept.TryGetValue(root, out var line) && (session.Root is null || (!edited.Contains(root.Path) && line.Tasks.All(session.EstimateUnchanged))))
                {
                    results[i] = line.Lines;
                    return;
                }

                var estimate = Estimate(root, treesByPath, session, treeOrder, cancellationToken);
                results[i] = estimate.Lines;
                if (session.Root is null)
                {
                    kept.TryAdd(root, estimate);
                }
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        var lines = new Dictionary<TaskRoot, TaskEstimateLines>();
        for (int i = 0; i < roots.Count; i++)
        {
            lines[roots[i]] = results[i];
        }

        return lines;
    }

    /// <summary>
    /// The root's line, when it is a task as the analysis defines one (<see cref="TaskIndex"/>): a method with a body,
    /// not abstract, that carries the compilation's own <c>[TaskSlo]</c> or <c>[AgentStep]</c>; and the tasks it was computed from.
    /// </summary>
    private static KeptLine Estimate(TaskRoot root, Dictionary<string, List<SyntaxTree>> treesByPath, TaskAnalysisSession session, Dictionary<SyntaxTree, int> treeOrder, CancellationToken cancellationToken)
    {
        if (!treesByPath.TryGetValue(root.Path, out var trees))
        {
            return KeptLine.None;
        }

        var attributes = session.Store.Summarizer.Attributes;
        var lines = ImmutableArray.CreateBuilder<TaskEstimateLine>();
        var tasks = ImmutableArray.CreateBuilder<IMethodSymbol>();
        foreach (var tree in trees)
        {
            // In a session carried over from an earlier build, an edited file's declarations are the kept program's.
            if (Declaration(tree, root.Position, cancellationToken) is not { } declaration
                || session.Store.ModelOf(tree) is not { } model
                || model.GetDeclaredSymbol(declaration, cancellationToken) is not { } declared
                || session.OwnerFor(declared, model.Compilation, cancellationToken) is not IMethodSymbol method
                || method.IsAbstract || !TaskIndex.HasTaskAttribute(method, attributes)
                || session.Store.SummaryOf(method, cancellationToken) is not { Attributes.IsTask: true } summary)
            {
                continue;
            }

            var evaluation = session.Evaluate(summary, cancellationToken);
            var report = new TaskReport(evaluation, summary.Attributes.Slo is not null ? TaskKind.TaskSlo : TaskKind.AgentStep);
            var location = summary.Location.IsInSource ? summary.Location : null; // in the edited file's new tree when carried over
            int order = location?.SourceTree is { } source && treeOrder.TryGetValue(source, out int index) ? index : int.MaxValue;
            lines.Add(new TaskEstimateLine(report.TaskName, order, location?.SourceSpan.Start ?? 0, EmbeddedEstimateAttribute.Render(report.ToEmbedded())));
            tasks.Add(method);
        }

        return lines.Count == 0 ? KeptLine.None : new KeptLine(tasks.ToImmutable(), new TaskEstimateLines(lines.ToImmutable()));
    }

    /// <summary>The method declaration that starts at <paramref name="position"/> in <paramref name="tree"/>.</summary>
    private static MethodDeclarationSyntax? Declaration(SyntaxTree tree, int position, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        if (position < 0 || position >= root.FullSpan.End)
        {
            return null;
        }

        foreach (var node in root.FindToken(position).Parent?.AncestorsAndSelf() ?? Enumerable.Empty<SyntaxNode>())
        {
            if (node is MethodDeclarationSyntax method && method.SpanStart == position)
            {
                return method;
            }
        }

        return null;
    }

    /// <summary>A root's lines and the task methods they were computed from (none when the root is not a task).</summary>
    private sealed record KeptLine(ImmutableArray<IMethodSymbol> Tasks, TaskEstimateLines Lines)
    {
        public static readonly KeptLine None = new(ImmutableArray<IMethodSymbol>.Empty, TaskEstimateLines.None);
    }

    /// <summary>The lines of one compilation's roots, computed once for a given root set and options.</summary>
    private sealed class Batch
    {
        private readonly object _gate = new();
        private TaskRootSet? _roots;
        private AnalyzerOptions? _options;
        private Dictionary<TaskRoot, TaskEstimateLines>? _lines;

        public Dictionary<TaskRoot, TaskEstimateLines> Get(TaskRootSet roots, AnalyzerOptions options, Compilation compilation, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_lines is null || !roots.Equals(_roots) || !SameOptions(options, _options))
                {
                    _lines = Compute(compilation, options, roots.Roots, SemanticModelSummaries.ModelsOf(compilation), cancellationToken, RebuildSessions.Shared);
                    _roots = roots;
                    _options = options;
                }

                return _lines;
            }
        }

        private static bool SameOptions(AnalyzerOptions options, AnalyzerOptions? previous)
            => previous is not null && ReferenceEquals(options.AnalyzerConfigOptionsProvider, previous.AnalyzerConfigOptionsProvider)
                && options.AdditionalFiles.SequenceEqual(previous.AdditionalFiles);
    }
}
