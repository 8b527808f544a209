using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LlmCallAnalyzers.Model.ColdStarts;

/// <summary>
/// Finds the idle gap above which a model's latency jumps — the cold start of a fine-tuned model or adapter that the
/// provider unloaded — from a sequence of calls to that one model. Pure and deterministic.
/// </summary>
/// <remarks>
/// <para>The algorithm (docs/cold-starts.md):</para>
/// <list type="number">
/// <item>Idle gaps: each call's gap is the time since the latest end of an earlier call to the model (0 while another
/// call still runs); given gaps are kept. Keep-warm (synthetic) calls end gaps but are not analyzed.</item>
/// <item>Sort the analyzed calls by gap. Every split between two distinct gaps that leaves at least
/// <see cref="ColdStartDetectorOptions.MinWarmSamples"/> calls before and <see cref="ColdStartDetectorOptions.MinColdSamples"/>
/// after is a candidate; the one chosen minimizes the within-group sum of squared deviations of log latency (the
/// best two-level step of latency over gap; logs, because latency noise is multiplicative).</item>
/// <item>The split is a cold start only when the one-sided Mann–Whitney z of "the calls after it are slower" (ranks:
/// insensitive to outliers and to the unit of latency) clears the Bonferroni-corrected critical value for
/// <see cref="ColdStartDetectorOptions.Significance"/> over all candidate splits, and cold p50 ≥
/// <see cref="ColdStartDetectorOptions.MinLatencyRatio"/> × warm p50. Otherwise there is no jump.</item>
/// <item>The threshold is the midpoint between the longest warm gap and the shortest cold gap.</item>
/// </list>
/// <para>Too few calls give <see cref="ColdStartVerdict.InsufficientData"/>, never a claim either way.</para>
/// </remarks>
public static class ColdStartDetector
{
    internal const double MillisecondsPerDay = 86_400_000;

    private const double MinLogLatencyMs = 1e-3;

    /// <summary>
    /// Orders <paramref name="observations"/> by start time and fills every unknown <see cref="ColdStartObservation.IdleGapMs"/>
    /// with the time since the latest end of an earlier call (0 when an earlier call was still running). The first call
    /// keeps an unknown gap. Gaps already given are kept.
    /// </summary>
    /// <param name="observations">The calls to one model, in any order.</param>
    /// <returns>The calls in start order, with gaps.</returns>
    public static IReadOnlyList<ColdStartObservation> WithIdleGaps(IEnumerable<ColdStartObservation> observations)
    {
        if (observations is null)
        {
            throw new ArgumentNullException(nameof(observations));
        }

        var ordered = observations.Select((o, i) => (Observation: o, Index: i))
            .OrderBy(t => t.Observation.Start)
            .ThenBy(t => t.Index)
            .Select(t => t.Observation)
            .ToList();

        var result = new List<ColdStartObservation>(ordered.Count);
        DateTimeOffset? lastEnd = null;
        foreach (ColdStartObservation observation in ordered)
        {
            double? gap = observation.IdleGapMs;
            if (gap is null && lastEnd is DateTimeOffset end)
            {
                gap = Math.Max(0, (observation.Start - end).TotalMilliseconds);
            }

            result.Add(gap == observation.IdleGapMs ? observation : observation.WithIdleGap(gap));
            DateTimeOffset thisEnd = observation.End;
            if (lastEnd is null || thisEnd > lastEnd.Value)
            {
                lastEnd = thisEnd;
            }
        }

        return result;
    }

    /// <summary>Analyzes the calls to one model.</summary>
    /// <param name="observations">The calls to one model, in any order (gaps computed where not given).</param>
    /// <param name="options">Thresholds of the analysis; <see cref="ColdStartDetectorOptions.Default"/> when null.</param>
    /// <returns>The verdict with its figures.</returns>
    public static ColdStartAnalysis Analyze(IEnumerable<ColdStartObservation> observations, ColdStartDetectorOptions? options = null)
    {
        options ??= ColdStartDetectorOptions.Default;
        IReadOnlyList<ColdStartObservation> withGaps = WithIdleGaps(observations);

        int synthetic = 0;
        int unknown = 0;
        var samples = new List<(double Gap, double Latency)>(withGaps.Count);
        DateTimeOffset? first = null;
        DateTimeOffset? last = null;
        foreach (ColdStartObservation o in withGaps)
        {
            first ??= o.Start;
            if (last is null || o.End > last.Value)
            {
                last = o.End;
            }

            if (o.IsSynthetic)
            {
                synthetic++;
            }
            else if (o.IdleGapMs is double gap && ColdStartObservation.IsUsable(gap) && ColdStartObservation.IsUsable(o.LatencyMs))
            {
                samples.Add((gap, o.LatencyMs));
            }
            else
            {
                unknown++;
            }
        }

        double observedDays = first is DateTimeOffset f && last is DateTimeOffset l ? Math.Max(0, (l - f).TotalMilliseconds) / MillisecondsPerDay : 0;
        return AnalyzeSamples(samples, synthetic, unknown, observedDays, options);
    }

    /// <summary>
    /// Groups <paramref name="items"/> by model and analyzes each group (ordinal model names).
    /// </summary>
    /// <typeparam name="T">The item type, e.g. a span read from telemetry.</typeparam>
    /// <param name="items">The calls of every model.</param>
    /// <param name="model">The model of an item.</param>
    /// <param name="observation">The observation of an item.</param>
    /// <param name="options">Thresholds of the analysis; <see cref="ColdStartDetectorOptions.Default"/> when null.</param>
    /// <returns>One analysis per model.</returns>
    public static IReadOnlyDictionary<string, ColdStartAnalysis> AnalyzeByModel<T>(
        IEnumerable<T> items, Func<T, string> model, Func<T, ColdStartObservation> observation, ColdStartDetectorOptions? options = null)
    {
        if (items is null)
        {
            throw new ArgumentNullException(nameof(items));
        }

        if (model is null)
        {
            throw new ArgumentNullException(nameof(model));
        }

        if (observation is null)
        {
            throw new ArgumentNullException(nameof(observation));
        }

        var result = new SortedDictionary<string, ColdStartAnalysis>(StringComparer.Ordinal);
        foreach (IGrouping<string, T> group in items.GroupBy(model, StringComparer.Ordinal))
        {
            result[group.Key] = Analyze(group.Select(observation), options);
        }

        return result;
    }

    /// <summary>
    /// The keep-warm cost for a known (configured or published) idle threshold: one request whenever the model has idled for
    /// <c>threshold × safetyFactor</c>, at most 86,400 s / (threshold × safetyFactor) requests a day.
    /// </summary>
    /// <param name="idleThresholdMs">The idle threshold, in milliseconds (greater than 0).</param>
    /// <param name="tokensPerRequest">Tokens billed for one keep-warm request.</param>
    /// <param name="safetyFactor">The share of the threshold after which a request is sent, in (0, 1].</param>
    /// <returns>The estimate (its observed figures are 0).</returns>
    public static KeepWarmEstimate EstimateKeepWarm(
        double idleThresholdMs,
        double tokensPerRequest = ColdStartDetectorOptions.DefaultTokensPerKeepWarmRequest,
        double safetyFactor = ColdStartDetectorOptions.DefaultSafetyFactor)
    {
        if (!(idleThresholdMs > 0) || double.IsInfinity(idleThresholdMs))
        {
            throw new ArgumentOutOfRangeException(nameof(idleThresholdMs), idleThresholdMs, "The threshold must be a finite number greater than 0.");
        }

        if (!(tokensPerRequest >= 0) || double.IsInfinity(tokensPerRequest))
        {
            throw new ArgumentOutOfRangeException(nameof(tokensPerRequest), tokensPerRequest, "Tokens per request must be a finite number of 0 or more.");
        }

        if (!(safetyFactor > 0 && safetyFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(safetyFactor), safetyFactor, "The safety factor must be in (0, 1].");
        }

        return new KeepWarmEstimate(idleThresholdMs, safetyFactor, idleThresholdMs * safetyFactor, tokensPerRequest, observedRequests: 0, observedDays: 0);
    }

    /// <summary>Formats milliseconds the way the analysis does: "850 ms", "4.6 s", "17.5 min", "3.2 h".</summary>
    /// <param name="milliseconds">A duration in milliseconds.</param>
    /// <returns>The text.</returns>
    public static string FormatDuration(double milliseconds)
    {
        double abs = Math.Abs(milliseconds);
        if (abs < 1000)
        {
            return milliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
        }

        if (abs < 120_000)
        {
            return (milliseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s";
        }

        if (abs < 7_200_000)
        {
            return (milliseconds / 60_000).ToString("0.0", CultureInfo.InvariantCulture) + " min";
        }

        return (milliseconds / 3_600_000).ToString("0.0", CultureInfo.InvariantCulture) + " h";
    }

    private static ColdStartAnalysis AnalyzeSamples(
        List<(double Gap, double Latency)> samples, int synthetic, int unknown, double observedDays, ColdStartDetectorOptions options)
    {
        int n = samples.Count;
        double? longest = n == 0 ? null : samples.Max(s => s.Gap);
        LatencySummary? all = n == 0 ? null : LatencySummary.FromSorted(samples.Select(s => s.Latency).OrderBy(x => x).ToList());
        int minWarm = options.MinWarmSamples;
        int minCold = options.MinColdSamples;

        if (n < minWarm + minCold)
        {
            string text = Invariant($"insufficient data: {n} call{(n == 1 ? string.Empty : "s")} with a known idle gap; at least {minWarm + minCold} are needed ({minWarm} warm + {minCold} cold)");
            return new ColdStartAnalysis(ColdStartVerdict.InsufficientData, text, n, unknown, synthetic, longest, null, null, null, all, null, null, null, null);
        }

        // Sorted by gap; ties broken by latency only to make the order (not the result) deterministic.
        samples.Sort((a, b) => a.Gap != b.Gap ? a.Gap.CompareTo(b.Gap) : a.Latency.CompareTo(b.Latency));
        double[] ranks = MidRanks(samples);
        var sum = new double[n + 1];
        var sumSquares = new double[n + 1];
        var rankSum = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            double y = Math.Log(Math.Max(samples[i].Latency, MinLogLatencyMs));
            sum[i + 1] = sum[i] + y;
            sumSquares[i + 1] = sumSquares[i] + (y * y);
            rankSum[i + 1] = rankSum[i] + ranks[i];
        }

        // Where: the split that best explains log latency as one step over the gap (least within-group squared
        // deviation). Ranks would not do here: they erase the size of the jump, and so where it is.
        int best = -1;
        int candidates = 0;
        double bestCost = double.PositiveInfinity;
        for (int k = minWarm; k <= n - minCold; k++)
        {
            if (!(samples[k - 1].Gap < samples[k].Gap))
            {
                continue;
            }

            candidates++;
            double cost = Sse(sum, sumSquares, 0, k) + Sse(sum, sumSquares, k, n);
            if (cost < bestCost)
            {
                bestCost = cost;
                best = k;
            }
        }

        if (best < 0)
        {
            string text = Invariant($"insufficient data: the idle gaps of the {n} calls (up to {FormatDuration(longest ?? 0)}) do not vary enough to put {minCold} calls after a longer gap than {minWarm} others");
            return new ColdStartAnalysis(ColdStartVerdict.InsufficientData, text, n, unknown, synthetic, longest, null, null, null, all, null, null, null, null);
        }

        // Whether: the one-sided Mann–Whitney z of that split (the standardized difference of mean ranks), against a
        // critical value Bonferroni-corrected for having picked the split among all candidates.
        double z;
        {
            int nc = n - best;
            double difference = ((rankSum[n] - rankSum[best]) / nc) - (rankSum[best] / best);
            z = difference / Math.Sqrt((n * (n + 1.0) / 12.0) * ((1.0 / best) + (1.0 / nc)));
        }

        double criticalZ = CriticalZ(options.Significance / candidates);
        var warmLatencies = new List<double>(best);
        var coldLatencies = new List<double>(n - best);
        for (int i = 0; i < n; i++)
        {
            (i < best ? warmLatencies : coldLatencies).Add(samples[i].Latency);
        }

        warmLatencies.Sort();
        coldLatencies.Sort();
        LatencySummary warm = LatencySummary.FromSorted(warmLatencies);
        LatencySummary cold = LatencySummary.FromSorted(coldLatencies);
        double ratio = warm.P50Ms > 0 ? cold.P50Ms / warm.P50Ms : (cold.P50Ms > 0 ? double.PositiveInfinity : 1);
        double warmGapMax = samples[best - 1].Gap;
        double coldGapMin = samples[best].Gap;
        double threshold = (warmGapMax + coldGapMin) / 2;

        if (!(ratio >= options.MinLatencyRatio && z >= criticalZ))
        {
            string text = Invariant(
                $"no cold starts in {n} calls with idle gaps up to {FormatDuration(longest ?? 0)}: the best split (after {FormatDuration(threshold)} idle) has p50 {FormatDuration(cold.P50Ms)} vs {FormatDuration(warm.P50Ms)} ({FormatRatio(ratio)}, z {z:0.0}); a cold start needs ≥ {options.MinLatencyRatio:0.##}× and z ≥ {criticalZ:0.0}");
            return new ColdStartAnalysis(ColdStartVerdict.NoColdStarts, text, n, unknown, synthetic, longest, null, null, null, all, null, z, criticalZ, null);
        }

        // Only the longest gap seen warm is known to be safe: the threshold itself may lie anywhere up to the shortest cold gap.
        double interval = threshold * options.SafetyFactor;
        if (warmGapMax > 0 && warmGapMax < interval)
        {
            interval = warmGapMax;
        }

        long observedRequests = 0;
        if (interval > 0)
        {
            foreach ((double gap, _) in samples)
            {
                if (gap > interval)
                {
                    observedRequests += (long)Math.Ceiling(gap / interval) - 1;
                }
            }
        }

        var keepWarm = new KeepWarmEstimate(threshold, options.SafetyFactor, interval, options.TokensPerKeepWarmRequest, observedRequests, observedDays);
        string summary = Invariant(
            $"cold starts after {FormatDuration(threshold)} idle (threshold between {FormatDuration(warmGapMax)} and {FormatDuration(coldGapMin)}): {cold.Count} of {n} calls cold, p50 {FormatDuration(cold.P50Ms)} / p99 {FormatDuration(cold.P99Ms)} vs warm p50 {FormatDuration(warm.P50Ms)} / p99 {FormatDuration(warm.P99Ms)} ({FormatRatio(ratio)}, z {z:0.0}); {keepWarm}");
        return new ColdStartAnalysis(ColdStartVerdict.ColdStarts, summary, n, unknown, synthetic, longest, threshold, warmGapMax, coldGapMin, warm, cold, z, criticalZ, keepWarm);
    }

    /// <summary>Sum of squared deviations from the mean of y[from..to).</summary>
    private static double Sse(double[] sum, double[] sumSquares, int from, int to)
    {
        int m = to - from;
        double s = sum[to] - sum[from];
        return Math.Max(0, sumSquares[to] - sumSquares[from] - (s * s / m));
    }

    /// <summary>The mid-ranks (1-based; ties share their average rank) of the samples' latencies.</summary>
    private static double[] MidRanks(List<(double Gap, double Latency)> samples)
    {
        int n = samples.Count;
        int[] order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => samples[a].Latency.CompareTo(samples[b].Latency));
        var ranks = new double[n];
        int i = 0;
        while (i < n)
        {
            int j = i + 1;
            while (j < n && samples[order[j]].Latency == samples[order[i]].Latency)
            {
                j++;
            }

            double midRank = ((i + 1) + j) / 2.0;
            for (int t = i; t < j; t++)
            {
                ranks[order[t]] = midRank;
            }

            i = j;
        }

        return ranks;
    }

    /// <summary>The z with upper-tail probability <paramref name="alpha"/> under the standard normal (bisection on erfc).</summary>
    internal static double CriticalZ(double alpha)
    {
        double lo = 0;
        double hi = 40;
        for (int i = 0; i < 200 && hi - lo > 1e-9; i++)
        {
            double mid = (lo + hi) / 2;
            if (UpperTail(mid) > alpha)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo + hi) / 2;
    }

    /// <summary>P(Z &gt; z) for a standard normal Z: erfc(z / √2) / 2.</summary>
    internal static double UpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>erfc with fractional error below 1.2e-7 everywhere (Chebyshev fit, Numerical Recipes' erfcc).</summary>
    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + (0.5 * z));
        double poly = -z * z - 1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        double r = t * Math.Exp(poly);
        return x >= 0 ? r : 2.0 - r;
    }

    private static string FormatRatio(double ratio) =>
        double.IsPositiveInfinity(ratio) ? "∞×" : ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
