using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Composes method shapes into model call trees across the call graph, on demand: the tree of a method is composed
/// when first asked for, after the trees of everything it reaches (callees before callers); a recursive component is
/// unbounded unless [FanOut] bounds it; [FanOut] replaces the computed range. Callers share their callees' trees (a
/// DAG), so composition is linear in the size of what is reached. Summaries and member facts come from the
/// <see cref="SummaryStore"/>, which reads callees in other files on demand; they are gathered before composing, so
/// composition itself (under one lock, which makes it independent of the order threads ask in) binds nothing.
/// Thread-safe.
/// </summary>
internal sealed class TaskComposer
{
    private readonly SummaryStore _store;
    private readonly FineTunedModels _fineTuned;
    private readonly object _gate = new();
    // Written under _gate, a component at a time, each method's entries before its _composed flag; read without it.
    private readonly ConcurrentDictionary<IMethodSymbol, CallTree> _trees;
    private readonly ConcurrentDictionary<IMethodSymbol, List<UnboundedSource>> _unbounded;
    private readonly ConcurrentDictionary<IMethodSymbol, long> _suggestedFanOut;
    // Probes are pure: one evaluator (a cache) a thread, so that probing needs no lock (see Probe).
    private readonly ThreadLocal<CallTreeEvaluator> _probes = new(() => new CallTreeEvaluator());

    // The methods composed: their entries above are complete (gathering skips them).
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _composed;

    /// <summary>
    /// The iterations (recursion levels) assumed for an unbounded source when suggesting a <c>[FanOut(n)]</c> bound;
    /// the code fix of LLM002 names it in its title.
    /// </summary>
    public const int AssumedIterations = 10;

    public TaskComposer(SummaryStore store, FineTunedModels fineTuned)
    {
        _store = store;
        _fineTuned = fineTuned;
        _composed = DeclarationMaps.Create<IMethodSymbol, bool>(store.Compilation, SymbolEqualityComparer.Default);
        _trees = DeclarationMaps.Create<IMethodSymbol, CallTree>(store.Compilation, SymbolEqualityComparer.Default);
        _unbounded = DeclarationMaps.Create<IMethodSymbol, List<UnboundedSource>>(store.Compilation, SymbolEqualityComparer.Default);
        _suggestedFanOut = DeclarationMaps.Create<IMethodSymbol, long>(store.Compilation, SymbolEqualityComparer.Default);
        Graph = new CallGraph(store, DelegateTargetOf);
    }

    /// <summary>
    /// The composer of an edited program (see <see cref="EditedSession"/>): starts with what <paramref name="base"/> has
    /// composed, but for the <paramref name="replaced"/> methods and every method known to reach one of them.
    /// </summary>
    public TaskComposer(SummaryStore store, TaskComposer @base, HashSet<IMethodSymbol> replaced)
    {
        _store = store;
        _fineTuned = @base._fineTuned;
        _composed = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        _trees = new ConcurrentDictionary<IMethodSymbol, CallTree>(SymbolEqualityComparer.Default);
        _unbounded = new ConcurrentDictionary<IMethodSymbol, List<UnboundedSource>>(SymbolEqualityComparer.Default);
        _suggestedFanOut = new ConcurrentDictionary<IMethodSymbol, long>(SymbolEqualityComparer.Default);
        Graph = new CallGraph(store, DelegateTargetOf, @base.Graph, replaced);
        // The composed methods first, then the edges: a method is marked composed only after the callees of all it
        // reaches were read, so the callers found afterwards include every composed method that reaches a replaced one,
        // even while another thread composes in the base.
        var composed = @base._composed.Keys.ToList();
        var stale = @base.Graph.KnownCallersOf(replaced);
        foreach (var method in composed)
        {
            if (stale.Contains(method) || !@base._trees.TryGetValue(method, out var tree))
            {
                continue;
            }

            _trees[method] = tree;
            if (@base._unbounded.TryGetValue(method, out var sources))
            {
                _unbounded[method] = sources;
            }

            if (@base._suggestedFanOut.TryGetValue(method, out long suggested))
            {
                _suggestedFanOut[method] = suggested;
            }

            _composed[method] = true;
        }
    }

    public CallGraph Graph { get; }

    /// <summary>The summary of <paramref name="method"/>, read on demand.</summary>
    public MethodSummary? SummaryOf(IMethodSymbol method) => _store.SummaryOf(method);

    /// <summary>The composed tree of <paramref name="method"/> (empty when it has nothing to compose).</summary>
    public CallTree TreeOf(IMethodSymbol method, CancellationToken cancellationToken = default)
    {
        Compose(method, cancellationToken);
        return _trees.TryGetValue(method, out var tree) ? tree : CallTree.Empty;
    }

    /// <summary>The lambda or method a delegate field or property holds, as far as its assignments say.</summary>
    public IMethodSymbol? DelegateTargetOf(ISymbol member) => Resolve(new ValueFacts { AliasOf = member }).Delegate;

    /// <summary>The tree of a virtual call once its implementations are composed: one arm per implementation.</summary>
    public CallTree TreeOfDispatch(DispatchShape dispatch, CancellationToken cancellationToken = default)
        => CallTree.Dispatch(dispatch.Label, dispatch.Targets.Select(t => (DispatchShape.ImplementationName(t), TreeOf(t, cancellationToken))).ToList());

    /// <summary>The loops and recursive calls of <paramref name="method"/> that make its fan-out unbounded.</summary>
    public IReadOnlyList<UnboundedSource> UnboundedSourcesOf(IMethodSymbol method, CancellationToken cancellationToken = default)
    {
        Compose(method, cancellationToken);
        return _unbounded.TryGetValue(method, out var list) ? list : (IReadOnlyList<UnboundedSource>)System.Array.Empty<UnboundedSource>();
    }

    /// <summary>
    /// The most LLM calls <paramref name="method"/> would make if each of its unbounded loops ran
    /// <see cref="AssumedIterations"/> times and its recursion went that many levels deep; null when unknown.
    /// </summary>
    public long? SuggestedFanOutOf(IMethodSymbol method, CancellationToken cancellationToken = default)
    {
        Compose(method, cancellationToken);
        return _suggestedFanOut.TryGetValue(method, out var n) ? n : null;
    }

    /// <summary>
    /// Composes <paramref name="summaries"/>' methods and what they reach, ahead of the queries that need them: the
    /// member facts composition reads are gathered on every core first (thread-safe reads), then the methods are
    /// composed on this thread, so that no thread spins on the composition lock while another composes.
    /// </summary>
    public void ComposeAll(IReadOnlyList<MethodSummary> summaries, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.ForEach(summaries, options, summary => PrefetchFacts(summary.Shape, cancellationToken));
        foreach (var summary in summaries)
        {
            Compose(summary.Method, cancellationToken);
        }
    }

    /// <summary>Probe evaluation under default parameters (used for call counts, which parameters do not change).</summary>
    public TreeEstimate Probe(CallTree tree) => _probes.Value!.Evaluate(tree);

    /// <summary>Composes <paramref name="root"/> and everything it reaches that is not composed yet.</summary>
    [MethodImpl(JitHints.Optimized)]
    private void Compose(IMethodSymbol root, CancellationToken cancellationToken)
    {
        if (_composed.ContainsKey(root))
        {
            return;
        }

        // Gather first, outside the lock: reading callees and member facts may bind bodies in other files.
        var reached = Graph.Reach(root, _composed.ContainsKey, cancellationToken);
        foreach (var method in reached)
        {
            if (_store.SummaryOf(method, cancellationToken) is { } summary)
            {
                PrefetchFacts(summary.Shape, cancellationToken);
            }
        }

        lock (_gate)
        {
            foreach (var component in Graph.StronglyConnectedComponents(root, _trees.ContainsKey))
            {
                cancellationToken.ThrowIfCancellationRequested();
                ComposeComponent(component);
            }
        }
    }

    /// <summary>Reads the member facts composition will need (receivers, pipelines), so that it binds nothing under the lock.</summary>
    private void PrefetchFacts(Shape shape, CancellationToken cancellationToken)
    {
        foreach (var node in ShapeWalker.All(shape))
        {
            var alias = node switch
            {
                CallShape call => call.Receiver.AliasOf,
                PipelineShape pipeline => pipeline.Pipeline.AliasOf,
                _ => null,
            };

            if (alias is not null)
            {
                _store.FactsOf(alias, cancellationToken);
            }
        }
    }

    private void ComposeComponent(List<IMethodSymbol> component)
    {
        var members = new HashSet<IMethodSymbol>(component, SymbolEqualityComparer.Default);
        foreach (var method in component)
        {
            if (_store.SummaryOf(method) is not { } summary)
            {
                _trees[method] = CallTree.Empty;
                _composed[method] = true;
                continue;
            }

            var sources = new List<UnboundedSource>();
            var converter = new Converter(this, members, sources);
            var tree = converter.Convert(summary.Shape);
            if (converter.Recursed)
            {
                long? perLevel = _probes.Value!.Evaluate(tree).MaxCalls;
                foreach (var source in sources)
                {
                    source.CallsPerIteration ??= perLevel;
                }

                tree = CallTree.Unbounded(tree, "recursion");
            }

            if (sources.Count > 0 && summary.Attributes.FanOut is null)
            {
                // What [FanOut(n)] would have to declare if every unbounded source stopped at AssumedIterations.
                var assumed = new Converter(this, members, new List<UnboundedSource>(), AssumedIterations);
                var bounded = assumed.Convert(summary.Shape);
                if (assumed.Recursed)
                {
                    bounded = CallTree.Loop(bounded, 1, AssumedIterations);
                }

                if (_probes.Value!.Evaluate(bounded).MaxCalls is long suggested)
                {
                    _suggestedFanOut[method] = suggested;
                }
            }

            if (summary.Attributes.FanOut is int max)
            {
                tree = CallTree.Declared(tree, max);
                sources.Clear();
            }

            _trees[method] = tree;
            if (sources.Count > 0)
            {
                _unbounded[method] = sources;
            }

            _composed[method] = true;
        }
    }

    /// <summary>The model a call targets, as far as constants in view say.</summary>
    public string? ModelOf(CallShape call)
    {
        var facts = Resolve(call.Receiver);
        return call.Model ?? facts.ModelId ?? facts.StringConstant;
    }

    /// <summary>Model requests one call can make, once what its receiver holds is known.</summary>
    public int RequestsOf(CallShape call) => Resolve(call.Receiver).HiddenMaxCalls ?? call.HiddenMaxCalls;

    public bool IsFineTuned(string model) => _fineTuned.IsFineTuned(model);

    private ValueFacts Resolve(ValueFacts facts)
    {
        var result = facts;
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        for (var alias = facts.AliasOf; alias is not null && seen.Add(alias);)
        {
            if (_store.FactsOf(alias) is not { } member)
            {
                break;
            }

            result = new ValueFacts
            {
                HiddenMaxCalls = result.HiddenMaxCalls,
                HiddenReason = result.HiddenReason,
                RetryAttempts = result.RetryAttempts,
                HedgedAttempts = result.HedgedAttempts,
                HedgingDelayMs = result.HedgingDelayMs,
                StringConstant = result.StringConstant,
                ModelId = result.ModelId,
                Delegate = result.Delegate,
            }.Over(member);
            alias = member.AliasOf;
        }

        return result;
    }

    private sealed class Converter
    {
        private readonly TaskComposer _owner;
        private readonly HashSet<IMethodSymbol> _component;
        private readonly List<UnboundedSource> _sources;
        private readonly int? _assumedIterations;

        public Converter(TaskComposer owner, HashSet<IMethodSymbol> component, List<UnboundedSource> sources, int? assumedIterations = null)
        {
            _owner = owner;
            _component = component;
            _sources = sources;
            _assumedIterations = assumedIterations;
        }

        public bool Recursed { get; private set; }

        /// <summary>The tree of a call of <paramref name="target"/>; a call within the component being composed is recursion.</summary>
        private CallTree ConvertCallOf(IMethodSymbol target, Location site)
        {
            if (_component.Contains(target))
            {
                if (_owner._store.SummaryOf(target)?.Attributes.FanOut is int declared)
                {
                    return CallTree.Declared(CallTree.Empty, declared);
                }

                Recursed = true;
                if (!_sources.Exists(s => s.Location == site))
                {
                    // A virtual call reaching several methods of the cycle is one recursive call.
                    _sources.Add(new UnboundedSource(site, "the recursive call to '" + target.Name + "'", isRecursion: true));
                }

                return CallTree.Empty;
            }

            return _owner._trees.TryGetValue(target, out var callee) ? callee : CallTree.Empty;
        }

        public CallTree Convert(Shape shape)
        {
            switch (shape)
            {
                case CallShape call:
                {
                    var facts = _owner.Resolve(call.Receiver);
                    string? model = call.Model ?? facts.ModelId ?? facts.StringConstant;
                    var node = CallTree.Call(call.Provider, model, model is not null && _owner._fineTuned.IsFineTuned(model), call.Label)
                        .WithPlace(new SourcePlace(call.Location, call.Label));
                    int hidden = facts.HiddenMaxCalls ?? call.HiddenMaxCalls;
                    return hidden > 1 ? CallTree.Loop(node, 1, hidden).WithPlace(new SourcePlace(call.Location, facts.HiddenReason ?? call.HiddenReason)) : node;
                }

                case InvokeShape invoke:
                    return ConvertCallOf(invoke.Target, invoke.Location).WithFrame(new MethodFrame(SourcePlace.MethodName(invoke.Target), new SourcePlace(invoke.Site, null)));
                case DispatchShape dispatch:
                {
                    var implementations = new List<(string, CallTree)>(dispatch.Targets.Length);
                    foreach (var target in dispatch.Targets)
                    {
                        implementations.Add((DispatchShape.ImplementationName(target), ConvertCallOf(target, dispatch.Location)
                            .WithFrame(new MethodFrame(SourcePlace.MethodName(target), new SourcePlace(dispatch.Site, null)))));
                    }

                    return CallTree.Dispatch(dispatch.Label, implementations)
                        .WithPlace(new SourcePlace(dispatch.Site, "dispatch of " + dispatch.Label + " to " + string.Join(", ", dispatch.Targets.Select(DispatchShape.ImplementationName))));
                }

                case LocalRecursionShape local:
                    Recursed = true;
                    _sources.Add(new UnboundedSource(local.Location, "the recursive call to '" + local.Name + "'", isRecursion: true));
                    return CallTree.Empty;
                case SequenceShape seq:
                    return CallTree.Sequence(seq.Children.Select(Convert).ToList());
                case ParallelShape par:
                    return CallTree.Parallel(par.Children.Select(Convert).ToList());
                case BranchShape branch:
                    return CallTree.Branch(branch.Arms.Select(Convert).ToList());
                case LoopShape loop:
                {
                    var body = Convert(loop.Body);
                    if (loop.Bound.Max is int max)
                    {
                        return CallTree.Loop(body, System.Math.Min(loop.Bound.Min, max), max, loop.Bound.Concurrent).WithPlace(new SourcePlace(loop.Location, loop.Describe()));
                    }

                    if (_assumedIterations is int assumed)
                    {
                        return CallTree.Loop(body, 0, assumed);
                    }

                    var probe = _owner.Probe(body);
                    if (probe.MaxCalls != 0)
                    {
                        _sources.Add(new UnboundedSource(loop.Location, "this loop") { CallsPerIteration = probe.MaxCalls });
                    }

                    return CallTree.Unbounded(body, "loop with no bound").WithPlace(new SourcePlace(loop.Location, loop.Describe()));
                }

                case RetryShape retry:
                {
                    var node = retry.Hedged ? CallTree.Hedge(Convert(retry.Body), retry.ExtraAttempts) : CallTree.Retry(Convert(retry.Body), retry.ExtraAttempts);
                    return retry.Location is { } at && node is RetryNode ? node.WithPlace(new SourcePlace(at, retry.Origin)) : node;
                }
                case PipelineShape pipeline:
                {
                    var body = Convert(pipeline.Body);
                    var facts = _owner.Resolve(pipeline.Pipeline);
                    var place = pipeline.Site is { } site ? new SourcePlace(site, "Polly pipeline") : null;
                    if (facts.HedgedAttempts > 0)
                    {
                        body = CallTree.Hedge(body, facts.HedgedAttempts, facts.HedgingDelayMs).WithPlace(place);
                    }

                    return facts.RetryAttempts > 0 ? CallTree.Retry(body, facts.RetryAttempts).WithPlace(place) : body;
                }

                case DelegateInvokeShape invokeDelegate:
                    return _owner.DelegateTargetOf(invokeDelegate.Member) is { } held
                        ? ConvertCallOf(held, invokeDelegate.Location).WithFrame(new MethodFrame(SourcePlace.MethodName(held), new SourcePlace(invokeDelegate.Site, null)))
                        : CallTree.Empty;
                case StartedShape started:
                    return Convert(started.Body);
                case OptionalShape optional:
                    return CallTree.Optional(Convert(optional.Body));
                case FallbackShape fallback:
                    return CallTree.Fallback(Convert(fallback.Primary), Convert(fallback.Secondary));
                default:
                    return CallTree.Empty;
            }
        }
    }
}
