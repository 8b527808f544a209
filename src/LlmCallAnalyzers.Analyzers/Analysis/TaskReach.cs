using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Which task first reaches a method — the task a finding in that method is "on the path of" — searched upward from
/// the method, so that a file is analyzed without reading the whole program: its callers are found by name from
/// syntax (<see cref="TreeIndex"/>), confirmed from their summaries, and followed up to the tasks. A method called
/// without its name appearing (a constructor, an operator) falls back to the compilation's <see cref="TaskIndex"/>.
/// Tasks are ordered by <see cref="TaskOrder"/>, the same order the index uses, so both give the same answer.
/// Thread-safe; each answer is computed once per compilation.
/// </summary>
internal sealed class TaskReach
{
    private readonly TaskAnalysisSession _session;
    private readonly ConcurrentDictionary<(IMethodSymbol Method, bool ThroughFanOut), MethodSummary?> _answers = new(new KeyComparer());

    // The summarized callers of each method searched so far; null when it can be called without its name.
    private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol[]?> _callers = new(SymbolEqualityComparer.Default);

    public TaskReach(TaskAnalysisSession session) => _session = session;

    /// <summary>
    /// The first task (by <see cref="TaskOrder"/>) that reaches <paramref name="method"/>; with
    /// <paramref name="throughFanOut"/> false, only along paths whose methods below the task declare no
    /// <c>[FanOut]</c> (which bounds everything under it).
    /// </summary>
    public MethodSummary? FirstTask(IMethodSymbol method, bool throughFanOut, CancellationToken cancellationToken)
    {
        var key = (method, throughFanOut);
        if (_answers.TryGetValue(key, out var known))
        {
            return known;
        }

        var answer = SearchUpward(method, throughFanOut, cancellationToken, out bool complete);
        if (!complete)
        {
            var index = _session.Tasks(cancellationToken);
            answer = throughFanOut ? index.FirstTaskReaching(method) : index.FirstTaskCounting(method);
        }

        return _answers.GetOrAdd(key, answer);
    }

    private MethodSummary? SearchUpward(IMethodSymbol start, bool throughFanOut, CancellationToken cancellationToken, out bool complete)
    {
        var store = _session.Store;
        MethodSummary? best = null;
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { start };
        var queue = new Queue<IMethodSymbol>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var method = queue.Dequeue();
            var summary = store.SummaryOf(method, cancellationToken);
            if (summary is null)
            {
                continue;
            }

            if (summary.Attributes.IsTask && (best is null || TaskOrder.Instance.Compare(summary, best) < 0))
            {
                best = summary;
            }

            if (!throughFanOut && summary.Attributes.FanOut is not null)
            {
                continue; // a task can start here, but nothing above counts through it
            }

            if (CallersOf(method, cancellationToken) is not { } callers)
            {
                complete = false;
                return null;
            }

            foreach (var caller in callers)
            {
                if (visited.Add(caller))
                {
                    queue.Enqueue(caller);
                }
            }
        }

        complete = true;
        return best;
    }

    /// <summary>The summarized methods that call <paramref name="method"/>; null when they cannot be found by name.</summary>
    private IMethodSymbol[]? CallersOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (_callers.TryGetValue(method, out var known))
        {
            return known;
        }

        return _callers.GetOrAdd(method, FindCallers(method, cancellationToken));
    }

    private IMethodSymbol[]? FindCallers(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var store = _session.Store;
        var graph = _session.Composer.Graph;
        var names = new Queue<string>();
        var seenNames = new HashSet<string>(System.StringComparer.Ordinal);
        if (!NamesOf(method, store, names, seenNames))
        {
            return null;
        }

        var callers = new List<IMethodSymbol>();
        var found = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        while (names.Count > 0)
        {
            string name = names.Dequeue();
            foreach (var tree in store.Compilation.SyntaxTrees)
            {
                foreach (var node in TreeIndex.Of(tree).Mentioning(name))
                {
                    if (TreeIndex.OwnerSymbol(node, store.ModelOf(tree), cancellationToken) is not { } ownerSymbol)
                    {
                        continue;
                    }

                    var owner = store.Owner(ownerSymbol, null, cancellationToken);
                    foreach (var candidate in owner.AllSummaries())
                    {
                        if (!found.Contains(candidate.Method) && Calls(graph, candidate.Method, method, cancellationToken))
                        {
                            found.Add(candidate.Method);
                            callers.Add(candidate.Method);
                        }
                    }

                    // A member that holds the method as a delegate is invoked by the member's name.
                    foreach (var assignment in owner.Assignments)
                    {
                        if (SymbolEqualityComparer.Default.Equals(_session.Composer.DelegateTargetOf(assignment.Member), method) && seenNames.Add(assignment.Member.Name))
                        {
                            names.Enqueue(assignment.Member.Name);
                        }
                    }
                }
            }
        }

        return callers.ToArray();
    }

    private static bool Calls(CallGraph graph, IMethodSymbol caller, IMethodSymbol callee, CancellationToken cancellationToken)
    {
        foreach (var target in graph.Callees(caller, cancellationToken))
        {
            if (SymbolEqualityComparer.Default.Equals(target, callee))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The names a call of <paramref name="method"/> is written with; false when a call can be written without one.</summary>
    private static bool NamesOf(IMethodSymbol method, SummaryStore store, Queue<string> names, HashSet<string> seen)
    {
        void Add(string name)
        {
            if (seen.Add(name))
            {
                names.Enqueue(name);
            }
        }

        switch (method.MethodKind)
        {
            case MethodKind.Ordinary:
            case MethodKind.ReducedExtension:
                Add(method.Name);
                return true;
            case MethodKind.ExplicitInterfaceImplementation:
                foreach (var implemented in method.ExplicitInterfaceImplementations)
                {
                    Add(implemented.Name);
                }

                return true;
            case MethodKind.PropertyGet or MethodKind.PropertySet when method.AssociatedSymbol is IPropertySymbol { IsIndexer: false } property:
                Add(property.ExplicitInterfaceImplementations.Length > 0 ? property.ExplicitInterfaceImplementations[0].Name : property.Name);
                return true;
            case MethodKind.AnonymousFunction:
                foreach (var holder in store.HoldersOf(method))
                {
                    Add(holder.Name);
                }

                return true;
            default:
                return false; // constructors, operators, conversions, indexers, finalizers: called without their name
        }
    }

    private sealed class KeyComparer : IEqualityComparer<(IMethodSymbol Method, bool ThroughFanOut)>
    {
        public bool Equals((IMethodSymbol Method, bool ThroughFanOut) x, (IMethodSymbol Method, bool ThroughFanOut) y)
            => x.ThroughFanOut == y.ThroughFanOut && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

        public int GetHashCode((IMethodSymbol Method, bool ThroughFanOut) key)
            => SymbolEqualityComparer.Default.GetHashCode(key.Method) * 2 + (key.ThroughFanOut ? 1 : 0);
    }
}
