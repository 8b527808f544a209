using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;

namespace LlmCallAnalyzers.Model;

/// <summary>
/// Evaluates call trees under one set of <see cref="ModelParameters"/>. Trees may share subtrees (a method's tree is
/// reused by every caller); each distinct node is evaluated once per evaluator, without recursion, so a 10,000-deep
/// chain of methods costs linear time and constant stack.
/// </summary>
/// <remarks>
/// Each subtree carries its success probability S and the probability U = S + T that it succeeds or fails only
/// transiently, i.e. that a fresh re-run of it could succeed (for one call T = r·(1 − a)). Sequences and parallels
/// multiply S and U; a retry with k extra attempts gives S + T·(1 − (1 − S)^k) — for a single call
/// 1 − p·((1 − r) + r·p^k) — and leaves U unchanged, so nested retries do not compound against correlated failure.
/// Every composition is monotone in its children's S and U, so a retry, hedge, fallback or optional never lowers a
/// task's figure. These are exactly the semantics of <see cref="MonteCarloSimulator"/>.
/// </remarks>
public sealed class CallTreeEvaluator
{
    /// <summary>
    /// At most this many providers whose outage a fallback can cover are conditioned on exactly (2^n evaluations of
    /// the affected subtrees); beyond it each fallback group's joint outage is multiplied in as an approximation.
    /// </summary>
    private const int MaxEnumeratedProviders = 12;

    private readonly Dictionary<CallTree, TreeEstimate> _memo = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, (string, ImmutableHashSet<string>)> _providerSets = new(StringComparer.Ordinal);

    /// <summary>Providers (lower case) in an outage, for the conditional evaluations of <see cref="EvaluateTask"/>.</summary>
    private readonly ImmutableHashSet<string> _down = ImmutableHashSet<string>.Empty;

    /// <summary>The outage-free evaluator whose estimates are reused for subtrees that call no provider in <see cref="_down"/>.</summary>
    private readonly CallTreeEvaluator? _base;

    /// <summary>
    /// For an evaluator made by <see cref="ForAvailabilityScan"/>: whether a node's success and transient-failure
    /// probabilities depend on the per-call availabilities (every other field of an estimate never does).
    /// </summary>
    private readonly Dictionary<CallTree, bool>? _dependsOnAvailability;

    /// <summary>
    /// An evaluator made by <see cref="ForAvailabilityScan"/> whose estimates are reused, without descending, for
    /// subtrees whose figures do not depend on the per-call availabilities (a best-effort call and everything it
    /// reaches has availability 1 whatever the parameters).
    /// </summary>
    private readonly CallTreeEvaluator? _scanReference;

    /// <summary>Creates an evaluator.</summary>
    public CallTreeEvaluator(ModelParameters? parameters = null) => Parameters = parameters ?? ModelParameters.Default;

    private CallTreeEvaluator(ModelParameters parameters, CallTreeEvaluator? scanReference, bool trackDependence)
    {
        Parameters = parameters;
        _scanReference = scanReference;
        _dependsOnAvailability = trackDependence ? new Dictionary<CallTree, bool>(ReferenceEqualityComparer.Instance) : null;
    }

    /// <summary>
    /// For evaluating one tree under many per-call availabilities (<see cref="RequirementSolver"/>): the returned
    /// evaluator records which subtrees depend on the availabilities; evaluators from
    /// <see cref="WithAvailabilityOf"/> then evaluate only those, reusing this one's estimates for the rest.
    /// </summary>
    internal static CallTreeEvaluator ForAvailabilityScan(ModelParameters parameters) => new(parameters, null, trackDependence: true);

    /// <summary>
    /// An evaluator for <paramref name="parameters"/>, which must differ from this one's only in availabilities, that
    /// reuses this evaluator's estimates of the subtrees that do not depend on them. This evaluator must have
    /// evaluated the trees first.
    /// </summary>
    internal CallTreeEvaluator WithAvailabilityOf(ModelParameters parameters)
    {
        if (_dependsOnAvailability is null)
        {
            throw new InvalidOperationException("Only an evaluator made by ForAvailabilityScan can share its estimates.");
        }

        return new CallTreeEvaluator(parameters, this, trackDependence: false);
    }

    private CallTreeEvaluator(CallTreeEvaluator outageFree, ImmutableHashSet<string> down)
    {
        Parameters = outageFree.Parameters;
        _base = outageFree;
        _down = down;

        // An availability-independent subtree is also independent of outages (they act through availabilities only).
        _scanReference = outageFree._dependsOnAvailability is not null ? outageFree : outageFree._scanReference;
    }

    /// <summary>The parameters in use.</summary>
    public ModelParameters Parameters { get; }

    /// <summary>
    /// Evaluates <paramref name="tree"/> as a whole task: outages and cold starts are counted once. A provider whose
    /// outage alone fails the task contributes a factor (1 − o); the outages of providers a fallback involves are
    /// conditioned on (the task is evaluated with each combination of them down and the results weighted), so a
    /// fallback is credited only with what still works while a provider is out.
    /// </summary>
    public TaskEstimate EvaluateTask(CallTree tree)
    {
        var estimate = Evaluate(tree);

        // Groups of one provider: that provider's outage fails the task. Larger groups come from fallbacks.
        var single = new HashSet<string>(StringComparer.Ordinal);
        var grouped = new List<string[]>();
        foreach (var group in estimate.OutageGroups)
        {
            var members = group.Split('|');
            if (members.Length == 1)
            {
                single.Add(members[0]);
            }
            else
            {
                grouped.Add(members);
            }
        }

        double singleFactor = 1;
        foreach (var provider in single)
        {
            singleFactor *= 1 - Parameters.OutageOf(provider);
        }

        // Given that the single providers are up, the outages that still matter are those of the fallbacks' providers.
        var conditioned = estimate.ConditionalProviders
            .Where(p => !single.Contains(p) && Parameters.OutageOf(p) > 0)
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();

        double? availability;
        double outageFactor;
        if (estimate.CallAvailability is not double a)
        {
            availability = null;
            outageFactor = singleFactor * GroupProduct(grouped, single);
        }
        else if (conditioned.Count == 0)
        {
            outageFactor = singleFactor;
            availability = a * outageFactor;
        }
        else if (conditioned.Count <= MaxEnumeratedProviders)
        {
            double expected = 0;
            for (int mask = 0; mask < 1 << conditioned.Count; mask++)
            {
                double probability = 1;
                var down = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
                for (int i = 0; i < conditioned.Count; i++)
                {
                    double o = Parameters.OutageOf(conditioned[i]);
                    if ((mask & (1 << i)) != 0)
                    {
                        probability *= o;
                        down.Add(conditioned[i]);
                    }
                    else
                    {
                        probability *= 1 - o;
                    }
                }

                if (probability > 0)
                {
                    double success = mask == 0 ? a : new CallTreeEvaluator(this, down.ToImmutable()).Evaluate(tree).CallAvailability ?? 0;
                    expected += probability * success;
                }
            }

            // The weights sum to 1 up to rounding.
            availability = Math.Min(1, singleFactor * expected);
            outageFactor = a > 0 ? Math.Min(1, availability.Value / a) : singleFactor;
        }
        else
        {
            // Too many providers to condition on: each fallback group's joint outage is multiplied in (optimistic by
            // about o·(p_primary + p_secondary) per fallback).
            outageFactor = singleFactor * GroupProduct(grouped, single);
            availability = a * outageFactor;
        }

        double? latency = estimate.LatencyP99MsWithoutColdStarts is double l
            ? l + (estimate.ColdStartModels.Count * Parameters.ColdStartP99Ms)
            : null;
        return new TaskEstimate(estimate, availability, outageFactor, latency);
    }

    /// <summary>Π (1 − Π o) over the fallback groups that contain no single provider: the approximation for many providers.</summary>
    private double GroupProduct(List<string[]> grouped, HashSet<string> single)
    {
        double factor = 1;
        foreach (var group in grouped)
        {
            if (group.Any(single.Contains))
            {
                continue;
            }

            double allOut = 1;
            foreach (var provider in group)
            {
                allOut *= Parameters.OutageOf(provider);
            }

            factor *= 1 - allOut;
        }

        return factor;
    }

    /// <summary>Evaluates a subtree (outages are reported as groups, not applied).</summary>
    [MethodImpl(JitHints.Optimized)]
    public TreeEstimate Evaluate(CallTree tree)
    {
        if (tree is null) throw new ArgumentNullException(nameof(tree));
        if (_memo.TryGetValue(tree, out var known))
        {
            return known;
        }

        // Iterative post-order, as CallTreeWalk.ChildrenFirst, written out: this is the hot path, and the shortcuts below
        // need no delegate per node. A node is computed once all its children are in the memo.
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
                if (_scanReference is not null && _scanReference.IsAvailabilityIndependent(node, out var shared))
                {
                    // Nothing in this subtree depends on the availabilities (or outages): the reference's estimate
                    // holds. Checked first: the outage-free evaluator below did not descend into such subtrees either.
                    _memo[node] = shared;
                    continue;
                }

                if (_base is not null && !_base._memo[node].Providers.Overlaps(_down))
                {
                    // No provider of this subtree is down: its estimate is the outage-free one.
                    _memo[node] = _base._memo[node];
                    continue;
                }

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
            if (_dependsOnAvailability is not null)
            {
                _dependsOnAvailability[node] = node switch
                {
                    CallNode => true,
                    OptionalNode => false,
                    DeclaredNode declared => declared.MaxCalls > 0,
                    _ => AnyChildDepends(node),
                };
            }
        }

        return _memo[tree];
    }

    private bool AnyChildDepends(CallTree node)
    {
        foreach (var child in node.ChildNodes)
        {
            if (_dependsOnAvailability![child])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether this reference evaluator has an availability-independent estimate of <paramref name="node"/>.</summary>
    private bool IsAvailabilityIndependent(CallTree node, out TreeEstimate estimate)
    {
        if (_dependsOnAvailability!.TryGetValue(node, out bool depends) && !depends)
        {
            estimate = _memo[node];
            return true;
        }

        estimate = null!;
        return false;
    }

    private TreeEstimate Combine(CallTree node)
    {
        switch (node)
        {
            case CallNode call:
            {
                // A call to a provider in an outage fails, and for a correlated reason.
                var (provider, providerSet) = ProviderSet(call.Provider);
                bool down = _down.Contains(provider);
                double a = down ? 0 : Parameters.AvailabilityOf(call.Provider, call.Model);
                return new TreeEstimate(
                    1, 1, 1,
                    a,
                    providerSet,
                    Parameters.LatencyOf(call.Provider),
                    call.FineTuned && call.Model is not null ? ImmutableHashSet.Create(call.Model) : ImmutableHashSet<string>.Empty,
                    0, 0,
                    providerSet,
                    down ? 0 : (1 - a) * Parameters.RetryRecoverable,
                    ImmutableHashSet<string>.Empty);
            }

            case SequenceNode seq:
                return Aggregate(seq.Children, parallel: false);
            case ParallelNode par:
                return Aggregate(par.Children, parallel: true);
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
                return new TreeEstimate(
                    body.MinCalls, body.MaxCalls, 0, 1, ImmutableHashSet<string>.Empty, body.LatencyP99MsWithoutColdStarts, body.ColdStartModels, 0, body.MaxExtraAttempts, body.Providers,
                    0, ImmutableHashSet<string>.Empty);
            case DeclaredNode declared:
                return CombineDeclared(declared, _memo[declared.Body]);
            default:
                throw new NotSupportedException("Unknown call tree node " + node.GetType().Name);
        }
    }

    private TreeEstimate Aggregate(ImmutableArray<CallTree> children, bool parallel)
    {
        long min = 0;
        long? max = 0, essential = 0;
        double? availability = 1, rerunnable = 1;
        double? latency = 0;
        long retried = 0;
        int extra = 0;
        var groups = ImmutableHashSet<string>.Empty;
        var cold = ImmutableHashSet<string>.Empty;
        var providers = ImmutableHashSet<string>.Empty;
        var conditional = ImmutableHashSet<string>.Empty;
        foreach (var child in children)
        {
            var c = _memo[child];
            min = CallCounts.Add(min, c.MinCalls);
            max = max is long m && c.MaxCalls is long cm ? CallCounts.Add(m, cm) : null;
            essential = essential is long e && c.EssentialCalls is long ce ? CallCounts.Add(e, ce) : null;

            // All children must succeed; a re-run could succeed unless some child fails for a correlated reason
            // (in a sequence, also one the failed run did not reach: it would fail the re-run).
            availability = availability is double a && c.CallAvailability is double ca ? a * ca : null;
            rerunnable = rerunnable is double u && Rerunnable(c) is double cu ? u * cu : null;
            latency = latency is double l && c.LatencyP99MsWithoutColdStarts is double cl ? (parallel ? Math.Max(l, cl) : l + cl) : null;
            retried = CallCounts.Add(retried, c.RetriedCalls);
            extra = Math.Max(extra, c.MaxExtraAttempts);
            groups = Union(groups, c.OutageGroups);
            cold = Union(cold, c.ColdStartModels);
            providers = Union(providers, c.Providers);
            conditional = Union(conditional, c.ConditionalProviders);
        }

        return new TreeEstimate(
            min, max, essential, availability, groups, latency, cold, retried, extra, providers,
            Transient(availability, rerunnable), conditional);
    }

    private static TreeEstimate CombineLoop(LoopNode loop, TreeEstimate body)
    {
        long min = CallCounts.Multiply(body.MinCalls, loop.MinIterations);
        if (loop.MaxIterations is not int n || body.MaxCalls is null)
        {
            bool callsNothing = body.MaxCalls == 0;
            return new TreeEstimate(
                min, callsNothing ? 0 : null, callsNothing ? 0 : null, callsNothing ? 1 : null,
                body.OutageGroups, callsNothing ? 0 : null, body.ColdStartModels, body.RetriedCalls, body.MaxExtraAttempts, body.Providers,
                callsNothing ? 0 : null, body.ConditionalProviders);
        }

        // n bodies, in sequence or concurrently: S^n and U^n alike.
        double? latency = body.LatencyP99MsWithoutColdStarts is double l ? (loop.Concurrent ? (n == 0 ? 0 : l) : l * n) : null;
        double? availability = body.CallAvailability is double s ? Math.Pow(s, n) : null;
        double? rerunnable = Rerunnable(body) is double u ? Math.Pow(u, n) : null;
        return new TreeEstimate(
            min,
            CallCounts.Multiply(body.MaxCalls.Value, n),
            body.EssentialCalls is long e ? CallCounts.Multiply(e, n) : null,
            availability,
            n == 0 ? ImmutableHashSet<string>.Empty : body.OutageGroups,
            latency,
            n == 0 ? ImmutableHashSet<string>.Empty : body.ColdStartModels,
            CallCounts.Multiply(body.RetriedCalls, n),
            body.MaxExtraAttempts,
            body.Providers,
            Transient(availability, rerunnable),
            n == 0 ? ImmutableHashSet<string>.Empty : body.ConditionalProviders);
    }

    private static TreeEstimate CombineBranch(IReadOnlyList<TreeEstimate> arms)
    {
        long min = arms.Min(a => a.MinCalls);
        long? max = arms.Any(a => a.MaxCalls is null) ? null : arms.Max(a => a.MaxCalls!.Value);
        long? essential = arms.Any(a => a.EssentialCalls is null) ? null : arms.Max(a => a.EssentialCalls!.Value);

        // The worst case of the arms: the lowest success probability, and the highest probability of a failure no
        // re-run recovers (an arm that fails rarely but always for good is worse under a retry than one that fails
        // more often but transiently).
        double? availability = null, rerunnable = null;
        if (arms.All(a => a.CallAvailability is not null))
        {
            availability = arms.Min(a => a.CallAvailability!.Value);
            rerunnable = arms.Min(a => Rerunnable(a)!.Value);
        }

        double? latency = arms.Any(a => a.LatencyP99MsWithoutColdStarts is null) ? null : arms.Max(a => a.LatencyP99MsWithoutColdStarts!.Value);
        return new TreeEstimate(
            min, max, essential, availability,
            arms.Aggregate(ImmutableHashSet<string>.Empty, (u, a) => Union(u, a.OutageGroups)),
            latency,
            arms.Aggregate(ImmutableHashSet<string>.Empty, (u, a) => Union(u, a.ColdStartModels)),
            arms.Max(a => a.RetriedCalls),
            arms.Max(a => a.MaxExtraAttempts),
            arms.Aggregate(ImmutableHashSet<string>.Empty, (u, a) => Union(u, a.Providers)),
            Transient(availability, rerunnable),
            arms.Aggregate(ImmutableHashSet<string>.Empty, (u, a) => Union(u, a.ConditionalProviders)));
    }

    private TreeEstimate CombineRetry(RetryNode retry, TreeEstimate body)
    {
        int k = retry.ExtraAttempts;
        double? availability = null, transient = null;
        if (body.CallAvailability is double s && body.TransientFailure is double t)
        {
            // A transient first failure is followed by up to k fresh attempts, each failing with 1 − S: for one call,
            // a failure probability of p·((1 − r) + r·p^k) (AvailabilityMath.FailureWithRetries). A correlated first
            // failure is not recovered; a failure after the retries is still transient (U is unchanged).
            double correlated = Math.Max(0, 1 - s - t);
            double stillTransient = t * Math.Pow(1 - s, k);
            availability = 1 - (correlated + stillTransient);
            transient = stillTransient;
        }

        double? latency = body.LatencyP99MsWithoutColdStarts is double l
            ? (retry.Hedged ? l : (l * (k + 1)) + (Parameters.RetryBackoffMs * k))
            : null;
        return new TreeEstimate(
            body.MinCalls,
            body.MaxCalls is long m ? CallCounts.Multiply(m, k + 1) : null,
            body.EssentialCalls,
            availability,
            body.OutageGroups,
            latency,
            body.ColdStartModels,
            body.EssentialCalls ?? 0,
            Math.Max(k, body.MaxExtraAttempts),
            body.Providers,
            transient,
            body.ConditionalProviders);
    }

    private TreeEstimate CombineFallback(TreeEstimate primary, TreeEstimate secondary)
    {
        double? availability = null, transient = null;
        if (primary.CallAvailability is double sp && primary.TransientFailure is double tp
            && secondary.CallAvailability is double ss && secondary.TransientFailure is double ts)
        {
            double pp = 1 - sp, ps = 1 - ss;
            if (primary.Providers.Overlaps(secondary.Providers))
            {
                // To the same provider a fallback runs only after a transient failure, like a retry:
                // p·((1 − r) + r·p_s) for a single call. What the primary failed for good stays failed.
                double correlated = Math.Max(0, pp - tp);
                availability = 1 - (correlated + (tp * ps));
                transient = tp * ps;
            }
            else
            {
                // A fallback to a different provider multiplies failure probabilities; its failure is correlated only
                // when both alternatives failed for good.
                double correlated = Math.Max(0, pp - tp) * Math.Max(0, ps - ts);
                availability = 1 - (pp * ps);
                transient = Math.Max(0, (pp * ps) - correlated);
            }
        }

        var groups = ImmutableHashSet.CreateBuilder<string>();
        foreach (var gp in primary.OutageGroups)
        {
            foreach (var gs in secondary.OutageGroups)
            {
                groups.Add(JoinGroup(gp, gs));
            }
        }

        // A fallback that needs no provider (a canned answer) covers every outage of the primary: no group remains.
        // Either side's providers can be down while the other works: their outages are conditioned on.
        double? latency = primary.LatencyP99MsWithoutColdStarts is double lp && secondary.LatencyP99MsWithoutColdStarts is double ls ? lp + ls : null;
        return new TreeEstimate(
            primary.MinCalls,
            primary.MaxCalls is long mp && secondary.MaxCalls is long ms ? CallCounts.Add(mp, ms) : null,
            primary.EssentialCalls,
            availability,
            groups.ToImmutable(),
            latency,
            Union(primary.ColdStartModels, secondary.ColdStartModels),
            primary.RetriedCalls,
            Math.Max(primary.MaxExtraAttempts, secondary.MaxExtraAttempts),
            Union(primary.Providers, secondary.Providers),
            transient,
            Union(Union(primary.Providers, secondary.Providers), Union(primary.ConditionalProviders, secondary.ConditionalProviders)));
    }

    private TreeEstimate CombineDeclared(DeclaredNode declared, TreeEstimate body)
    {
        int n = declared.MaxCalls;
        var providers = body.Providers.Count > 0 ? body.Providers : ImmutableHashSet<string>.Empty;
        double perCall = providers.Count > 0 ? providers.Min(p => Parameters.AvailabilityOf(p)) : Parameters.CallAvailability;
        double perCallLatency = providers.Count > 0 ? providers.Max(p => Parameters.LatencyOf(p)) : Parameters.CallLatencyP99Ms;
        double? latency = body.LatencyP99MsWithoutColdStarts is double l && !body.IsUnbounded && body.MaxCalls <= n ? l : perCallLatency * n;

        // n essential calls in sequence at the worst provider's availability. Under a conditional outage (see
        // EvaluateTask) they fail when every provider of one of the body's outage groups is down.
        bool down = n > 0 && _down.Count > 0 && body.OutageGroups.Any(g => g.Split('|').All(_down.Contains));
        double availability = down ? 0 : Math.Pow(perCall, n);
        double rerunnable = down ? 0 : Math.Pow(1 - ((1 - perCall) * (1 - Parameters.RetryRecoverable)), n);
        var conditional = n == 0
            ? ImmutableHashSet<string>.Empty
            : body.OutageGroups.Where(g => g.IndexOf('|') >= 0).SelectMany(g => g.Split('|')).ToImmutableHashSet();
        return new TreeEstimate(
            Math.Min(body.MinCalls, n),
            n,
            n,
            availability,
            n == 0 ? ImmutableHashSet<string>.Empty : body.OutageGroups,
            latency,
            n == 0 ? ImmutableHashSet<string>.Empty : body.ColdStartModels,
            0,
            body.MaxExtraAttempts,
            body.Providers,
            Transient(availability, rerunnable),
            conditional);
    }

    /// <summary>The union of two sets, reusing either when it already holds the other (sets along a tree are mostly equal).</summary>
    private static ImmutableHashSet<string> Union(ImmutableHashSet<string> a, ImmutableHashSet<string> b)
    {
        if (ReferenceEquals(a, b) || b.Count == 0)
        {
            return a;
        }

        if (a.Count == 0)
        {
            return b;
        }

        if (a.Count >= b.Count && a.IsSupersetOf(b))
        {
            return a;
        }

        return b.Count >= a.Count && b.IsSupersetOf(a) ? b : a.Union(b);
    }

    /// <summary>The one-provider set of <paramref name="provider"/> (lower case), shared by every call to it.</summary>
    private (string Provider, ImmutableHashSet<string> Set) ProviderSet(string provider)
    {
        var cache = _base?._providerSets ?? _providerSets;
        if (!cache.TryGetValue(provider, out var known))
        {
            string lower = provider.ToLowerInvariant();
            known = (lower, ImmutableHashSet.Create(lower));
            cache[provider] = known;
        }

        return known;
    }

    /// <summary>U = S + T: the probability that the subtree succeeds or that a re-run of it could.</summary>
    private static double? Rerunnable(TreeEstimate estimate)
        => estimate.CallAvailability is double s && estimate.TransientFailure is double t ? Math.Min(1, s + t) : null;

    /// <summary>T = U − S.</summary>
    private static double? Transient(double? availability, double? rerunnable)
        => availability is double s && rerunnable is double u ? Math.Max(0, u - s) : null;

    private static string JoinGroup(string a, string b)
        => string.Join("|", a.Split('|').Concat(b.Split('|')).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal));

    internal sealed class ReferenceEqualityComparer : IEqualityComparer<CallTree>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public bool Equals(CallTree? x, CallTree? y) => ReferenceEquals(x, y);

        public int GetHashCode(CallTree obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
