
namespace LlmCallAnalyzers.CodeFixes;

/// <summary>How a generated hedging pipeline is tuned, and why (for the title and the generated comment).</summary>
internal sealed class HedgingSettings
{
    public HedgingSettings(int maxHedgedAttempts, int delayMs, string reason)
    {
        MaxHedgedAttempts = maxHedgedAttempts;
        DelayMs = delayMs;
        Reason = reason;
    }

    public int MaxHedgedAttempts { get; }

    public int DelayMs { get; }

    public string Reason { get; }
}
