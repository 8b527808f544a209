using System;
using LlmCallAnalyzers.Model.ColdStarts;

namespace LlmCallAnalyzers.Runtime;

/// <summary>What <see cref="LlmColdStartDetector"/> knows about one model right now.</summary>
public sealed class LlmModelColdStartSnapshot
{
    internal LlmModelColdStartSnapshot(
        string model, long calls, long coldStartCalls, long keepWarmRequests, int samples,
        TimeSpan? idleTime, TimeSpan? configuredIdleThreshold, ColdStartAnalysis analysis)
    {
        Model = model;
        Calls = calls;
        ColdStartCalls = coldStartCalls;
        KeepWarmRequests = keepWarmRequests;
        Samples = samples;
        IdleTime = idleTime;
        ConfiguredIdleThreshold = configuredIdleThreshold;
        Analysis = analysis;
    }

    /// <summary>The model (<c>gen_ai.request.model</c>).</summary>
    public string Model { get; }

    /// <summary>Calls to the model seen since tracking began (keep-warm requests excluded).</summary>
    public long Calls { get; }

    /// <summary>
    /// Calls tagged <c>llm.cold_start = true</c>: made after the model idled longer than the threshold in effect at the
    /// time (none before a threshold is measured or configured).
    /// </summary>
    public long ColdStartCalls { get; }

    /// <summary>Keep-warm requests sent to the model by <see cref="LlmKeepWarmService"/>.</summary>
    public long KeepWarmRequests { get; }

    /// <summary>Calls kept for the analysis (bounded: see <see cref="LlmColdStartDetectorOptions.SamplesPerGapBucket"/>).</summary>
    public int Samples { get; }

    /// <summary>How long the model has been idle now (zero while a call runs); null before its first call ended.</summary>
    public TimeSpan? IdleTime { get; }

    /// <summary>The threshold set with <see cref="LlmColdStartDetector.SetIdleThreshold"/>, if any.</summary>
    public TimeSpan? ConfiguredIdleThreshold { get; }

    /// <summary>The measured idle threshold, when the analysis found cold starts.</summary>
    public TimeSpan? MeasuredIdleThreshold => Analysis.IdleThresholdMs is double ms ? TimeSpan.FromMilliseconds(ms) : null;

    /// <summary>The threshold in effect: <see cref="ConfiguredIdleThreshold"/>, else <see cref="MeasuredIdleThreshold"/>.</summary>
    public TimeSpan? IdleThreshold => ConfiguredIdleThreshold ?? MeasuredIdleThreshold;

    /// <summary>
    /// The analysis of the kept calls: verdict, threshold, cold and warm p50/p99, keep-warm estimate. The calls are
    /// kept per gap octave, so its counts describe the sample (long gaps are over-represented), not all traffic.
    /// </summary>
    public ColdStartAnalysis Analysis { get; }

    /// <inheritdoc/>
    public override string ToString() => Model + ": " + Analysis.Summary;
}
