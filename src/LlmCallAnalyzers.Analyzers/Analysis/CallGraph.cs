using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// The caller → callee graph of summarized methods, read on demand: a method's callees are the summarized methods its
/// shape invokes directly, through a delegate member or through dispatch. Strongly connected components come from an
/// iterative Tarjan pass (no recursion, so a 10,000-method chain cannot overflow the stack), callees first — the order
/// in which method trees are composed. Thread-safe.
/// </summary>
internal sealed class CallGraph
{
    private readonly SummaryStore _store;
    private readonly Func<ISymbol, IMethodSymbol?> _delegateTargetOf;
    private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol[]> _edges;
    // An edited program's graph (see EditedSession): the replaced methods' callees read again, the others' asked of
    // the graph before the edit (a method's callees depend on its own summary and on which targets have one).
    private readonly CallGraph? _base;
    private readonly HashSet<IMethodSymbol>? _replaced;

    public CallGraph(SummaryStore store, Func<ISymbol, IMethodSymbol?> delegateTargetOf)
    {
        _store = store;
        _delegateTargetOf = delegateTargetOf;
        _edges = DeclarationMaps.Create<IMethodSymbol, IMethodSymbol[]>(store.Compilation, SymbolEqualityComparer.Default);
    }

    /// <summary>The graph of an edited program: <paramref name="replaced"/>'s callees read from <paramref name="store"/>, the rest as in <paramref name="base"/>.</summary>
    public CallGraph(SummaryStore store, Func<ISymbol, IMethodSymbol?> delegateTargetOf, CallGraph @base, HashSet<IMethodSymbol> replaced)
    {
        _store = store;
        _delegateTargetOf = delegateTargetOf;
        _edges = new ConcurrentDictionary<IMethodSymbol, IMethodSymbol[]>(SymbolEqualityComparer.Default);
        _base = @base;
        _replaced = replaced;
    }

    /// <summary>
    /// Every method whose callees have been read and that reaches one of <paramref name="targets"/> through such methods,
    /// <paramref name="targets"/> included: what composed on the way to them.
    /// </summary>
    public HashSet<IMethodSymbol> KnownCallersOf(IEnumerable<IMethodSymbol> targets)
    {
        var callers = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
        foreach (var edge in _edges)
        {
            foreach (var callee in edge.Value)
            {
                if (!callers.TryGetValue(callee, out var list))
                {
                    callers[callee] = list = new List<IMethodSymbol>(1);
                }

                list.Add(edge.Key);
            }
        }

        var reached = new HashSet<IMethodSymbol>(targets, SymbolEqualityComparer.Default);
        var stack = new Stack<IMethodSymbol>(reached);
        while (stack.Count > 0)
        {
            if (callers.TryGetValue(stack.Pop(), out var list))
            {
                foreach (var caller in list)
                {
                    if (reached.Add(caller))
                    {
                        stack.Push(caller);
                    }
                }
            }
        }

        return reached;
    }

    /// <summary>The summarized methods <paramref name="method"/> calls (each once), read on demand.</summary>
    public IReadOnlyList<IMethodSymbol> Callees(IMethodSymbol method, CancellationToken cancellationToken = default)
    {
        if (_edges.TryGetValue(method, out var known))
        {
            return known;
        }

        if (_base is not null && !_replaced!.Contains(method))
        {
            return _base.Callees(method, cancellationToken);
        }

        return _edges.GetOrAdd(method, Read(method, cancellationToken));
    }

    [MethodImpl(JitHints.Optimized)]
    private IMethodSymbol[] Read(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (_store.SummaryOf(method, cancellationToken) is not { } summary)
        {
            return Array.Empty<IMethodSymbol>();
        }

        List<IMethodSymbol>? callees = null;
        HashSet<IMethodSymbol>? seen = null;
        void Add(IMethodSymbol target)
        {
            if (_store.SummaryOf(target, cancellationToken) is not null && (seen ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default)).Add(target))
            {
                (callees ??= new List<IMethodSymbol>()).Add(target);
            }
        }

        foreach (var leaf in ShapeWalker.Leaves(summary.Shape))
        {
            switch (leaf)
            {
                case InvokeShape invoke:
                    Add(invoke.Target);
                    break;
                case DelegateInvokeShape invokeDelegate when _delegateTargetOf(invokeDelegate.Member) is { } target:
                    Add(target);
                    break;
                case DispatchShape dispatch:
                    foreach (var target in dispatch.Targets)
                    {
                        Add(target);
                    }

                    break;
            }
        }

        return callees?.ToArray() ?? Array.Empty<IMethodSymbol>();
    }

    /// <summary>
    /// Every method reachable from <paramref name="root"/> (itself included) without entering one for which
    /// <paramref name="done"/> holds, reading callees on demand.
    /// </summary>
    public List<IMethodSymbol> Reach(IMethodSymbol root, Func<IMethodSymbol, bool> done, CancellationToken cancellationToken)
    {
        var reached = new List<IMethodSymbol>();
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { root };
        var stack = new Stack<IMethodSymbol>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var method = stack.Pop();
            reached.Add(method);
            foreach (var callee in Callees(method, cancellationToken))
            {
                if (seen.Add(callee) && !done(callee))
                {
                    stack.Push(callee);
                }
            }
        }

        return reached;
    }

    /// <summary>
    /// Strongly connected components of what <paramref name="root"/> reaches, callees before callers; methods for which
    /// <paramref name="done"/> holds (composed already, with their whole component) are not entered.
    /// </summary>
    [MethodImpl(JitHints.Optimized)]
    public List<List<IMethodSymbol>> StronglyConnectedComponents(IMethodSymbol root, Func<IMethodSymbol, bool> done)
    {
        var index = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
        var low = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
        var onStack = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var tarjanStack = new Stack<IMethodSymbol>();
        var result = new List<List<IMethodSymbol>>();
        int next = 0;
        var work = new Stack<(IMethodSymbol Node, int EdgeIndex)>();
        if (done(root))
        {
            return result;
        }

        work.Push((root, 0));
        while (work.Count > 0)
        {
            var (node, edgeIndex) = work.Pop();
            if (edgeIndex == 0)
            {
                index[node] = next;
                low[node] = next;
                next++;
                tarjanStack.Push(node);
                onStack.Add(node);
            }

            var callees = Callees(node);
            bool descended = false;
            for (int i = edgeIndex; i < callees.Count; i++)
            {
                var callee = callees[i];
                if (done(callee))
                {
                    continue;
                }

                if (!index.ContainsKey(callee))
                {
                    work.Push((node, i + 1));
                    work.Push((callee, 0));
                    descended = true;
                    break;
                }

                if (onStack.Contains(callee))
                {
                    low[node] = Math.Min(low[node], index[callee]);
                }
            }

            if (descended)
            {
                continue;
            }

            // All callees done: propagate low-link to the caller waiting below on the work stack.
            if (low[node] == index[node])
            {
                var component = new List<IMethodSymbol>();
                IMethodSymbol member;
                do
                {
                    member = tarjanStack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (!SymbolEqualityComparer.Default.Equals(member, node));
                result.Add(component);
            }

            if (work.Count > 0)
            {
                var parent = work.Peek().Node;
                low[parent] = Math.Min(low[parent], low[node]);
            }
        }

        return result;
    }
}
