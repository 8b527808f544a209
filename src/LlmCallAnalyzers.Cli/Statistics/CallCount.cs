using System.Globalization;

namespace LlmCallAnalyzers.Cli.Statistics;

/// <summary>
/// A number of calls as precisely as the source knows it: exact from trace spans (<c>Low == High</c>), a histogram
/// bucket from metrics (13..16 for the bucket (12, 16]), or open-ended above the top bucket (<c>High</c> null).
/// </summary>
public readonly struct CallCount
{
    /// <summary>Creates a count between <paramref name="low"/> and <paramref name="high"/> (null: no upper bound).</summary>
    public CallCount(long low, long? high)
    {
        Low = low;
        High = high;
    }

    /// <summary>The fewest calls it can be.</summary>
    public long Low { get; }

    /// <summary>The most calls it can be; null above the top bucket.</summary>
    public long? High { get; }

    /// <summary>True when the count is known exactly.</summary>
    public bool IsExact => High == Low;

    /// <summary>An exact count.</summary>
    public static CallCount Exactly(long value) => new(value, value);

    /// <summary>"15" when exact, "≤ 16" for a bucket, "> 256" above the top bucket.</summary>
    public override string ToString()
        => IsExact ? Low.ToString(CultureInfo.InvariantCulture)
            : High is long high ? "≤ " + high.ToString(CultureInfo.InvariantCulture)
            : "> " + (Low - 1).ToString(CultureInfo.InvariantCulture);
}
