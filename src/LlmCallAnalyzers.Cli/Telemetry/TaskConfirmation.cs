using System;
using System.Linq;
using LlmCallAnalyzers.Cli.Statistics;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>One task's observed figures against its estimate.</summary>
public sealed class TaskConfirmation
{
    internal TaskConfirmation(string name, ObservedTask? observed, EmbeddedEstimate? embedded)
    {
        Name = name;
        Observed = observed;
        Embedded = embedded;
        if (embedded is not null)
        {
            EstimateSource = "assembly";
            EstimateMin = embedded.MinCalls;
            EstimateMax = embedded.MaxCalls < 0 ? null : embedded.MaxCalls;
            HasEstimate = true;
            DeclaredFanOut = embedded.DeclaredFanOut >= 0 ? embedded.DeclaredFanOut : observed?.SpanFanOut;
            PredictedAvailability = embedded.MaxCalls < 0 ? null : embedded.Availability;
            Slo = embedded.Slo > 0 ? embedded.Slo : observed?.SpanSlo;
        }
        else if (observed is not null)
        {
            HasEstimate = observed.SpanEstimateMax is not null;
            EstimateSource = HasEstimate ? "telemetry" : null;
            EstimateMin = observed.SpanEstimateMin;
            EstimateMax = observed.SpanEstimateMax is long max && max >= 0 ? max : null;
            DeclaredFanOut = observed.SpanFanOut;
            Slo = observed.SpanSlo;
        }

        if (observed is not null)
        {
            Success = WilsonInterval.Compute(observed.Succeeded, observed.Succeeded + observed.Failed);
            long? limit = Limit;
            ExceededInvocations = Math.Max(limit is long l ? observed.Calls.CountAbove(l) : 0, observed.RuntimeExceeded ?? 0);
            PossiblyExceededInvocations = limit is long m ? Math.Max(0, observed.Calls.CountPossiblyAbove(m) - ExceededInvocations) : 0;
        }

        Verdict = observed is null ? ConfirmVerdict.NotSeen
            : ExceededInvocations > 0 ? ConfirmVerdict.Exceeded
            : Slo is double slo && Success.Trials > 0 && Success.Upper < slo ? ConfirmVerdict.BelowSlo
            : !HasEstimate && DeclaredFanOut is null && Slo is null ? ConfirmVerdict.NoEstimate
            : ConfirmVerdict.Confirmed;
    }

    /// <summary>The task name.</summary>
    public string Name { get; }

    /// <summary>What the telemetry showed; null when the task was not seen.</summary>
    public ObservedTask? Observed { get; }

    /// <summary>The estimate from <c>--estimates</c>, when given and found.</summary>
    public EmbeddedEstimate? Embedded { get; }

    /// <summary>Where the estimate came from: "assembly", "telemetry" (span attributes) or null.</summary>
    public string? EstimateSource { get; }

    /// <summary>True when a static estimate is known (bounded or not).</summary>
    public bool HasEstimate { get; }

    /// <summary>The estimate's fewest calls.</summary>
    public long? EstimateMin { get; }

    /// <summary>The estimate's most calls; null when unbounded or unknown.</summary>
    public long? EstimateMax { get; }

    /// <summary>The declared <c>[FanOut]</c>.</summary>
    public long? DeclaredFanOut { get; }

    /// <summary>The limit an invocation must not exceed (<see cref="TaskCallLimit"/>): the smaller of the bounded estimate and the declared [FanOut].</summary>
    public long? Limit => TaskCallLimit.Of(EstimateMax, DeclaredFanOut);

    /// <summary>True when the declared [FanOut], not the estimate, sets <see cref="Limit"/>.</summary>
    public bool LimitSetByFanOut => TaskCallLimit.IsSetByFanOut(EstimateMax, DeclaredFanOut);

    /// <summary>The predicted availability (from the assembly).</summary>
    public double? PredictedAvailability { get; }

    /// <summary>The SLO.</summary>
    public double? Slo { get; }

    /// <summary>The observed success rate (canceled invocations left out) and its 95 % Wilson interval.</summary>
    public WilsonInterval Success { get; }

    /// <summary>Invocations that made more calls than <see cref="Limit"/>.</summary>
    public long ExceededInvocations { get; }

    /// <summary>
    /// Invocations that may, but need not, exceed <see cref="Limit"/>: those in the histogram bucket that straddles it
    /// (always 0 for exact counts from spans).
    /// </summary>
    public long PossiblyExceededInvocations { get; }

    /// <summary>The verdict.</summary>
    public ConfirmVerdict Verdict { get; }

    /// <summary>True when the success interval lies entirely below the predicted availability (a hint, not a failure).</summary>
    public bool BelowPrediction => PredictedAvailability is double p && Success.Trials > 0 && Success.Upper < p;

    /// <summary>True when this task makes <c>llmslo confirm</c> exit with 1.</summary>
    public bool Fails => Verdict is ConfirmVerdict.Exceeded or ConfirmVerdict.BelowSlo;
}
