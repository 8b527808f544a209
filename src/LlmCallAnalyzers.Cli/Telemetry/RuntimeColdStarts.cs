namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>
/// Cold starts and keep-warm traffic of one model over a window, as the runtime counted them in its metrics:
/// <c>llm.cold_start.calls</c> (calls made after the model idled past its threshold), <c>llm.keepwarm.requests</c> and
/// <c>llm.keepwarm.tokens</c>. Metrics hold no latencies, so there is no detector analysis here, only the counts.
/// </summary>
public sealed class RuntimeColdStarts
{
    /// <summary>The model (<c>gen_ai.request.model</c>).</summary>
    public required string Model { get; init; }

    /// <summary>Calls the runtime counted as cold starts.</summary>
    public long ColdCalls { get; init; }

    /// <summary>Keep-warm requests sent.</summary>
    public long KeepWarmRequests { get; init; }

    /// <summary>Keep-warm requests that failed.</summary>
    public long KeepWarmFailed { get; init; }

    /// <summary>Input tokens of the keep-warm requests.</summary>
    public long KeepWarmInputTokens { get; init; }

    /// <summary>Output tokens of the keep-warm requests.</summary>
    public long KeepWarmOutputTokens { get; init; }

    /// <summary>The window's length in days.</summary>
    public double Days { get; init; }

    /// <summary>Cold calls per day.</summary>
    public double ColdCallsPerDay => Days > 0 ? ColdCalls / Days : 0;

    /// <summary>Keep-warm requests per day.</summary>
    public double KeepWarmRequestsPerDay => Days > 0 ? KeepWarmRequests / Days : 0;

    /// <summary>Keep-warm tokens (input and output) per day.</summary>
    public double KeepWarmTokensPerDay => Days > 0 ? (KeepWarmInputTokens + KeepWarmOutputTokens) / Days : 0;
}
