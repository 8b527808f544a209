using System;
using System.Collections.Generic;
using LlmCallAnalyzers.Model.ColdStarts;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>
/// Keeps a bounded sample of one model's calls: a reservoir (Algorithm R, seeded, so a run is reproducible) per
/// octave of the idle gap the call showed when it was read — unknown, under 1 s, 1–2 s, 2–4 s, … — so the rare calls
/// after long gaps are kept however busy the model is. The gap at read time can only shrink as more calls arrive
/// (they fill idle time in), so a call that ends up cold was never filed under a shorter gap.
/// </summary>
public sealed class ColdStartSampler
{
    /// <summary>Unknown, then the <see cref="IdleGapOctaves"/> (under 1 s, 1–2 s, …) up to 2²⁵ s (about a year), and beyond.</summary>
    public const int Buckets = 28;

    private const int Seed = 20_261_102;
    private readonly List<ColdStartSample>?[] _kept = new List<ColdStartSample>?[Buckets];
    private readonly long[] _seen = new long[Buckets];
    private readonly int _perBucket;
    private readonly Random _random = new(Seed);

    /// <summary>Creates a sampler.</summary>
    /// <param name="perBucket">Calls kept per octave (at least 16).</param>
    public ColdStartSampler(int perBucket)
    {
        if (perBucket < 16) throw new ArgumentOutOfRangeException(nameof(perBucket), perBucket, "At least 16 calls per octave.");
        _perBucket = perBucket;
    }

    /// <summary>Calls kept.</summary>
    public int Kept { get; private set; }

    /// <summary>True when some octave had more calls than it keeps.</summary>
    public bool Sampled { get; private set; }

    /// <summary>Offers one call.</summary>
    /// <param name="gapMs">Its idle gap as seen now (null when unknown).</param>
    /// <param name="startUnixNano">Its start.</param>
    /// <param name="latencyMs">Its duration.</param>
    /// <param name="trace">Its trace.</param>
    /// <param name="tasks">The task spans above it (copied only when the call is kept).</param>
    public void Add(double? gapMs, long startUnixNano, double latencyMs, TraceId trace, IReadOnlyList<ulong> tasks)
    {
        int bucket = Bucket(gapMs);
        long seen = ++_seen[bucket];
        var kept = _kept[bucket] ??= new List<ColdStartSample>();
        int slot;
        if (kept.Count < _perBucket)
        {
            slot = kept.Count;
            kept.Add(default);
            Kept++;
        }
        else
        {
            Sampled = true;
            long pick = _random.NextInt64(seen);
            if (pick >= _perBucket) return;
            slot = (int)pick;
        }

        ulong[]? copy = null;
        if (tasks.Count > 0)
        {
            copy = new ulong[tasks.Count];
            for (int i = 0; i < copy.Length; i++) copy[i] = tasks[i];
        }

        kept[slot] = new ColdStartSample(startUnixNano, latencyMs, trace, copy);
    }

    /// <summary>Every call kept with its weight: calls offered to its octave / calls kept there (1 unless sampled).</summary>
    /// <returns>The calls.</returns>
    public IEnumerable<(ColdStartSample Sample, double Weight)> Samples()
    {
        for (int b = 0; b < Buckets; b++)
        {
            if (_kept[b] is not { Count: > 0 } kept) continue;
            double weight = (double)_seen[b] / kept.Count;
            foreach (var sample in kept) yield return (sample, weight);
        }
    }

    /// <summary>True when no octave that can hold a gap longer than <paramref name="gapMs"/> dropped a call.</summary>
    /// <param name="gapMs">A gap in milliseconds.</param>
    /// <returns>Whether every call with a longer gap was kept.</returns>
    public bool KeptEveryCallLongerThan(double gapMs)
    {
        for (int b = 0; b < Buckets; b++)
        {
            if (UpperBoundMs(b) > gapMs && _kept[b] is { } kept && _seen[b] > kept.Count) return false;
        }

        return true;
    }

    /// <summary>The octave of <paramref name="gapMs"/>.</summary>
    /// <param name="gapMs">A gap in milliseconds, or null.</param>
    /// <returns>0 for unknown, 1 under 1 s, then one per doubling.</returns>
    public static int Bucket(double? gapMs)
    {
        if (gapMs is not double gap) return 0;
        return 1 + Math.Min(Buckets - 2, IdleGapOctaves.Of(gap));
    }

    /// <summary>The (exclusive) upper bound of octave <paramref name="bucket"/> in milliseconds; ∞ for unknown and the last.</summary>
    private static double UpperBoundMs(int bucket) =>
        bucket == 0 || bucket == Buckets - 1 ? double.PositiveInfinity : IdleGapOctaves.UpperBoundMs(bucket - 1);
}
