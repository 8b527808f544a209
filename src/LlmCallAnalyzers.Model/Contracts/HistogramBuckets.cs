using System;
using System.Collections.Generic;

namespace LlmCallAnalyzers.Model.Contracts;

/// <summary>
/// The bucket boundaries of the runtime's task histograms and what a bucket says about the value in it. The runtime
/// advises them for <c>llm.task.calls</c> and <c>llm.task.duration</c> (an exporter writes them as Prometheus
/// <c>le</c> labels); <c>llmslo confirm</c> reads call counts back to bucket resolution with <see cref="CallsIn"/>.
/// The reader does not assume these exact boundaries (a metrics view may change them): any ascending bounds resolve.
/// </summary>
public static class HistogramBuckets
{
    private static readonly int[] s_taskCalls = { 0, 1, 2, 3, 4, 6, 8, 10, 12, 16, 20, 24, 32, 48, 64, 96, 128, 256 };

    private static readonly double[] s_taskDurationSeconds = { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92, 163.84 };

    /// <summary>
    /// Upper bounds (inclusive) of <c>llm.task.calls</c>: exact up to 4 calls, then about four per octave up to 32, two
    /// per octave up to 128, and 256; above it, <c>+Inf</c>.
    /// </summary>
    public static IReadOnlyList<int> TaskCalls => s_taskCalls;

    /// <summary>Upper bounds (inclusive) of <c>llm.task.duration</c> in seconds: octaves from 10 ms to about 164 s.</summary>
    public static IReadOnlyList<double> TaskDurationSeconds => s_taskDurationSeconds;

    /// <summary>
    /// The whole numbers of calls an observation in the bucket (<paramref name="previousUpperBound"/>,
    /// <paramref name="upperBound"/>] can have made: the bucket (12, 16] holds 13 to 16 calls, the first bucket
    /// (no previous bound) 0 to its bound, the <c>+Inf</c> bucket more than the previous bound (High null).
    /// </summary>
    public static (long Low, long? High) CallsIn(double? previousUpperBound, double upperBound)
    {
        long low = previousUpperBound is double previous ? (long)Math.Floor(previous) + 1 : 0;
        if (double.IsPositiveInfinity(upperBound))
        {
            return (low, null);
        }

        long high = (long)Math.Floor(upperBound);
        return (Math.Min(low, high), high);
    }
}
