using System;
using LlmCallAnalyzers.Model.ColdStarts;

namespace LlmCallAnalyzers.Runtime;

/// <summary>Options of <see cref="LlmColdStartDetector"/>; read once, when the detector is created.</summary>
public sealed class LlmColdStartDetectorOptions
{
    /// <summary>
    /// The most models tracked (default 64). Calls to further models are not tracked (their spans get no
    /// <c>llm.model.idle_ms</c>); <see cref="LlmColdStartDetector.UntrackedModelCalls"/> counts them.
    /// </summary>
    public int MaxModels { get; set; } = 64;

    /// <summary>
    /// Calls kept per model and idle-gap octave (default 64). Calls are kept in
    /// <see cref="LlmColdStartDetector.GapBuckets"/> rings by idle gap (under 1 s, 1–2 s, 2–4 s, … up to 2²² s), so a
    /// busy model still keeps the rare calls after long gaps: at most 24 × 64 = 1,536 calls per model (about 37 KB).
    /// Once the ring of warm calls (under 1 s) is full, one warm call in 8 replaces an older one: they only set the
    /// baseline latency, and the other seven are measured without taking the model's lock.
    /// </summary>
    public int SamplesPerGapBucket { get; set; } = 64;

    /// <summary>Re-run the analysis after at most this many new calls of a model (default 32; sooner while there are few).</summary>
    public int ReanalyzeEvery { get; set; } = 32;

    /// <summary>
    /// Re-run the analysis of a model at most this often (default 10 s) as calls arrive; <see cref="LlmColdStartDetector.GetSnapshot"/>
    /// always analyzes what is new.
    /// </summary>
    public TimeSpan ReanalyzeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How sure the analysis must be (<see cref="ColdStartDetector.Analyze"/>); the defaults when null.</summary>
    public ColdStartDetectorOptions? Detection { get; set; }

    internal void Validate()
    {
        if (MaxModels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxModels), MaxModels, "At least one model must be tracked.");
        }

        if (SamplesPerGapBucket < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SamplesPerGapBucket), SamplesPerGapBucket, "At least one call per gap bucket must be kept.");
        }

        if (ReanalyzeEvery < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ReanalyzeEvery), ReanalyzeEvery, "Must be 1 or more.");
        }

        if (ReanalyzeInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ReanalyzeInterval), ReanalyzeInterval, "Must not be negative.");
        }
    }
}
