using System;

namespace LlmCallAnalyzers.Model.ColdStarts;

/// <summary>
/// The octaves of a call's idle gap by which cold-start detection keeps its bounded samples (the runtime's
/// <c>LlmColdStartDetector</c> and the CLI's <c>ColdStartSampler</c>): octave 0 is under 1 s, octave i ≥ 1 is
/// [2^(i−1), 2^i) s. Each side keeps as many octaves as it can afford and files longer gaps in its last one.
/// </summary>
public static class IdleGapOctaves
{
    /// <summary>The octave of a gap of <paramref name="gapMs"/> milliseconds (NaN and negative gaps: 0).</summary>
    public static int Of(double gapMs)
    {
        double seconds = gapMs / 1000;
        if (!(seconds >= 1))
        {
            return 0;
        }

        if (double.IsPositiveInfinity(seconds))
        {
            return int.MaxValue;
        }

        // floor(log2(seconds)), corrected where Math.Log rounds across an exact power of two.
        int exponent = (int)Math.Floor(Math.Log(seconds, 2));
        if (Math.Pow(2, exponent + 1) <= seconds)
        {
            exponent++;
        }
        else if (Math.Pow(2, exponent) > seconds)
        {
            exponent--;
        }

        return exponent + 1;
    }

    /// <summary>The (exclusive) upper bound of <paramref name="octave"/> in milliseconds: 1000 · 2^octave.</summary>
    public static double UpperBoundMs(int octave) => 1000 * Math.Pow(2, octave);
}
