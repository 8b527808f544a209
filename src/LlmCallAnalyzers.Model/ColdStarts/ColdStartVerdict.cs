namespace LlmCallAnalyzers.Model.ColdStarts;

/// <summary>What <see cref="ColdStartDetector.Analyze"/> concluded about one model.</summary>
public enum ColdStartVerdict
{
    /// <summary>
    /// Too few calls with a known idle gap, or gaps that do not vary enough to be split, to claim anything either way.
    /// </summary>
    InsufficientData,

    /// <summary>
    /// No jump: no split of the observed idle gaps (with enough calls on each side) has calls after the longer gaps
    /// clearly slower than the others. Says nothing about gaps longer than <see cref="ColdStartAnalysis.LongestGapMs"/>.
    /// </summary>
    NoColdStarts,

    /// <summary>Calls after idling longer than <see cref="ColdStartAnalysis.IdleThresholdMs"/> are clearly slower.</summary>
    ColdStarts,
}
