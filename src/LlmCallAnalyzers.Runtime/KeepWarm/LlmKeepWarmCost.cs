using System;
using System.Collections.Generic;
using LlmCallAnalyzers.Model.ColdStarts;

namespace LlmCallAnalyzers.Runtime;

/// <summary>What <see cref="LlmKeepWarmService"/> has cost so far, and what it costs per day at most.</summary>
public sealed class LlmKeepWarmCost
{
    internal LlmKeepWarmCost(IReadOnlyList<LlmKeepWarmModelCost> models, TimeSpan elapsed)
    {
        Models = models;
        Elapsed = elapsed;
        foreach (LlmKeepWarmModelCost model in models)
        {
            Requests += model.Requests;
            Tokens += model.Tokens;
            MaxRequestsPerDay += model.MaxRequestsPerDay ?? 0;
            MaxTokensPerDay += model.MaxTokensPerDay ?? 0;
        }

        double days = elapsed.TotalDays;
        RequestsPerDay = days > 0 ? Requests / days : null;
        TokensPerDay = days > 0 ? Tokens / days : null;
    }

    /// <summary>Per model.</summary>
    public IReadOnlyList<LlmKeepWarmModelCost> Models { get; }

    /// <summary>Time since the service started.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Keep-warm requests sent (failed ones included).</summary>
    public long Requests { get; }

    /// <summary>Tokens used (as reported by the responses; estimated for responses without usage).</summary>
    public long Tokens { get; }

    /// <summary>Requests per day so far: <see cref="Requests"/> / <see cref="Elapsed"/>; null before any time passed.</summary>
    public double? RequestsPerDay { get; }

    /// <summary>Tokens per day so far; null before any time passed.</summary>
    public double? TokensPerDay { get; }

    /// <summary>Requests per day if no model had any other traffic: Σ 86,400 s / interval, over models with a threshold.</summary>
    public double MaxRequestsPerDay { get; }

    /// <summary>Tokens per day if no model had any other traffic.</summary>
    public double MaxTokensPerDay { get; }
}
