using System;
using System.Collections.Generic;
using System.Linq;

namespace LlmCallAnalyzers.Model;

/// <summary>The outcome of a Monte Carlo run over a task's call tree.</summary>
public sealed class SimulationResult
{
    internal SimulationResult(int tasks, int succeeded, long[] callCounts)
    {
        Tasks = tasks;
        Succeeded = succeeded;
        CallCounts = callCounts;
    }

    /// <summary>Simulated task runs.</summary>
    public int Tasks { get; }

    /// <summary>Runs in which every essential call succeeded.</summary>
    public int Succeeded { get; }

    /// <summary>Observed success rate.</summary>
    public double SuccessRate => Tasks == 0 ? 0 : (double)Succeeded / Tasks;

    /// <summary>Standard error of the success rate: √(p(1 − p)/n).</summary>
    public double StandardError => Tasks == 0 ? 0 : Math.Sqrt(SuccessRate * (1 - SuccessRate) / Tasks);

    /// <summary>Model requests made by each run (attempts included), sorted ascending.</summary>
    public IReadOnlyList<long> CallCounts { get; }

    /// <summary>The <paramref name="q"/>-quantile (0..1) of requests per run (nearest rank).</summary>
    public long CallQuantile(double q)
    {
        if (CallCounts.Count == 0) return 0;
        int index = (int)Math.Ceiling(q * CallCounts.Count) - 1;
        return CallCounts[Math.Max(0, Math.Min(CallCounts.Count - 1, index))];
    }
}

/// <summary>
/// A seeded Monte Carlo simulation of the availability model, independent of the closed form in
/// <see cref="CallTreeEvaluator"/> so each checks the other. Per run: each provider is in an outage with probability o;
/// each call fails with probability 1 − a (always during an outage of its provider); a failed call's failure is
/// transient with probability r, and only transient failures can be recovered by a retry or hedge to the same
/// provider. Branches take their worst arm by default (the SLO basis) or a uniformly random arm. Loops run
/// their most iterations; an unbounded loop runs <see cref="UnboundedIterations"/> times.
/// </summary>
public sealed class MonteCarloSimulator
{
    private readonly ModelParameters _parameters;
    private readonly Random _random;
    private readonly CallTreeEvaluator _evaluator;
    private readonly Dictionary<string, bool> _outage = new(StringComparer.OrdinalIgnoreCase);
    private long _calls;

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
        var counts = new long[tasks];
        int succeeded = 0;
        for (int i = 0; i < tasks; i++)
        {
            _outage.Clear();
            foreach (var provider in providers)
            {
                _outage[provider] = _random.NextDouble() < _parameters.OutageOf(provider);
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
                _calls++;
                if (_outage.TryGetValue(call.Provider, out bool down) && down)
                {
                    return (false, false);
                }

                bool ok = _random.NextDouble() < _parameters.AvailabilityOf(call.Provider, call.Model);
                return ok ? (true, false) : (false, _random.NextDouble() < _parameters.RetryRecoverable);
            }

            case SequenceNode seq:
                return All(seq.Children, stopAtFirstFailure: true);
            case ParallelNode par:
                return All(par.Children, stopAtFirstFailure: false);
            case LoopNode loop:
            {
                int n = loop.MaxIterations ?? UnboundedIterations;
                bool ok = true, transient = true;
                for (int i = 0; i < n && ok; i++)
                {
                    var r = Simulate(loop.Body);
                    ok = r.Success;
                    transient = r.Transient;
                }

                return ok ? (true, false) : (false, transient);
            }

            case BranchNode branch:
            {
                CallTree arm = RandomBranches
                    ? branch.Arms[_random.Next(branch.Arms.Length)]
                    : branch.Arms.OrderBy(a => _evaluator.Evaluate(a).CallAvailability ?? -1).First();
                return Simulate(arm);
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

                bool sameProvider = _evaluator.Evaluate(fallback.Primary).Providers.Overlaps(_evaluator.Evaluate(fallback.Secondary).Providers);
                if (sameProvider && !primary.Transient)
                {
                    return primary;
                }

                return Simulate(fallback.Secondary);
            }

            case OptionalNode optional:
                Simulate(optional.Body);
                return (true, false);
            case DeclaredNode declared:
            {
                var providers = _evaluator.Evaluate(declared.Body).Providers;
                string provider = providers.Count > 0 ? providers.OrderBy(p => _parameters.AvailabilityOf(p)).First() : "default";
                var call = CallTree.Call(provider);
                bool ok = true, transient = false;
                for (int i = 0; i < declared.MaxCalls && ok; i++)
                {
                    var r = Simulate(call);
                    ok = r.Success;
                    transient = r.Transient;
                }

                return (ok, transient);
            }

            default:
                throw new NotSupportedException("Unknown call tree node " + node.GetType().Name);
        }
    }

    private (bool Success, bool Transient) All(IEnumerable<CallTree> children, bool stopAtFirstFailure)
    {
        bool ok = true, transient = true;
        foreach (var child in children)
        {
            var r = Simulate(child);
            if (!r.Success)
            {
                transient &= r.Transient;
                ok = false;
                if (stopAtFirstFailure)
                {
                    break;
                }
            }
        }

        return ok ? (true, false) : (false, transient);
    }
}
