using LlmCallAnalyzers.Cli.Statistics;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>How a task's production behaviour compares with its static estimate.</summary>
public enum ConfirmVerdict
{
    /// <summary>Calls within the estimate and [FanOut]; the success interval is not entirely below the SLO.</summary>
    Confirmed,

    /// <summary>Some invocation made more calls than the estimate or the declared [FanOut] allows.</summary>
    Exceeded,

    /// <summary>The 95 % interval of the observed success rate lies entirely below the SLO.</summary>
    BelowSlo,

    /// <summary>Seen, but there is neither an estimate, a [FanOut] nor an SLO to compare with.</summary>
    NoEstimate,

    /// <summary>Estimated by the build, but not seen in the telemetry.</summary>
    NotSeen,
}
