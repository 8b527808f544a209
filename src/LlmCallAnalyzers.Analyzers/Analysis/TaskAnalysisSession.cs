using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Model;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// One compilation's analysis, shared by every callback of the analyzer (and by the CLI and the estimate generator):
/// on-demand summaries, composed trees, the model parameters of each file, task evaluations and the task index. Each
/// is computed once per compilation, whichever file asks first, and gives the same answer whatever the order.
/// Thread-safe.
/// </summary>
internal sealed class TaskAnalysisSession
{
    private readonly AnalyzerOptions _options;
    private readonly ConcurrentDictionary<AnalyzerConfigOptions, ModelParameters> _parameters = new();
    // One evaluator a thread: evaluations are pure and each evaluator only caches, so threads reporting side by side
    // (a build's compilation end) do not queue on one lock node by node; the answers are the same from any of them.
    private readonly ThreadLocal<TaskEvaluator> _evaluators = new(() => new TaskEvaluator());
    private readonly object _indexGate = new();
    private volatile TaskIndex? _index;
    private (List<IMethodSymbol> Candidates, CooperativeReach Reach)? _taskReach;
    // In a derived session: every method of the root's call graph that reaches a method the edits changed.
    private readonly Lazy<HashSet<IMethodSymbol>>? _changedReach;

    public TaskAnalysisSession(Compilation compilation, CallSiteCatalog catalog, AnalyzerOptions options, MeasuredAvailability measured, Func<SyntaxTree, SemanticModel> modelOf)
    {
        _options = options;
        Measured = measured;
        var summarizer = new MethodSummarizer(compilation, catalog, new DispatchSetting(options.AnalyzerConfigOptionsProvider));
        Store = new SummaryStore(compilation, summarizer, modelOf);
        Composer = new TaskComposer(Store, ReadFineTunedModels(options));
        Program = compilation;
    }

    /// <summary>
    /// The session of an edited program, in <paramref name="root"/>'s symbols (see <see cref="EditedSession"/>): its
    /// store and composer start from <paramref name="root"/>'s, with the edited file's declarations summarized again
    /// (<paramref name="replaced"/>); of those, <paramref name="changed"/> are the ones whose code the edit changed.
    /// </summary>
    public TaskAnalysisSession(TaskAnalysisSession root, Compilation program, IReadOnlyList<TreeEdit> edits, SummaryStore store, HashSet<IMethodSymbol> replaced, HashSet<IMethodSymbol> changed)
    {
        _changedReach = new Lazy<HashSet<IMethodSymbol>>(() => root.Composer.Graph.KnownCallersOf(changed));
        _options = root._options;
        Measured = root.Measured;
        Store = store;
        Composer = new TaskComposer(store, root.Composer, replaced);
        Program = program;
        Root = root;
        Edits = edits;
        lock (root._indexGate)
        {
            // The tasks are declared outside bodies: the root's candidates hold (read under its lock: a struct).
            _taskReach = root._taskReach is { } started ? (started.Candidates, new CooperativeReach(Composer.Graph, started.Candidates)) : null;
        }
    }

    /// <summary>The compilation this session answers for (for an edited program, not the one its symbols come from).</summary>
    public Compilation Program { get; }

    /// <summary>
    /// Whether, in a session derived from <see cref="Root"/>, <paramref name="method"/> reaches no code the edits changed:
    /// then its estimate is <see cref="Root"/>'s (its tree may differ only in where its nodes point). False in a session of its own.
    /// </summary>
    public bool EstimateUnchanged(IMethodSymbol method) => _changedReach is { } reach && !reach.Value.Contains(method);

    /// <summary>The session an edited program's session was derived from; null for a session of its own.</summary>
    public TaskAnalysisSession? Root { get; }

    /// <summary>The edited files from <see cref="Root"/>'s program to this one; empty for a session of its own.</summary>
    public IReadOnlyList<TreeEdit> Edits { get; } = Array.Empty<TreeEdit>();

    /// <summary>Whether <paramref name="tree"/> is an edited file's version in <see cref="Root"/>'s program (not in this one).</summary>
    public bool IsReplacedTree(SyntaxTree? tree)
    {
        foreach (var edit in Edits)
        {
            if (edit.OldTree == tree)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The edit that made <paramref name="newTree"/>; null when it is not an edited file's new tree.</summary>
    public TreeEdit? EditOf(SyntaxTree newTree)
    {
        foreach (var edit in Edits)
        {
            if (edit.NewTree == newTree)
            {
                return edit;
            }
        }

        return null;
    }

    public SummaryStore Store { get; }

    public TaskComposer Composer { get; }

    public MeasuredAvailability Measured { get; }

    public AnalyzerOptions Options => _options;

    /// <summary>
    /// The tasks and which task reaches each method; built on first use. It reads what every task reaches: each thread
    /// that asks before it is built takes part in that reading (<see cref="CooperativeReach"/>) rather than waiting.
    /// </summary>
    public TaskIndex Tasks(CancellationToken cancellationToken)
    {
        if (_index is { } built)
        {
            return built;
        }

        (List<IMethodSymbol> Candidates, CooperativeReach Reach) taskReach;
        lock (_indexGate)
        {
            if (_index is { } done)
            {
                return done;
            }

            if (_taskReach is not { } started)
            {
                var candidates = TaskIndex.Candidates(Store, cancellationToken);
                started = (candidates, new CooperativeReach(Composer.Graph, candidates));
                _taskReach = started;
            }

            taskReach = started;
        }

        taskReach.Reach.Complete(cancellationToken);
        lock (_indexGate)
        {
            return _index ??= TaskIndex.Build(Store, Composer.Graph, taskReach.Candidates, cancellationToken);
        }
    }

    /// <summary>
    /// <paramref name="owner"/> (a declaration of <paramref name="compilation"/>) as a symbol of this session's
    /// compilation: itself when they are the same compilation; else the member with the same declaring syntax, found
    /// through the session's semantic model of its file (<see cref="SessionReuse"/>). Null when there is none.
    /// </summary>
    public ISymbol? OwnerFor(ISymbol owner, Compilation compilation, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(compilation, Store.Compilation))
        {
            return owner;
        }

        if (owner.DeclaringSyntaxReferences.Length == 0)
        {
            return null;
        }

        var reference = owner.DeclaringSyntaxReferences[0];
        var node = reference.GetSyntax(cancellationToken);
        var (tree, span) = (reference.SyntaxTree, reference.Span);
        if (EditOf(tree) is { } edit)
        {
            // The edited file: the same declaration in the tree this session's symbols were declared in.
            if (edit.OldNodeFor(node, cancellationToken) is not { } old)
            {
                return null;
            }

            (node, tree, span) = (old, old.SyntaxTree, old.Span);
        }

        var model = Store.ModelOf(tree);
        if (model.GetDeclaredSymbol(node, cancellationToken) is { } declared && Corresponds(declared, owner, tree, span))
        {
            return declared;
        }

        // Accessors of expression-bodied properties, primary constructors and the like: the containing type's member
        // declared by the same syntax.
        if (owner.ContainingType is { } type && OwnerFor(type, compilation, cancellationToken) is INamedTypeSymbol keptType)
        {
            foreach (var member in keptType.GetMembers(owner.Name))
            {
                if (Corresponds(member, owner, tree, span))
                {
                    return member;
                }
            }

            if (owner is IMethodSymbol { AssociatedSymbol: { } property } accessor && OwnerFor(property, compilation, cancellationToken) is IPropertySymbol keptProperty)
            {
                var keptAccessor = accessor.MethodKind == MethodKind.PropertyGet ? keptProperty.GetMethod : keptProperty.SetMethod;
                if (keptAccessor is not null && Corresponds(keptAccessor, owner, tree, span))
                {
                    return keptAccessor;
                }
            }
        }

        return null;
    }

    private static bool Corresponds(ISymbol kept, ISymbol owner, SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        if (kept.Kind != owner.Kind || kept.Name != owner.Name)
        {
            return false;
        }

        foreach (var keptReference in kept.DeclaringSyntaxReferences)
        {
            if (keptReference.SyntaxTree == tree && keptReference.Span == span)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The model parameters that apply to <paramref name="method"/>'s file (.editorconfig, measured availability).</summary>
    public ModelParameters ParametersFor(IMethodSymbol method)
    {
        var options = OptionsFor(method);
        return _parameters.GetOrAdd(options, o => ModelOptions.Read(o, Measured, new List<ConfigurationProblem>()));
    }

    /// <summary>The composed tree and figures of <paramref name="task"/> under its file's parameters.</summary>
    public TaskEvaluation Evaluate(MethodSummary task, CancellationToken cancellationToken = default)
    {
        var tree = Composer.TreeOf(task.Method, cancellationToken);
        var parameters = ParametersFor(task.Method);
        var evaluator = _evaluators.Value!;
        lock (evaluator)
        {
            return evaluator.Evaluate(task, tree, parameters);
        }
    }

    /// <summary>
    /// The invalid configuration values that apply: the global ones, then those of each task's file in task order
    /// (each key once, the first reason kept).
    /// </summary>
    public IEnumerable<ConfigurationProblem> ConfigurationProblems(CancellationToken cancellationToken)
    {
        var problems = new List<ConfigurationProblem>();
        ModelOptions.Read(_options.AnalyzerConfigOptionsProvider.GlobalOptions, Measured, problems);
        var read = new HashSet<AnalyzerConfigOptions> { _options.AnalyzerConfigOptionsProvider.GlobalOptions };
        foreach (var task in Tasks(cancellationToken).Tasks)
        {
            var options = OptionsFor(task.Method);
            if (read.Add(options))
            {
                ModelOptions.Read(options, Measured, problems);
            }
        }

        return problems.GroupBy(p => p.Key).Select(g => g.First());
    }

    private AnalyzerConfigOptions OptionsFor(IMethodSymbol method)
    {
        var tree = method.Locations.FirstOrDefault(l => l.IsInSource)?.SourceTree;
        return tree is null ? _options.AnalyzerConfigOptionsProvider.GlobalOptions : _options.AnalyzerConfigOptionsProvider.GetOptions(tree);
    }

    private static FineTunedModels ReadFineTunedModels(AnalyzerOptions options)
    {
        if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(ModelOptions.FineTunedModelsKey, out var list) && !string.IsNullOrWhiteSpace(list))
        {
            return new FineTunedModels(list.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries));
        }

        return FineTunedModels.Default;
    }
}
