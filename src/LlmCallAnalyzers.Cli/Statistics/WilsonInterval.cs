using System;

namespace LlmCallAnalyzers.Cli.Statistics;

/// <summary>
/// The Wilson score interval of a binomial proportion (Wilson 1927): unlike the normal approximation it stays inside
/// [0, 1] and is sound for proportions near 1 and for small samples, which is exactly the case of task success rates.
/// </summary>
public readonly struct WilsonInterval
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    private WilsonInterval(long successes, long trials, double lower, double upper)
    {
        Successes = successes;
        Trials = trials;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>Successes observed.</summary>
    public long Successes { get; }

    /// <summary>Trials observed.</summary>
    public long Trials { get; }

    /// <summary>The observed proportion (0 when there were no trials).</summary>
    public double Rate => Trials == 0 ? 0 : (double)Successes / Trials;

    /// <summary>The lower bound.</summary>
    public double Lower { get; }

    /// <summary>The upper bound.</summary>
    public double Upper { get; }

    /// <summary>
    /// center = (p + z²/2n) / (1 + z²/n); half-width = z / (1 + z²/n) · √(p(1 − p)/n + z²/4n²).
    /// With no trials the interval is [0, 1].
    /// </summary>
    public static WilsonInterval Compute(long successes, long trials, double z = Z95)
    {
        if (trials < 0 || successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), "need 0 ≤ successes ≤ trials");
        }

        if (trials == 0)
        {
            return new WilsonInterval(0, 0, 0, 1);
        }

        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + (z2 / n);
        double center = (p + (z2 / (2 * n))) / denominator;
        double half = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        double lower = successes == 0 ? 0 : Math.Max(0, center - half);
        double upper = successes == trials ? 1 : Math.Min(1, center + half);
        return new WilsonInterval(successes, trials, lower, upper);
    }

    /// <summary>True when <paramref name="value"/> lies inside the interval.</summary>
    public bool Contains(double value) => value >= Lower - 1e-12 && value <= Upper + 1e-12;
}
