using System;

namespace LlmCallAnalyzers.Model;

/// <summary>The closed-form pieces of the availability model, each one formula from docs/model.md.</summary>
public static class AvailabilityMath
{
    /// <summary>
    /// Failure probability of a call that fails with <paramref name="p"/> and is retried <paramref name="extraAttempts"/>
    /// more times against the same provider, when a share <paramref name="recoverable"/> of failures is transient:
    /// p·((1 − r) + r·p^k).
    /// </summary>
    public static double FailureWithRetries(double p, int extraAttempts, double recoverable)
        => p * ((1 - recoverable) + (recoverable * Math.Pow(p, extraAttempts)));

    /// <summary>Availability of <paramref name="calls"/> essential calls at <paramref name="perCall"/> each: a^n.</summary>
    public static double Compose(double perCall, long calls) => Math.Pow(perCall, calls);

    /// <summary>The per-call availability n calls need to compose to <paramref name="target"/>: target^(1/n).</summary>
    public static double RequiredPerCall(double target, long calls) => calls <= 0 ? 0 : Math.Pow(target, 1.0 / calls);

    /// <summary>Minutes of unavailability per (365.25-day) year that <paramref name="availability"/> allows.</summary>
    public static double YearlyDowntimeMinutes(double availability) => (1 - availability) * 365.25 * 24 * 60;
}
