using System;
using System.Globalization;

namespace LlmCallAnalyzers.Model;

/// <summary>Formats probabilities as the percentages diagnostics show, so that every front end prints the same figure.</summary>
public static class Percent
{
    /// <summary>Two decimals, rounded: 0.980189 → "98.02 %".</summary>
    public static string Format(double probability) => Format(probability, 2);

    /// <summary>Rounded to <paramref name="decimals"/> decimals.</summary>
    public static string Format(double probability, int decimals)
        => (probability * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " %";

    /// <summary>
    /// Formats <paramref name="value"/> and <paramref name="other"/> with two decimals, or with as many more as it takes
    /// for them to differ (so "99.50 % is below 99.50 %" never appears).
    /// </summary>
    public static (string Value, string Other) FormatDistinct(double value, double other)
    {
        for (int decimals = 2; decimals <= 6; decimals++)
        {
            string a = Format(value, decimals), b = Format(other, decimals);
            if (a != b || decimals == 6)
            {
                return (a, b);
            }
        }

        return (Format(value), Format(other));
    }

    /// <summary>A required availability rounded up (never understating what is needed) at three decimals: 0.9997494 → "99.975 %".</summary>
    public static string FormatRequirement(double probability)
    {
        double scaled = Math.Ceiling((probability * 100 * 1000) - 1e-7) / 1000;
        return Math.Min(100, scaled).ToString("F3", CultureInfo.InvariantCulture) + " %";
    }
}
