using System;

namespace LlmCallAnalyzers.Model.ColdStarts;

/// <summary>
/// What keeping a model warm costs: one minimal request whenever the model has idled for <see cref="IntervalMs"/>
/// (<c>threshold × safety factor</c>, and never longer than an idle gap the model was seen to stay warm through).
/// <see cref="MaxRequestsPerDay"/> is the cost for a model with no other traffic (86,400 s / interval); the observed
/// figures count only the requests that would have filled the idle gaps seen.
/// </summary>
public sealed class KeepWarmEstimate
{
    internal KeepWarmEstimate(
        double idleThresholdMs, double safetyFactor, double intervalMs, double tokensPerRequest,
        long observedRequests, double observedDays)
    {
        IdleThresholdMs = idleThresholdMs;
        SafetyFactor = safetyFactor;
        IntervalMs = intervalMs;
        TokensPerRequest = tokensPerRequest;
        MaxRequestsPerDay = IntervalMs > 0 ? ColdStartDetector.MillisecondsPerDay / IntervalMs : double.PositiveInfinity;
        MaxTokensPerDay = MaxRequestsPerDay * tokensPerRequest;
        ObservedRequests = observedRequests;
        ObservedDays = observedDays;
        ObservedRequestsPerDay = observedDays > 0 ? observedRequests / observedDays : null;
        ObservedTokensPerDay = ObservedRequestsPerDay * tokensPerRequest;
    }

    /// <summary>The idle threshold the estimate keeps the model under, in milliseconds.</summary>
    public double IdleThresholdMs { get; }

    /// <summary>The share of the threshold after which a keep-warm request is sent.</summary>
    public double SafetyFactor { get; }

    /// <summary>
    /// The longest idle time allowed, in milliseconds: <see cref="IdleThresholdMs"/> × <see cref="SafetyFactor"/>; from an
    /// analysis, capped at <see cref="ColdStartAnalysis.WarmGapMaxMs"/> (the threshold is only known to lie between the
    /// longest warm gap and the shortest cold one, and only the former is known to be safe).
    /// </summary>
    public double IntervalMs { get; }

    /// <summary>Tokens billed for one keep-warm request.</summary>
    public double TokensPerRequest { get; }

    /// <summary>Keep-warm requests per day when the model has no other traffic: 86,400 s / <see cref="IntervalMs"/>.</summary>
    public double MaxRequestsPerDay { get; }

    /// <summary><see cref="MaxRequestsPerDay"/> × <see cref="TokensPerRequest"/>.</summary>
    public double MaxTokensPerDay { get; }

    /// <summary>
    /// Keep-warm requests that would have kept every observed idle gap under <see cref="IntervalMs"/>:
    /// Σ over gaps g of ⌈g / interval⌉ − 1.
    /// </summary>
    public long ObservedRequests { get; }

    /// <summary>The span of the observations (first start to last end), in days; 0 when only an estimate from a threshold.</summary>
    public double ObservedDays { get; }

    /// <summary><see cref="ObservedRequests"/> / <see cref="ObservedDays"/>; null without a time span.</summary>
    public double? ObservedRequestsPerDay { get; }

    /// <summary><see cref="ObservedRequestsPerDay"/> × <see cref="TokensPerRequest"/>; null without a time span.</summary>
    public double? ObservedTokensPerDay { get; }

    /// <inheritdoc/>
    public override string ToString()
    {
        bool capped = IntervalMs < (IdleThresholdMs * SafetyFactor) - 1e-6;
        string basis = capped
            ? "the longest gap seen warm"
            : FormattableString.Invariant($"{ColdStartDetector.FormatDuration(IdleThresholdMs)} × {SafetyFactor:0.##}");
        string max = FormattableString.Invariant(
            $"keep-warm every {ColdStartDetector.FormatDuration(IntervalMs)} ({basis}): at most {MaxRequestsPerDay:0.#} requests/day, {MaxTokensPerDay:0} tokens/day");
        return ObservedRequestsPerDay is double perDay
            ? max + FormattableString.Invariant($"; {ObservedRequests} requests over the observed {ObservedDays:0.##} days ({perDay:0.#}/day, {ObservedTokensPerDay:0} tokens/day)")
            : max;
    }
}
