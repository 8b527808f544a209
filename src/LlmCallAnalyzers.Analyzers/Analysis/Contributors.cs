using System;
using System.Collections.Generic;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// The calls and loops of a composed call tree that make up a figure, largest first: read from the places its nodes
/// already carry (nothing is bound or walked again), for the related locations and the "largest contributor" clause of
/// LLM002–LLM005. Only the worst arm of a branch is followed (the figure comes from it), call-free subtrees are skipped,
/// a [FanOut]-declared subtree is not entered. A loop's contribution includes its calls, so a loop and the calls in it
/// are both listed. The order is by amount, then loops before calls, then file and position: independent of the order
/// in which declarations are analyzed.
/// </summary>
internal static class Contributors
{
    /// <summary>The most related locations a diagnostic carries.</summary>
    public const int MaxRelatedLocations = 10;

    /// <summary>
    /// The contributors of <paramref name="tree"/> measured by <paramref name="measure"/> (evaluated with
    /// <paramref name="evaluate"/>, which must memoize).
    /// </summary>
    public static List<Contributor> Of(CallTree tree, ContributionMeasure measure, Func<CallTree, TreeEstimate> evaluate)
    {
        // Every task of a build is measured this way, over the DAG it reaches: the walk's tables are the thread's, kept
        // from one task to the next (cleared, not reallocated), and dropped when a task was unusually large.
        var walk = t_walk ?? new ContributionWalk();
        t_walk = null; // taken: a nested use (none today) would make its own
        try
        {
            return walk.Run(tree, measure, evaluate);
        }
        finally
        {
            t_walk = walk.Clear() ? walk : null;
        }
    }

    [ThreadStatic]
    private static ContributionWalk? t_walk;

    /// <summary>The tables of one contribution walk, reused by the next walk on the same thread.</summary>
    private sealed class ContributionWalk
    {
        private const int KeptCapacity = 1 << 14;
        private readonly Dictionary<CallTree, int> _ids = new(CallTreeEvaluator.ReferenceEqualityComparer.Instance);
        private readonly List<CallTree> _nodes = new();
        private readonly List<(int Start, int Count)> _spans = new(); // each node's edges in _edges; Start -1 until expanded
        private readonly List<(int Child, long Factor)> _edges = new();
        private readonly List<int> _order = new();
        private readonly List<long> _weights = new();
        private readonly Stack<(int Id, bool Expanded)> _stack = new();
        private readonly List<(CallTree Child, long Factor)> _children = new();

        public List<Contributor> Run(CallTree tree, ContributionMeasure measure, Func<CallTree, TreeEstimate> evaluate)
        {
            // The composed tree is a DAG (callers share their callees' trees): each node is visited once, children
            // before parents, and then weighted from the root down — how many times the root's worst case runs the
            // node (the product of the enclosing loops' bounds, summed over the paths that reach it). Linear in the
            // nodes reached.
            _stack.Push((IdOf(tree), false));
            while (_stack.Count > 0)
            {
                var (id, expanded) = _stack.Pop();
                if (expanded)
                {
                    _order.Add(id);
                    continue;
                }

                if (_spans[id].Start >= 0)
                {
                    continue;
                }

                _children.Clear();
                Edges(_nodes[id], measure, evaluate, _children);
                int start = _edges.Count;
                foreach (var (child, factor) in _children)
                {
                    _edges.Add((IdOf(child), factor));
                }

                _spans[id] = (start, _children.Count);
                _stack.Push((id, true));
                for (int e = start; e < _edges.Count; e++)
                {
                    if (_spans[_edges[e].Child].Start < 0)
                    {
                        _stack.Push((_edges[e].Child, false));
                    }
                }
            }

            // Weights are counts of runs: exact, saturated (a doubling call graph 63 methods deep runs its call 2^63 times).
            _weights[0] = 1;
            var byLocation = new Dictionary<Location, Contributor>();
            for (int i = _order.Count - 1; i >= 0; i--)
            {
                int id = _order[i];
                long weight = _weights[id];
                if (weight <= 0)
                {
                    continue;
                }

                var (start, count) = _spans[id];
                for (int e = start; e < start + count; e++)
                {
                    var (child, factor) = _edges[e];
                    _weights[child] = CallCounts.Add(_weights[child], CallCounts.Multiply(weight, factor));
                }

                var node = _nodes[id];
                var estimate = evaluate(node);
                if (Amount(estimate, measure) <= 0)
                {
                    continue;
                }

                bool isLoop;
                SourcePlace place;
                if (node is CallNode { Place: SourcePlace callPlace })
                {
                    (place, isLoop) = (callPlace, false);
                }
                else if (node is LoopNode { Place: SourcePlace loopPlace } loop)
                {
                    // A call that makes several requests itself (a batch, a tool loop) is one call site.
                    (place, isLoop) = (loopPlace, !IsHiddenCall(loop, loopPlace));
                }
                else
                {
                    continue;
                }

                Add(byLocation, measure == ContributionMeasure.Latency
                    ? Contributor.OfMilliseconds(place, isLoop, weight * Amount(estimate, measure))
                    : Contributor.OfCalls(place, isLoop, Calls(estimate, measure) is long calls ? CallCounts.Multiply(weight, calls) : null));
            }

            var list = new List<Contributor>(byLocation.Values);
            list.Sort(Compare);
            return list;
        }

        /// <summary>Empties the tables; false when they grew too large to keep for the next walk.</summary>
        public bool Clear()
        {
            bool keep = _nodes.Count <= KeptCapacity && _edges.Count <= KeptCapacity;
            _ids.Clear();
            _nodes.Clear();
            _spans.Clear();
            _edges.Clear();
            _order.Clear();
            _weights.Clear();
            _stack.Clear();
            _children.Clear();
            return keep;
        }

        private int IdOf(CallTree node)
        {
            if (!_ids.TryGetValue(node, out int id))
            {
                id = _nodes.Count;
                _ids.Add(node, id);
                _nodes.Add(node);
                _spans.Add((-1, 0));
                _weights.Add(0);
            }

            return id;
        }
    }

    private static void Edges(CallTree node, ContributionMeasure measure, Func<CallTree, TreeEstimate> evaluate, List<(CallTree Child, long Factor)> edges)
    {
        if (Amount(evaluate(node), measure) <= 0)
        {
            return; // call-free: nothing in it contributes
        }

        switch (node)
        {
            case CallNode or DeclaredNode:
                break; // a declared bound replaces what the body computes
            case LoopNode loop when loop.Place is SourcePlace place && IsHiddenCall(loop, place):
                break;
            case LoopNode loop:
                edges.Add((loop.Body, measure == ContributionMeasure.Latency && loop.Concurrent ? 1 : loop.MaxIterations ?? 1));
                break;
            case RetryNode retry:
                edges.Add((retry.Body, measure == ContributionMeasure.EssentialCalls || (measure == ContributionMeasure.Latency && retry.Hedged) ? 1 : retry.ExtraAttempts + 1));
                break;
            case BranchNode branch:
                AddLargest(edges, branch.Arms, measure, evaluate); // the figure comes from the worst arm
                break;
            case ParallelNode parallel when measure == ContributionMeasure.Latency:
                AddLargest(edges, parallel.Children, measure, evaluate); // only the slowest branch adds latency
                break;
            default:
                foreach (var child in node.ChildNodes)
                {
                    if (Amount(evaluate(child), measure) > 0)
                    {
                        edges.Add((child, 1));
                    }
                }

                break;
        }
    }

    private static bool IsHiddenCall(LoopNode loop, SourcePlace place)
        => loop.Body is CallNode { Place: SourcePlace hidden } && hidden.Location == place.Location;

    /// <summary>
    /// The methods entered on the way from the root of <paramref name="tree"/> to its largest call (following, at each
    /// node, the child that makes the most calls), as their frames name them without the type: <c>SummarizeAsync</c>.
    /// A callee's sequence (or parallel) inside a sequence (parallel) of its caller counts as the parts it is made of,
    /// as if it were spliced into the caller's: the tree keeps it nested so that every caller shares it.
    /// </summary>
    public static List<string> PathToLargestCall(CallTree tree, Func<CallTree, TreeEstimate> evaluate)
    {
        var path = new List<string>();
        var largestPart = new Dictionary<CallTree, double>(CallTreeEvaluator.ReferenceEqualityComparer.Instance);
        var node = tree;
        while (true)
        {
            foreach (var frame in node.Frames)
            {
                string name = frame.Method.Substring(frame.Method.LastIndexOf('.') + 1);
                if (path.Count == 0 || path[path.Count - 1] != name)
                {
                    path.Add(name);
                }
            }

            if (node is CallNode or DeclaredNode || node.ChildNodes.IsEmpty)
            {
                return path;
            }

            CallTree? next = null;
            double most = 0;
            foreach (var child in node.ChildNodes)
            {
                double amount = IsSplicedPart(node, child)
                    ? LargestPart(child, evaluate, largestPart)
                    : Amount(evaluate(child), ContributionMeasure.Calls);
                if (amount > most)
                {
                    next = child;
                    most = amount;
                }
            }

            if (next is null)
            {
                return path;
            }

            node = next;
        }
    }

    /// <summary>Whether <paramref name="child"/> is a callee's sequence (parallel) in a sequence (parallel) of its caller.</summary>
    private static bool IsSplicedPart(CallTree parent, CallTree child)
        => !child.Frames.IsEmpty && ((parent is SequenceNode && child is SequenceNode) || (parent is ParallelNode && child is ParallelNode));

    /// <summary>
    /// The most calls one part of <paramref name="group"/> makes, its spliced groups counted by their parts: once per
    /// node, children first, without recursion (callees nest as deep as the call graph).
    /// </summary>
    private static double LargestPart(CallTree group, Func<CallTree, TreeEstimate> evaluate, Dictionary<CallTree, double> memo)
    {
        CallTreeWalk.ChildrenFirst(group, memo.ContainsKey, settle: null, enter: IsSplicedPart, complete: node =>
        {
            double most = 0;
            foreach (var child in node.ChildNodes)
            {
                most = Math.Max(most, IsSplicedPart(node, child) ? memo[child] : Amount(evaluate(child), ContributionMeasure.Calls));
            }

            memo[node] = most;
        });
        return memo[group];
    }

    /// <summary>
    /// The locations of the first <see cref="MaxRelatedLocations"/> contributors other than <paramref name="primary"/>
    /// (the diagnostic's own location), made only now.
    /// </summary>
    public static IEnumerable<Location> Locations(List<Contributor> contributors, Location? primary = null)
    {
        var locations = new List<Location>(Math.Min(contributors.Count, MaxRelatedLocations));
        foreach (var contributor in contributors)
        {
            if (locations.Count == MaxRelatedLocations)
            {
                break;
            }

            var location = contributor.Place.Location;
            if (location != primary)
            {
                locations.Add(location);
            }
        }

        return locations;
    }

    /// <summary>
    /// "9 of them in the loop at Research.cs:57" for the largest contributor of calls ("all of them …" when it accounts
    /// for <paramref name="total"/>, just "at the call at …" for a single call); null when there is none. Counts are
    /// compared exactly: one call more elsewhere is not "all of them" at 2^60 calls either, and a saturated count is
    /// "at least … of them".
    /// </summary>
    public static string? DescribeLargest(List<Contributor> contributors, long? total = null)
    {
        if (contributors.Count == 0)
        {
            return null;
        }

        var largest = contributors[0];
        if (total is long t && (largest.Calls is not long calls || (calls >= t && !CallCounts.IsSaturated(calls))))
        {
            return t == 1 ? largest.Where : "all of them " + largest.Where;
        }

        return largest.AmountText + " of them " + largest.Where;
    }

    /// <summary>The calls of a count measure; null when unbounded.</summary>
    private static long? Calls(TreeEstimate estimate, ContributionMeasure measure)
        => measure == ContributionMeasure.Calls ? estimate.MaxCalls : estimate.EssentialCalls;

    private static double Amount(TreeEstimate estimate, ContributionMeasure measure) => measure switch
    {
        ContributionMeasure.Calls => estimate.MaxCalls ?? double.PositiveInfinity,
        ContributionMeasure.EssentialCalls => estimate.EssentialCalls ?? double.PositiveInfinity,
        _ => estimate.LatencyP99MsWithoutColdStarts ?? 0,
    };

    private static void AddLargest(List<(CallTree Child, long Factor)> edges, System.Collections.Immutable.ImmutableArray<CallTree> arms, ContributionMeasure measure, Func<CallTree, TreeEstimate> evaluate)
    {
        CallTree? largest = null;
        double most = 0;
        foreach (var arm in arms)
        {
            double amount = Amount(evaluate(arm), measure);
            if (amount > most)
            {
                largest = arm;
                most = amount;
            }
        }

        if (largest is not null)
        {
            edges.Add((largest, 1));
        }
    }

    private static void Add(Dictionary<Location, Contributor> byLocation, Contributor contributor)
    {
        if (byLocation.TryGetValue(contributor.Place.Location, out var known))
        {
            known.Add(contributor); // the same code reached twice (a method called from two places)
        }
        else
        {
            byLocation.Add(contributor.Place.Location, contributor);
        }
    }

    private static int Compare(Contributor x, Contributor y)
    {
        int c = y.CompareAmount(x);
        if (c == 0) c = y.IsLoop.CompareTo(x.IsLoop);
        if (c == 0) c = string.CompareOrdinal(x.Place.Location.SourceTree?.FilePath, y.Place.Location.SourceTree?.FilePath);
        if (c == 0) c = x.Place.Location.SourceSpan.Start.CompareTo(y.Place.Location.SourceSpan.Start);
        return c;
    }
}
