using LlmCallAnalyzers.Model.ColdStarts;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>What <c>llmslo confirm</c> found about the cold starts of one model.</summary>
public sealed class ModelColdStarts
{
    /// <summary>The model (<c>gen_ai.request.model</c>).</summary>
    public required string Model { get; init; }

    /// <summary>The detector's analysis of the kept calls (<see cref="ColdStartDetector.Analyze"/>).</summary>
    public required ColdStartAnalysis Analysis { get; init; }

    /// <summary>The verdict.</summary>
    public ColdStartVerdict Verdict => Analysis.Verdict;

    /// <summary>Successful, timed calls that are not keep-warm traffic: the calls the analysis is about.</summary>
    public long Calls { get; init; }

    /// <summary>Of <see cref="Calls"/>, those kept for the analysis (all of them unless <see cref="Sampled"/>).</summary>
    public int KeptCalls { get; init; }

    /// <summary>True when some idle-gap octave had more calls than are kept (the figures are then over a sample).</summary>
    public bool Sampled { get; init; }

    /// <summary>Keep-warm calls (<c>llm.synthetic</c>): they end idle gaps and are not analyzed.</summary>
    public long SyntheticCalls { get; init; }

    /// <summary>Failed calls: they end idle gaps and are not analyzed.</summary>
    public long FailedCalls { get; init; }

    /// <summary>Calls the runtime itself tagged <c>llm.cold_start</c> (per process, against its own threshold).</summary>
    public long TaggedColdCalls { get; init; }

    /// <summary>Calls after idling longer than the threshold; an estimate unless <see cref="ColdCountsExact"/>.</summary>
    public long ColdCalls { get; init; }

    /// <summary>True when every call after a long gap was kept, so <see cref="ColdCalls"/> and <see cref="TasksPaid"/> are counts.</summary>
    public bool ColdCountsExact { get; init; }

    /// <summary>Task invocations with at least one call to the model.</summary>
    public long TasksWithCalls { get; init; }

    /// <summary>Task invocations with at least one cold call to the model.</summary>
    public long TasksPaid { get; init; }

    /// <summary>Idle gaps up to this long were closed to bound memory (they read as 0); 0 when every gap is exact.</summary>
    public double MergedGapMs { get; init; }

    /// <summary>First call start to last call end, in days.</summary>
    public double ObservedDays { get; init; }

    /// <summary>Keep-warm requests that would have kept every observed idle gap under the keep-warm interval; null without cold starts.</summary>
    public long? KeepWarmObservedRequests { get; init; }

    /// <summary><see cref="KeepWarmObservedRequests"/> per observed day; null without cold starts or a time span.</summary>
    public double? KeepWarmObservedRequestsPerDay =>
        KeepWarmObservedRequests is long requests && ObservedDays > 0 ? requests / ObservedDays : null;

    /// <summary><see cref="KeepWarmObservedRequestsPerDay"/> × tokens per keep-warm request.</summary>
    public double? KeepWarmObservedTokensPerDay => KeepWarmObservedRequestsPerDay * Analysis.KeepWarm?.TokensPerRequest;
}
