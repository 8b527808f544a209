using System.Collections.Generic;
using System.Runtime.CompilerServices;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// The caller → callee graph of the summarized methods and its strongly connected components, computed with an
/// iterative Tarjan pass (no recursion, so a 10,000-method chain cannot overflow the stack). Components come out
/// callees first, which is the order in which method trees are composed.
/// </summary>
internal sealed class CallGraph
{
    private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> _edges;

    public CallGraph(Dictionary<IMethodSymbol, List<IMethodSymbol>> edges) => _edges = edges;

    public IReadOnlyList<IMethodSymbol> Callees(IMethodSymbol method)
        => _edges.TryGetValue(method, out var list) ? list : (IReadOnlyList<IMethodSymbol>)System.Array.Empty<IMethodSymbol>();

    [MethodImpl(JitHints.Optimized)]
    public static CallGraph Build(IReadOnlyDictionary<IMethodSymbol, MethodSummary> summaries, System.Func<ISymbol, IMethodSymbol?> delegateTargetOf)
    {
        var edges = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
        foreach (var pair in summaries)
        {
            var callees = new List<IMethodSymbol>();
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var leaf in ShapeWalker.Leaves(pair.Value.Shape))
            {
                if (leaf is InvokeShape invoke)
                {
                    if (summaries.ContainsKey(invoke.Target) && seen.Add(invoke.Target))
                    {
                        callees.Add(invoke.Target);
                    }
                }
                else if (leaf is DelegateInvokeShape invokeDelegate)
                {
                    if (delegateTargetOf(invokeDelegate.Member) is { } target && summaries.ContainsKey(target) && seen.Add(target))
                    {
                        callees.Add(target);
                    }
                }
                else if (leaf is DispatchShape dispatch)
                {
                    foreach (var target in dispatch.Targets)
                    {
                        if (summaries.ContainsKey(target) && seen.Add(target))
                        {
                            callees.Add(target);
                        }
                    }
                }
            }

            edges[pair.Key] = callees;
        }

        return new CallGraph(edges);
    }

    /// <summary>Strongly connected components, callees before callers.</summary>
    [MethodImpl(JitHints.Optimized)]
    public List<List<IMethodSymbol>> StronglyConnectedComponents()
    {
        var index = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
        var low = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
        var onStack = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var tarjanStack = new Stack<IMethodSymbol>();
        var result = new List<List<IMethodSymbol>>();
        int next = 0;
        var work = new Stack<(IMethodSymbol Node, int EdgeIndex)>();

        foreach (var root in _edges.Keys)
        {
            if (index.ContainsKey(root))
            {
                continue;
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
                    if (!index.ContainsKey(callee))
                    {
                        work.Push((node, i + 1));
                        work.Push((callee, 0));
                        descended = true;
                        break;
                    }

                    if (onStack.Contains(callee))
                    {
                        low[node] = System.Math.Min(low[node], index[callee]);
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
                    low[parent] = System.Math.Min(low[parent], low[node]);
                }
            }
        }

        return result;
    }
}
