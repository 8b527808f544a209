using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

internal sealed class RetryShape : Shape
{
    public RetryShape(Shape body, int extraAttempts, bool hedged, Location? location = null, string? origin = null)
    {
        Body = body;
        ExtraAttempts = extraAttempts;
        Hedged = hedged;
        Location = location;
        Origin = origin;
    }

    /// <summary>Where the retry is written (the loop keyword of a hand-written retry loop); null when unknown.</summary>
    public Location? Location { get; }

    /// <summary>What the retry comes from, e.g. <c>hand-written retry loop (attempt &lt; 3)</c>.</summary>
    public string? Origin { get; }

    public Shape Body { get; }

    public int ExtraAttempts { get; }

    public bool Hedged { get; }
}
