using System;

namespace LlmCallAnalyzers.Model;

/// <summary>
/// Back-solves the per-call availability a task needs to meet a target. One solver per parameter set can serve many
/// tasks: the subtrees whose figures do not depend on availability (best-effort calls and what they reach) are
/// evaluated once for all of them. An instance is not thread-safe; the static method is.
/// </summary>
public sealed class RequirementSolver
{
    /// <summary>The width of the final bracket around the requirement.</summary>
    private const double Tolerance = 1e-12;

    /// <summary>Evaluations allowed after the two end points; bisection alone needs 40 for this tolerance.</summary>
    private const int MaxSteps = 100;

    private readonly ModelParameters _parameters;
    private readonly CallTreeEvaluator _reference;

    /// <summary>Creates a solver for trees evaluated under <paramref name="parameters"/>.</summary>
    public RequirementSolver(ModelParameters parameters)
    {
        _parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _reference = CallTreeEvaluator.ForAvailabilityScan(parameters.WithUniformAvailability(1.0));
    }

    /// <inheritdoc cref="RequiredPerCallAvailability(CallTree, double)"/>
    /// <param name="tree">The task's tree.</param>
    /// <param name="parameters">The parameters its figures are evaluated under.</param>
    /// <param name="target">The availability to reach.</param>
    public static double? RequiredPerCallAvailability(CallTree tree, ModelParameters parameters, double target)
        => new RequirementSolver(parameters).RequiredPerCallAvailability(tree, target);

    /// <summary>
    /// The smallest uniform per-call availability (every provider and model alike, other parameters unchanged) at
    /// which <paramref name="tree"/> composes to at least <paramref name="target"/>; null when no per-call
    /// availability suffices (unbounded fan-out, or outages alone break the target).
    /// </summary>
    /// <remarks>
    /// Composed availability is monotone in the per-call availability, so the requirement is bracketed and found by
    /// regula falsi with the Illinois modification (superlinear on these smooth curves; a step that would not shrink
    /// the bracket enough falls back to bisection). Each step re-evaluates only the subtrees whose figures depend on
    /// availability: a best-effort call, and everything it reaches, is evaluated once.
    /// </remarks>
    public double? RequiredPerCallAvailability(CallTree tree, double target)
    {
        if (tree is null) throw new ArgumentNullException(nameof(tree));
        ModelParameters.CheckProbability(target, nameof(target), allowZero: false);

        var reference = _reference;
        var parameters = _parameters;
        double best = reference.EvaluateTask(tree).Availability ?? 0;
        if (best < target - 1e-15)
        {
            return null;
        }

        double Gap(double a) => (reference.WithAvailabilityOf(parameters.WithUniformAvailability(a)).EvaluateTask(tree).Availability ?? 0) - target;

        double lo = 1e-12, hi = 1.0;
        double gapLo = Gap(lo), gapHi = best - target;
        if (gapLo >= 0)
        {
            return 0;
        }

        // Invariant: gapLo < 0 <= gapHi. wLo/wHi are the Illinois weights of the end kept twice in a row.
        double wLo = gapLo, wHi = gapHi;
        int side = 0;
        for (int i = 0; i < MaxSteps && hi - lo > Tolerance; i++)
        {
            double width = hi - lo;
            double x = wHi - wLo > 0 ? hi - (wHi * width / (wHi - wLo)) : lo + (width / 2);

            // Keep the probe inside the bracket and away from its ends; every fourth step bisects, so the bracket
            // shrinks at least geometrically even where the curve is nearly flat.
            double margin = width / 16;
            if (i % 4 == 3 || !(x > lo + margin && x < hi - margin))
            {
                x = Math.Min(Math.Max(x, lo + margin), hi - margin);
                if (i % 4 == 3)
                {
                    x = lo + (width / 2);
                }
            }

            double gap = Gap(x);
            if (gap >= 0)
            {
                hi = x;
                gapHi = wHi = gap;
                wLo = side == -1 ? wLo / 2 : gapLo;
                side = -1;
            }
            else
            {
                lo = x;
                gapLo = wLo = gap;
                wHi = side == 1 ? wHi / 2 : gapHi;
                side = 1;
            }
        }

        return hi;
    }
}
