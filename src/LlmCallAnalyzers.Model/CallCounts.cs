using System;
using System.Globalization;

namespace LlmCallAnalyzers.Model;

/// <summary>
/// The arithmetic and the text of call counts. Counts are exact up to <see cref="long.MaxValue"/> and saturate there
/// (a call graph where each method calls the next one twice reaches it at 63 levels): a saturated count is a lower
/// bound, never a wrapped or rounded number, and is printed as one ("at least 9223372036854775807").
/// </summary>
public static class CallCounts
{
    /// <summary>The value a count saturates at: "this many or more".</summary>
    public const long Saturated = long.MaxValue;

    /// <summary>Whether <paramref name="count"/> saturated (the exact count is this or more).</summary>
    public static bool IsSaturated(long count) => count == Saturated;

    /// <summary>The sum of two non-negative counts, saturated.</summary>
    public static long Add(long a, long b) => a > Saturated - b ? Saturated : a + b;

    /// <summary>The product of two non-negative counts, saturated.</summary>
    public static long Multiply(long a, long b)
    {
        if (a == 0 || b == 0) return 0;
        return a > Saturated / b ? Saturated : a * b;
    }

    /// <summary>"20"; "at least 9223372036854775807" when saturated.</summary>
    public static string Format(long count)
        => IsSaturated(count) ? "at least " + Digits(count) : Digits(count);

    /// <summary>"up to 20" for a worst case; "at least 9223372036854775807" when saturated (no upper bound is known).</summary>
    public static string UpTo(long count) => IsSaturated(count) ? Format(count) : "up to " + Digits(count);

    /// <summary>
    /// A non-negative figure rounded to a whole number (milliseconds), in plain digits: every digit below 2^63, 15
    /// significant ones above ("922337203685478000000"), never in exponent notation.
    /// </summary>
    public static string FormatWhole(double value)
    {
        double rounded = Math.Round(value);
        return rounded < 9223372036854775808.0 && rounded > -9223372036854775808.0
            ? Digits((long)rounded)
            : rounded.ToString("0", CultureInfo.InvariantCulture);
    }

    private static string Digits(long count) => count.ToString(CultureInfo.InvariantCulture);
}
