using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>One call or loop of a composed tree and how much of a figure it accounts for.</summary>
internal sealed class Contributor
{
    private Contributor(SourcePlace place, bool isLoop)
    {
        Place = place;
        IsLoop = isLoop;
    }

    /// <summary>A contributor of calls: <paramref name="calls"/> exact and saturated, null when unbounded.</summary>
    public static Contributor OfCalls(SourcePlace place, bool isLoop, long? calls) => new(place, isLoop) { IsCount = true, Calls = calls };

    /// <summary>A contributor of p99 milliseconds.</summary>
    public static Contributor OfMilliseconds(SourcePlace place, bool isLoop, double milliseconds) => new(place, isLoop) { Milliseconds = milliseconds };

    public SourcePlace Place { get; }

    /// <summary>True for a loop; false for a call (a call with hidden repetitions counts as a call).</summary>
    public bool IsLoop { get; }

    /// <summary>True when the contribution is a number of calls (<see cref="Calls"/>), false for milliseconds.</summary>
    public bool IsCount { get; private set; }

    /// <summary>
    /// Calls, already multiplied by every enclosing loop (and retry, when counted): exact, saturated at
    /// <see cref="CallCounts.Saturated"/>; null when unbounded. Only for a count.
    /// </summary>
    public long? Calls { get; private set; }

    /// <summary>p99 milliseconds, already multiplied by every enclosing sequential loop. Only for a latency.</summary>
    public double Milliseconds { get; private set; }

    /// <summary>The contribution as one number: calls (infinite when unbounded, rounded above 2^53) or milliseconds.</summary>
    public double Amount => IsCount ? (Calls is long calls ? calls : double.PositiveInfinity) : Milliseconds;

    /// <summary>"9", "at least 9223372036854775807" or "an unbounded number" of calls; "2400" milliseconds.</summary>
    public string AmountText => !IsCount ? CallCounts.FormatWhole(Milliseconds)
        : Calls is long calls ? CallCounts.Format(calls) : "an unbounded number";

    /// <summary>"in the loop at Research.cs:57" or "at the call at Research.cs:42".</summary>
    public string Where => (IsLoop ? "in the loop at " : "at the call at ") + (Place.ShortText ?? "?");

    /// <summary>Adds what the same code contributes once more (a method called from two places).</summary>
    internal void Add(Contributor more)
    {
        if (IsCount)
        {
            Calls = Calls is long a && more.Calls is long b ? CallCounts.Add(a, b) : null;
        }
        else
        {
            Milliseconds += more.Milliseconds;
        }
    }

    /// <summary>Largest first: calls compared exactly (an unbounded number above all), milliseconds as numbers.</summary>
    internal int CompareAmount(Contributor other)
    {
        if (IsCount && other.IsCount)
        {
            return (Calls ?? long.MaxValue).CompareTo(other.Calls ?? long.MaxValue) is int c and not 0 ? c
                : (Calls is null).CompareTo(other.Calls is null);
        }

        return Amount.CompareTo(other.Amount);
    }
}
