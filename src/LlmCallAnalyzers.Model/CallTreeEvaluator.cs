using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Model;

/// <summary>
/// Evaluates call trees under one set of <see cref="ModelParameters"/>. Trees may share subtrees (a method's tree is
/// reused by every caller); each distinct node is evaluated once per evaluator, without recursion, so a 10,000-deep
/// chain of methods costs linear time and constant stack.
/// </summary>
public sealed class CallTreeEvaluator
{
    private readonly Dictionary<CallTree, TreeEstimate> _memo = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates an evaluator.</summary>
    public CallTreeEvaluator(ModelParameters? parameters = null) => Parameters = parameters ?? ModelParameters.Default;

    /// <summary>The parameters in use.</summary>
    public ModelParameters Parameters { get; }

    /// <summary>Evaluates <paramref name="tree"/> as a whole task: outages and cold starts are counted once.</summary>
    public TaskEstimate EvaluateTask(CallTree tree)
    {
        var estimate = Evaluate(tree);
        double outageFactor = 1;
        foreach (var group in estimate.OutageGroups)
        {
            double allOut = 1;
            foreach (var provider in group.Split('|'))
            {
                allOut *= Parameters.OutageOf(provider);
            }

            outageFactor *= 1 - allOut;
        }

        double? availability = estimate.CallAvailability is double a ? a * outageFactor : null;
        double? latency = estimate.LatencyP99MsWithoutColdStarts is double l
            ? l + (estimate.ColdStartModels.Count * Parameters.ColdStartP99Ms)
            : null;
        return new TaskEstimate(estimate, availability, outageFactor, latency);
    }

    /// <summary>Evaluates a subtree (outages are reported as groups, not applied).</summary>
    public TreeEstimate Evaluate(CallTree tree)
    {
        if (tree is null) throw new ArgumentNullException(nameof(tree));
        if (_memo.TryGetValue(tree, out var known))
        {
            return known;
        }

        // Iterative post-order: a node is computed once all its children are in the memo.
        var stack = new Stack<(CallTree Node, bool Expanded)>();
        stack.Push((tree, false));
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            if (_memo.ContainsKey(node))
            {
                continue;
            }

            if (!expanded)
            {
                stack.Push((node, true));
                foreach (var child in node.ChildNodes)
                {
                    if (!_memo.ContainsKey(child))
                    {
                        stack.Push((child, false));
                    }
                }

                continue;
            }

            _memo[node] = Combine(node);
        }

        return _memo[tree];
    }

    private TreeEstimate Combine(CallTree node)
    {
        switch (node)
        {
            case CallNode call:
                return new TreeEstimate(
                    1, 1, 1,
                    Parameters.AvailabilityOf(call.Provider, call.Model),
                    ImmutableHashSet.Create(call.Provider.ToLowerInvariant()),
                    Parameters.LatencyOf(call.Provider),
                    call.FineTuned && call.Model is not null ? ImmutableHashSet.Create(call.Model) : ImmutableHashSet<string>.Empty,
                    0, 0,
                    ImmutableHashSet.Create(call.Provider.ToLowerInvariant()));
            case SequenceNode seq:
                return Aggregate(seq.Children.Select(c => _memo[c]), parallel: false);
            case ParallelNode par:
                return Aggregate(par.Children.Select(c => _memo[c]), parallel: true);
            case LoopNode loop:
                return CombineLoop(loop, _memo[loop.Body]);
            case BranchNode branch:
                return CombineBranch(branch.Arms.Select(c => _memo[c]).ToList());
            case RetryNode retry:
                return CombineRetry(retry, _memo[retry.Body]);
            case FallbackNode fallback:
                return CombineFallback(_memo[fallback.Primary], _memo[fallback.Secondary]);
            case OptionalNode optional:
                var body = _memo[optional.Body];
                return new TreeEstimate(body.MinCalls, body.MaxCalls, 0, 1, ImmutableHashSet<string>.Empty, body.LatencyP99MsWithoutColdStarts, body.ColdStartModels, 0, body.MaxExtraAttempts, body.Providers);
            case DeclaredNode declared:
                return CombineDeclared(declared, _memo[declared.Body]);
            default:
                throw new NotSupportedException("Unknown call tree node " + node.GetType().Name);
        }
    }

    private static TreeEstimate Aggregate(IEnumerable<TreeEstimate> children, bool parallel)
    {
        long min = 0;
        long? max = 0, essential = 0;
        double? availability = 1;
        double? latency = 0;
        int retried = 0, extra = 0;
        var groups = ImmutableHashSet.CreateBuilder<string>();
        var cold = ImmutableHashSet.CreateBuilder<string>();
        var providers = ImmutableHashSet.CreateBuilder<string>();
        foreach (var c in children)
        {
            min = SaturatingAdd(min, c.MinCalls);
            max = max is long m && c.MaxCalls is long cm ? SaturatingAdd(m, cm) : null;
            essential = essential is long e && c.EssentialCalls is long ce ? SaturatingAdd(e, ce) : null;
            availability = availability is double a && c.CallAvailability is double ca ? a * ca : null;
            latency = latency is double l && c.LatencyP99MsWithoutColdStarts is double cl ? (parallel ? Math.Max(l, cl) : l + cl) : null;
            retried += c.RetriedCalls;
            extra = Math.Max(extra, c.MaxExtraAttempts);
            groups.UnionWith(c.OutageGroups);
            cold.UnionWith(c.ColdStartModels);
            providers.UnionWith(c.Providers);
        }

        return new TreeEstimate(min, max, essential, availability, groups.ToImmutable(), latency, cold.ToImmutable(), retried, extra, providers.ToImmutable());
    }

    private static TreeEstimate CombineLoop(LoopNode loop, TreeEstimate body)
    {
        long min = SaturatingMultiply(body.MinCalls, loop.MinIterations);
        if (loop.MaxIterations is not int n || body.MaxCalls is null)
        {
            bool callsNothing = body.MaxCalls == 0;
            return new TreeEstimate(
                min, callsNothing ? 0 : null, callsNothing ? 0 : null, callsNothing ? 1 : null,
                body.OutageGroups, callsNothing ? 0 : null, body.ColdStartModels, body.RetriedCalls, body.MaxExtraAttempts, body.Providers);
        }

        double? latency = body.LatencyP99MsWithoutColdStarts is double l ? (loop.Concurrent ? (n == 0 ? 0 : l) : l * n) : null;
        return new TreeEstimate(
            min,
            SaturatingMultiply(body.MaxCalls.Value, n),
            body.EssentialCalls is long e ? SaturatingMultiply(e, n) : null,
            body.CallAvailability is double a ? Math.Pow(a, n) : null,
            n == 0 ? ImmutableHashSet<string>.Empty : body.OutageGroups,
            latency,
            n == 0 ? ImmutableHashSet<string>.Empty : body.ColdStartModels,
            body.RetriedCalls * n,
            body.MaxExtraAttempts,
            body.Providers);
    }

    private static TreeEstimate CombineBranch(IReadOnlyList<TreeEstimate> arms)
    {
        long min = arms.Min(a => a.MinCalls);
        long? max = arms.Any(a => a.MaxCalls is null) ? null : arms.Max(a => a.MaxCalls!.Value);
        long? essential = arms.Any(a => a.EssentialCalls is null) ? null : arms.Max(a => a.EssentialCalls!.Value);
        double? availability = arms.Any(a => a.CallAvailability is null) ? null : arms.Min(a => a.CallAvailability!.Value);
        double? latency = arms.Any(a => a.LatencyP99MsWithoutColdStarts is null) ? null : arms.Max(a => a.LatencyP99MsWithoutColdStarts!.Value);
        return new TreeEstimate(
            min, max, essential, availability,
            arms.SelectMany(a => a.OutageGroups).ToImmutableHashSet(),
            latency,
            arms.SelectMany(a => a.ColdStartModels).ToImmutableHashSet(),
            arms.Max(a => a.RetriedCalls),
            arms.Max(a => a.MaxExtraAttempts),
            arms.SelectMany(a => a.Providers).ToImmutableHashSet());
    }

    private TreeEstimate CombineRetry(RetryNode retry, TreeEstimate body)
    {
        int k = retry.ExtraAttempts;
        double? availability = body.CallAvailability is double a
            ? 1 - AvailabilityMath.FailureWithRetries(1 - a, k, Parameters.RetryRecoverable)
            : null;
        double? latency = body.LatencyP99MsWithoutColdStarts is double l
            ? (retry.Hedged ? l : (l * (k + 1)) + (Parameters.RetryBackoffMs * k))
            : null;
        return new TreeEstimate(
            body.MinCalls,
            body.MaxCalls is long m ? SaturatingMultiply(m, k + 1) : null,
            body.EssentialCalls,
            availability,
            body.OutageGroups,
            latency,
            body.ColdStartModels,
            (int)Math.Min(int.MaxValue, body.EssentialCalls ?? 0),
            Math.Max(k, body.MaxExtraAttempts),
            body.Providers);
    }

    private TreeEstimate CombineFallback(TreeEstimate primary, TreeEstimate secondary)
    {
        double? availability = null;
        if (primary.CallAvailability is double ap && secondary.CallAvailability is double asec)
        {
            double pp = 1 - ap, ps = 1 - asec;
            bool sameProvider = primary.Providers.Overlaps(secondary.Providers);

            // A fallback to a different provider multiplies failure probabilities; to the same provider it recovers
            // only the transient share, like a retry.
            double failure = sameProvider ? pp * ((1 - Parameters.RetryRecoverable) + (Parameters.RetryRecoverable * ps)) : pp * ps;
            availability = 1 - failure;
        }

        var groups = ImmutableHashSet.CreateBuilder<string>();
        foreach (var gp in primary.OutageGroups)
        {
            foreach (var gs in secondary.OutageGroups)
            {
                groups.Add(JoinGroup(gp, gs));
            }
        }

        if (secondary.OutageGroups.Count == 0)
        {
            // A fallback that needs no provider (a canned answer) covers every outage of the primary.
        }

        double? latency = primary.LatencyP99MsWithoutColdStarts is double lp && secondary.LatencyP99MsWithoutColdStarts is double ls ? lp + ls : null;
        return new TreeEstimate(
            primary.MinCalls,
            primary.MaxCalls is long mp && secondary.MaxCalls is long ms ? SaturatingAdd(mp, ms) : null,
            primary.EssentialCalls,
            availability,
            groups.ToImmutable(),
            latency,
            primary.ColdStartModels.Union(secondary.ColdStartModels),
            primary.RetriedCalls,
            Math.Max(primary.MaxExtraAttempts, secondary.MaxExtraAttempts),
            primary.Providers.Union(secondary.Providers));
    }

    private TreeEstimate CombineDeclared(DeclaredNode declared, TreeEstimate body)
    {
        int n = declared.MaxCalls;
        var providers = body.Providers.Count > 0 ? body.Providers : ImmutableHashSet<string>.Empty;
        double perCall = providers.Count > 0 ? providers.Min(p => Parameters.AvailabilityOf(p)) : Parameters.CallAvailability;
        double perCallLatency = providers.Count > 0 ? providers.Max(p => Parameters.LatencyOf(p)) : Parameters.CallLatencyP99Ms;
        double? latency = body.LatencyP99MsWithoutColdStarts is double l && !body.IsUnbounded && body.MaxCalls <= n ? l : perCallLatency * n;
        return new TreeEstimate(
            Math.Min(body.MinCalls, n),
            n,
            n,
            Math.Pow(perCall, n),
            n == 0 ? ImmutableHashSet<string>.Empty : body.OutageGroups,
            latency,
            n == 0 ? ImmutableHashSet<string>.Empty : body.ColdStartModels,
            0,
            body.MaxExtraAttempts,
            body.Providers);
    }

    private static string JoinGroup(string a, string b)
        => string.Join("|", a.Split('|').Concat(b.Split('|')).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal));

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long SaturatingMultiply(long a, long b)
    {
        if (a == 0 || b == 0) return 0;
        return a > long.MaxValue / b ? long.MaxValue : a * b;
    }

    private sealed class ReferenceEqualityComparer : IEqualityComparer<CallTree>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public bool Equals(CallTree? x, CallTree? y) => ReferenceEquals(x, y);

        public int GetHashCode(CallTree obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
