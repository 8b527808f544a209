using System;

namespace LlmCallAnalyzers.Model.ColdStarts;

/// <summary>
/// One call to one model, as the cold-start detector sees it: when it started, how long it took, and how long the model
/// had been idle before it (the time since the previous call to the same model ended).
/// </summary>
public readonly struct ColdStartObservation
{
    /// <summary>Creates an observation.</summary>
    /// <param name="start">When the call started.</param>
    /// <param name="latencyMs">How long the call took, in milliseconds.</param>
    /// <param name="idleGapMs">
    /// How long the model had been idle when the call started, in milliseconds; null to let
    /// <see cref="ColdStartDetector.WithIdleGaps"/> compute it from the start times and latencies of the other calls.
    /// </param>
    /// <param name="isSynthetic">
    /// True for keep-warm traffic (<c>llm.synthetic</c>): it keeps the model busy, so it ends idle gaps, but its
    /// latency (one output token) is not a sample of what users wait for and is never analyzed.
    /// </param>
    public ColdStartObservation(DateTimeOffset start, double latencyMs, double? idleGapMs = null, bool isSynthetic = false)
    {
        Start = start;
        LatencyMs = latencyMs;
        IdleGapMs = idleGapMs;
        IsSynthetic = isSynthetic;
    }

    /// <summary>When the call started.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>How long the call took, in milliseconds.</summary>
    public double LatencyMs { get; }

    /// <summary>When the call ended: <see cref="Start"/> + <see cref="LatencyMs"/>.</summary>
    public DateTimeOffset End => Start.AddMilliseconds(IsUsable(LatencyMs) ? LatencyMs : 0);

    /// <summary>
    /// The idle time of the model before this call, in milliseconds (0 when another call to the model was still running);
    /// null when unknown (the first call seen).
    /// </summary>
    public double? IdleGapMs { get; }

    /// <summary>True for keep-warm traffic: it ends idle gaps but is not analyzed.</summary>
    public bool IsSynthetic { get; }

    /// <summary>The same observation with <see cref="IdleGapMs"/> set.</summary>
    /// <param name="idleGapMs">The idle gap in milliseconds, or null.</param>
    /// <returns>A copy with the gap.</returns>
    public ColdStartObservation WithIdleGap(double? idleGapMs) => new ColdStartObservation(Start, LatencyMs, idleGapMs, IsSynthetic);

    /// <inheritdoc/>
    public override string ToString() =>
        FormattableString.Invariant($"{Start:O} {LatencyMs:0.#} ms after {(IdleGapMs is double g ? g.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " ms idle" : "unknown idle")}{(IsSynthetic ? " (synthetic)" : string.Empty)}");

    internal static bool IsUsable(double value) => !double.IsNaN(value) && !double.IsInfinity(value) && value >= 0;
}
