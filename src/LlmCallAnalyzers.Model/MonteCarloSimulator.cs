using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Model;

/// <summary>
/// A seeded Monte Carlo simulation of the availability model, independent of the closed form in
/// <see cref="CallTreeEvaluator"/> so each checks the other. Per run: each provider is in an outage with probability o;
/// each call fails with probability 1 − a (always during an outage of its provider); a failed call's failure is
/// transient with probability r, and only transient failures can be recovered by a retry or hedge to the same
/// provider. Branches take their worst arm by default (the SLO basis) or a uniformly random arm. Loops run
/// their most iterations; an unbounded loop runs <see cref="UnboundedIterations"/> times.
/// </summary>
/// <remarks>
/// <para>A subtree's failure is transient when a fresh re-run of the subtree could succeed, and correlated otherwise.
/// A sequence (and a sequential loop) stops at its first failure; its failure is transient when that failure is and
/// none of the parts it did not reach would fail for a correlated reason (they are sampled, without counting their
/// requests). A parallel (and a concurrent loop) runs every child and fails transiently when every failed child
/// did.</para>
/// <para>A retry or hedge re-runs its body only after a transient first failure, then makes up to k fresh attempts
/// whatever their failures; a failure after them stays transient. A fallback to a provider the primary also calls
/// runs only after a transient failure of the primary (a failure after it stays transient); to another provider it
/// runs after any failure, and the fallback's failure is transient when either alternative's was.</para>
/// <para>The worst arm of a branch is its least available arm, and a transient failure of it is counted as correlated
/// as often as it takes to match the arm most prone to correlated failure (the closed form takes both worst cases).</para>
/// <para>A declared bound (<c>[FanOut]</c>) runs its n calls against the body's least available provider; it fails
/// when every provider of one of the body's outage groups is down (the outages the body itself cannot survive).</para>
/// </remarks>
public sealed class MonteCarloSimulator
{
    private readonly ModelParameters _parameters;
    private readonly Random _random;
    private readonly CallTreeEvaluator _evaluator;
    private readonly Dictionary<string, int> _providerIndex = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<CallNode, (double Availability, int Provider)> _callInfo = new();
    private readonly Dictionary<DeclaredNode, (double PerCall, int[][] Groups)> _declaredInfo = new();
    private readonly Dictionary<FallbackNode, bool> _sameProvider = new();
    private readonly Dictionary<BranchNode, (int, double)> _worstArm = new();
    private bool[] _down = Array.Empty<bool>();
    private long _calls;
    private int _dryRun;

    /// <summary>Creates a simulator with a fixed seed, so runs are reproducible.</summary>
    public MonteCarloSimulator(ModelParameters? parameters = null, int seed = 12345, bool randomBranches = false)
    {
        _parameters = parameters ?? ModelParameters.Default;
        _random = new Random(seed);
        _evaluator = new CallTreeEvaluator(_parameters);
        RandomBranches = randomBranches;
    }

    /// <summary>When true, a branch takes a uniformly random arm rather than its worst arm.</summary>
    public bool RandomBranches { get; }

    /// <summary>Iterations of a loop with no bound (its distribution is then a lower bound).</summary>
    public int UnboundedIterations { get; set; } = 100;

    /// <summary>Runs <paramref name="tasks"/> simulated tasks.</summary>
    public SimulationResult Run(CallTree tree, int tasks)
    {
        if (tree is null) throw new ArgumentNullException(nameof(tree));
        if (tasks < 0) throw new ArgumentOutOfRangeException(nameof(tasks));
        var providers = tree.DescendantsAndSelf().OfType<CallNode>().Select(c => c.Provider).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        _providerIndex.Clear();
        _callInfo.Clear();
        _declaredInfo.Clear();
        for (int p = 0; p < providers.Count; p++)
        {
            _providerIndex[providers[p]] = p;
        }

        var outage = providers.Select(p => _parameters.OutageOf(p)).ToArray();
        _down = new bool[providers.Count];
        var counts = new long[tasks];
        int succeeded = 0;
        for (int i = 0; i < tasks; i++)
        {
            for (int p = 0; p < outage.Length; p++)
            {
                _down[p] = _random.NextDouble() < outage[p];
            }

            _calls = 0;
            if (Simulate(tree).Success)
            {
                succeeded++;
            }

            counts[i] = _calls;
        }

        Array.Sort(counts);
        return new SimulationResult(tasks, succeeded, counts);
    }

    private (bool Success, bool Transient) Simulate(CallTree node)
    {
        switch (node)
        {
            case CallNode call:
            {
                if (!_callInfo.TryGetValue(call, out var info))
                {
                    info = (_parameters.AvailabilityOf(call.Provider, call.Model), _providerIndex[call.Provider]);
                    _callInfo[call] = info;
                }

                return SimulateCall(_down[info.Provider] ? 0 : info.Availability);
            }

            case SequenceNode seq:
                return InSequence(seq.Children.Length, seq.Children, null, 0);
            case ParallelNode par:
                return All(par.Children.Length, par.Children, null);
            case LoopNode { Concurrent: true } loop:
                return All(loop.MaxIterations ?? UnboundedIterations, default, loop.Body);
            case LoopNode loop:
                return InSequence(loop.MaxIterations ?? UnboundedIterations, default, loop.Body, 0);
            case BranchNode branch:
            {
                if (RandomBranches)
                {
                    return Simulate(branch.Arms[_random.Next(branch.Arms.Length)]);
                }

                var (worst, keepTransient) = WorstArm(branch);
                var result = Simulate(branch.Arms[worst]);
                if (!result.Success && result.Transient && keepTransient < 1 && _random.NextDouble() >= keepTransient)
                {
                    return (false, false);
                }

                return result;
            }

            case RetryNode retry:
            {
                var first = Simulate(retry.Body);
                if (first.Success || !first.Transient)
                {
                    return first;
                }

                // A transient failure: each extra attempt is an independent re-run.
                for (int i = 0; i < retry.ExtraAttempts; i++)
                {
                    var again = Simulate(retry.Body);
                    if (again.Success)
                    {
                        return again;
                    }
                }

                return (false, true);
            }

            case FallbackNode fallback:
            {
                var primary = Simulate(fallback.Primary);
                if (primary.Success)
                {
                    return primary;
                }

                if (!_sameProvider.TryGetValue(fallback, out bool sameProvider))
                {
                    sameProvider = _evaluator.Evaluate(fallback.Primary).Providers.Overlaps(_evaluator.Evaluate(fallback.Secondary).Providers);
                    _sameProvider[fallback] = sameProvider;
                }

                if (sameProvider && !primary.Transient)
                {
                    return primary;
                }

                var secondary = Simulate(fallback.Secondary);
                return secondary.Success ? secondary : (false, primary.Transient || secondary.Transient);
            }

            case OptionalNode optional:
                Simulate(optional.Body);
                return (true, false);
            case DeclaredNode declared:
            {
                if (!_declaredInfo.TryGetValue(declared, out var info))
                {
                    var body = _evaluator.Evaluate(declared.Body);
                    double perCall = body.Providers.Count > 0 ? body.Providers.Min(p => _parameters.AvailabilityOf(p)) : _parameters.CallAvailability;
                    var groups = body.OutageGroups
                        .Select(g => g.Split('|').Select(p => _providerIndex.TryGetValue(p, out int index) ? index : -1).ToArray())
                        .Where(g => !g.Contains(-1))
                        .ToArray();
                    info = (perCall, groups);
                    _declaredInfo[declared] = info;
                }

                if (declared.MaxCalls > 0 && info.Groups.Any(g => g.All(p => _down[p])))
                {
                    return SimulateCall(0);
                }

                return InSequence(declared.MaxCalls, default, null, info.PerCall);
            }

            default:
                throw new NotSupportedException("Unknown call tree node " + node.GetType().Name);
        }
    }

    /// <summary>
    /// The least available arm (the first on a tie), and how often a transient failure of it stays transient so that
    /// the branch fails for good as often as its arm most prone to correlated failure.
    /// </summary>
    private (int Worst, double KeepTransient) WorstArm(BranchNode branch)
    {
        if (_worstArm.TryGetValue(branch, out var known))
        {
            return known;
        }

        var arms = branch.Arms.Select(a => _evaluator.Evaluate(a)).ToList();
        int worst = 0;
        for (int i = 1; i < arms.Count; i++)
        {
            if ((arms[i].CallAvailability ?? -1) < (arms[worst].CallAvailability ?? -1))
            {
                worst = i;
            }
        }

        double keep = 1;
        if (arms.All(a => a.CallAvailability is not null) && arms[worst].TransientFailure is double transient && transient > 0)
        {
            double envelope = arms.Min(a => a.CallAvailability!.Value + a.TransientFailure!.Value) - arms[worst].CallAvailability!.Value;
            keep = Math.Max(0, Math.Min(1, envelope / transient));
        }

        return _worstArm[branch] = (worst, keep);
    }

    private (bool Success, bool Transient) SimulateCall(double availability)
    {
        if (_dryRun == 0)
        {
            _calls++;
        }

        if (_random.NextDouble() < availability)
        {
            return (true, false);
        }

        // A call to a provider in an outage fails for a correlated reason.
        return (false, availability > 0 && _random.NextDouble() < _parameters.RetryRecoverable);
    }

    /// <summary>
    /// <paramref name="count"/> steps in sequence: the children, or <paramref name="body"/> repeated, or calls at
    /// <paramref name="perCall"/>. After a transient failure the steps not reached are sampled, without counting their
    /// requests, to find whether a re-run could get through them.
    /// </summary>
    private (bool Success, bool Transient) InSequence(int count, ImmutableArray<CallTree> children, CallTree? body, double perCall)
    {
        (bool Success, bool Transient) Step(int i)
            => !children.IsDefault ? Simulate(children[i]) : body is not null ? Simulate(body) : SimulateCall(perCall);

        for (int i = 0; i < count; i++)
        {
            var r = Step(i);
            if (r.Success)
            {
                continue;
            }

            if (!r.Transient)
            {
                return (false, false);
            }

            _dryRun++;
            try
            {
                for (int j = i + 1; j < count; j++)
                {
                    var rest = Step(j);
                    if (!rest.Success && !rest.Transient)
                    {
                        return (false, false);
                    }
                }
            }
            finally
            {
                _dryRun--;
            }

            return (false, true);
        }

        return (true, false);
    }

    /// <summary><paramref name="count"/> steps concurrently: every one runs; the failure is transient when every failed step's was.</summary>
    private (bool Success, bool Transient) All(int count, ImmutableArray<CallTree> children, CallTree? body)
    {
        bool ok = true, transient = true;
        for (int i = 0; i < count; i++)
        {
            var r = Simulate(!children.IsDefault ? children[i] : body!);
            if (!r.Success)
            {
                transient &= r.Transient;
                ok = false;
            }
        }

        return ok ? (true, false) : (false, transient);
    }
}
