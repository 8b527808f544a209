using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace LlmCallAnalyzers.Runtime;

/// <summary>Options of <see cref="LlmKeepWarmService"/> (<c>services.AddLlmKeepWarm(options => …)</c>).</summary>
public sealed class LlmKeepWarmOptions
{
    /// <summary>The models to keep warm.</summary>
    public IList<LlmKeepWarmModel> Models { get; } = new List<LlmKeepWarmModel>();

    /// <summary>
    /// A keep-warm request is sent once a model has idled for <c>threshold × SafetyFactor</c> (default 0.8); in (0, 1].
    /// </summary>
    public double SafetyFactor { get; set; } = 0.8;

    /// <summary>The prompt of a keep-warm request (default <c>"ping"</c>: a few input tokens).</summary>
    public string Prompt { get; set; } = "ping";

    /// <summary>The <see cref="ChatOptions.MaxOutputTokens"/> of a keep-warm request (default 1).</summary>
    public int MaxOutputTokens { get; set; } = 1;

    /// <summary>Never send keep-warm requests to one model more often than this (default 30 s); also the wait after a failed one.</summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest the service sleeps between checks (default 1 minute), so that a newly measured threshold is picked up.</summary>
    public TimeSpan MaxCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Timeout of one keep-warm request (default 30 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Send one keep-warm request to each model (with a threshold) as soon as the service starts (default false).</summary>
    public bool WarmUpOnStart { get; set; }

    /// <summary>
    /// When to keep models warm, e.g. <c>t =&gt; t.ToLocalTime().Hour is &gt;= 7 and &lt; 20</c> for business hours only;
    /// null (the default): always.
    /// </summary>
    public Func<DateTimeOffset, bool>? ActiveWhen { get; set; }

    /// <summary>
    /// The detector that tells how long each model has idled and its measured threshold; also the clock of the
    /// service. Null (the default): <see cref="LlmColdStartDetector.Shared"/>, the one the middleware feeds by default.
    /// </summary>
    public LlmColdStartDetector? Detector { get; set; }

    /// <summary>Tokens assumed for one request in <see cref="LlmKeepWarmService.GetCost"/> until a response reports its usage (default 10).</summary>
    public double EstimatedTokensPerRequest { get; set; } = 10;

    internal void Validate()
    {
        if (!(SafetyFactor > 0 && SafetyFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SafetyFactor), SafetyFactor, "The safety factor must be in (0, 1].");
        }

        if (MaxOutputTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOutputTokens), MaxOutputTokens, "At least one output token.");
        }

        if (MinimumInterval <= TimeSpan.Zero || MaxCheckInterval <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumInterval), "MinimumInterval, MaxCheckInterval and RequestTimeout must be greater than zero.");
        }

        if (!(EstimatedTokensPerRequest >= 0) || double.IsInfinity(EstimatedTokensPerRequest))
        {
            throw new ArgumentOutOfRangeException(nameof(EstimatedTokensPerRequest), EstimatedTokensPerRequest, "Must be a finite number of 0 or more.");
        }

        if (Prompt is null)
        {
            throw new ArgumentNullException(nameof(Prompt));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (LlmKeepWarmModel model in Models)
        {
            if (model is null)
            {
                throw new ArgumentException("A keep-warm model is null.", nameof(Models));
            }

            if (!seen.Add(model.ModelId))
            {
                throw new ArgumentException("Model '" + model.ModelId + "' is listed twice.", nameof(Models));
            }

            if (model.IdleThreshold is TimeSpan t && t <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(Models), t, "The idle threshold of '" + model.ModelId + "' must be greater than zero.");
            }
        }
    }
}
