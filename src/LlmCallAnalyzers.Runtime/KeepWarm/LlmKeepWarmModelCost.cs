using System;
using LlmCallAnalyzers.Model.ColdStarts;

namespace LlmCallAnalyzers.Runtime;

/// <summary>The keep-warm cost of one model.</summary>
public sealed class LlmKeepWarmModelCost
{
    internal LlmKeepWarmModelCost(
        string model, TimeSpan? idleThreshold, bool thresholdConfigured, TimeSpan? interval,
        long requests, long failedRequests, long inputTokens, long outputTokens, long estimatedTokens,
        double tokensPerRequest, TimeSpan elapsed, KeepWarmEstimate? estimate)
    {
        Model = model;
        IdleThreshold = idleThreshold;
        IsThresholdConfigured = thresholdConfigured;
        Interval = interval;
        Requests = requests;
        FailedRequests = failedRequests;
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
        EstimatedTokens = estimatedTokens;
        TokensPerRequest = tokensPerRequest;
        Elapsed = elapsed;
        Estimate = estimate;
        double days = elapsed.TotalDays;
        RequestsPerDay = days > 0 ? requests / days : null;
        TokensPerDay = days > 0 ? Tokens / days : null;
    }

    /// <summary>The model id.</summary>
    public string Model { get; }

    /// <summary>The idle threshold in effect (configured or measured); null while there is none (nothing is sent).</summary>
    public TimeSpan? IdleThreshold { get; }

    /// <summary>
    /// True when <see cref="IdleThreshold"/> was configured (<see cref="LlmKeepWarmModel.IdleThreshold"/> or
    /// <see cref="LlmColdStartDetector.SetIdleThreshold"/>) rather than measured.
    /// </summary>
    public bool IsThresholdConfigured { get; }

    /// <summary>
    /// The longest idle time allowed: threshold × safety factor — for a measured threshold never longer than the longest
    /// gap the model was seen to stay warm through — and never shorter than <see cref="LlmKeepWarmOptions.MinimumInterval"/>.
    /// </summary>
    public TimeSpan? Interval { get; }

    /// <summary>Keep-warm requests sent (failed ones included).</summary>
    public long Requests { get; }

    /// <summary>Keep-warm requests that failed.</summary>
    public long FailedRequests { get; }

    /// <summary>Input tokens reported by the responses.</summary>
    public long InputTokens { get; }

    /// <summary>Output tokens reported by the responses.</summary>
    public long OutputTokens { get; }

    /// <summary>Tokens assumed for responses that reported no usage (<see cref="LlmKeepWarmOptions.EstimatedTokensPerRequest"/> each).</summary>
    public long EstimatedTokens { get; }

    /// <summary><see cref="InputTokens"/> + <see cref="OutputTokens"/> + <see cref="EstimatedTokens"/>.</summary>
    public long Tokens => InputTokens + OutputTokens + EstimatedTokens;

    /// <summary>Tokens per request: the average reported so far, else the estimate.</summary>
    public double TokensPerRequest { get; }

    /// <summary>Time since the service started.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Requests per day so far; null before any time passed.</summary>
    public double? RequestsPerDay { get; }

    /// <summary>Tokens per day so far; null before any time passed.</summary>
    public double? TokensPerDay { get; }

    /// <summary>
    /// The cost per day if the model had no other traffic: <see cref="ColdStartDetector.EstimateKeepWarm"/> at
    /// <see cref="Interval"/> (its <see cref="KeepWarmEstimate.IdleThresholdMs"/> is the interval, safety factor 1);
    /// null without a threshold.
    /// </summary>
    public KeepWarmEstimate? Estimate { get; }

    /// <summary>86,400 s / <see cref="Interval"/>; null without a threshold.</summary>
    public double? MaxRequestsPerDay => Estimate?.MaxRequestsPerDay;

    /// <summary><see cref="MaxRequestsPerDay"/> × <see cref="TokensPerRequest"/>; null without a threshold.</summary>
    public double? MaxTokensPerDay => Estimate?.MaxTokensPerDay;
}
