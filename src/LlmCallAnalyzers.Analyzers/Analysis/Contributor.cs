using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>One call or loop of a composed tree and how much of a figure it accounts for.</summary>
internal sealed class Contributor
{
    public Contributor(SourcePlace place, bool isLoop, double amount)
    {
        Place = place;
        IsLoop = isLoop;
        Amount = amount;
    }

    public SourcePlace Place { get; }

    /// <summary>True for a loop; false for a call (a call with hidden repetitions counts as a call).</summary>
    public bool IsLoop { get; }

    /// <summary>Calls or milliseconds, already multiplied by every enclosing loop (and retry, when counted).</summary>
    public double Amount { get; internal set; }

    /// <summary>"in the loop at Research.cs:57" or "at the call at Research.cs:42".</summary>
    public string Where => (IsLoop ? "in the loop at " : "at the call at ") + (Place.ShortText ?? "?");
}
