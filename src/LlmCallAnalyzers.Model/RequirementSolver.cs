using System;

namespace LlmCallAnalyzers.Model;

/// <summary>Back-solves the per-call availability a task needs to meet a target.</summary>
public static class RequirementSolver
{
    /// <summary>
    /// The smallest uniform per-call availability (every provider and model alike, other parameters unchanged) at
    /// which <paramref name="tree"/> composes to at least <paramref name="target"/>; null when no per-call
    /// availability suffices (unbounded fan-out, or outages alone break the target).
    /// </summary>
    public static double? RequiredPerCallAvailability(CallTree tree, ModelParameters parameters, double target)
    {
        if (tree is null) throw new ArgumentNullException(nameof(tree));
        if (parameters is null) throw new ArgumentNullException(nameof(parameters));
        ModelParameters.CheckProbability(target, nameof(target), allowZero: false);

        double At(double a) => new CallTreeEvaluator(parameters.WithUniformAvailability(a)).EvaluateTask(tree).Availability ?? 0;

        if (At(1.0) < target - 1e-15)
        {
            return null;
        }

        if (At(1e-12) >= target)
        {
            return 0;
        }

        // Composed availability is monotone in the per-call availability: bisect to 1e-12.
        double lo = 1e-12, hi = 1.0;
        for (int i = 0; i < 60 && hi - lo > 1e-12; i++)
        {
            double mid = (lo + hi) / 2;
            if (At(mid) >= target)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }
}
