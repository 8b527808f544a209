using System.Collections.Immutable;
using System.Linq;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>How many times a loop body runs, as far as the code says.</summary>
internal readonly struct LoopBound
{
    public LoopBound(int min, int? max, bool concurrent, string? source)
    {
        Min = min;
        Max = max;
        Concurrent = concurrent;
        Source = source;
    }

    public static LoopBound Unknown(bool concurrent = false) => new(0, null, concurrent, null);

    public static LoopBound Exactly(int n, string source, bool concurrent = false) => new(n, n, concurrent, source);

    public static LoopBound AtMost(int n, string source, bool concurrent = false) => new(0, n, concurrent, source);

    public int Min { get; }

    /// <summary>Null when the code shows no bound.</summary>
    public int? Max { get; }

    public bool Concurrent { get; }

    /// <summary>Where the bound comes from, e.g. <c>i &lt; 5</c> or <c>.Take(5)</c>.</summary>
    public string? Source { get; }

    public bool IsBounded => Max is not null;

    public LoopBound WithConcurrent(bool concurrent) => new(Min, Max, concurrent, Source);

    /// <summary>"5 times", "up to 5 times", "an unknown number of times".</summary>
    public string Describe()
    {
        if (Max is not int max)
        {
            return "an unknown number of times";
        }

        string times = max == 1 ? "once" : max.ToString(CultureInfo.InvariantCulture) + " times";
        return Min == max ? times : "up to " + times;
    }
}

/// <summary>The loops around a call within its method, innermost last.</summary>
internal sealed class LoopContext
{
    public LoopContext(ImmutableArray<LoopBound> loops) => Loops = loops;

    public ImmutableArray<LoopBound> Loops { get; }

    public LoopContext Push(LoopBound bound) => new(Loops.Add(bound));

    /// <summary>"5 times", "15 times (3 × 5)", "an unknown number of times".</summary>
    public string Describe()
    {
        if (Loops.Length == 1)
        {
            return Loops[0].Describe();
        }

        long product = 1;
        bool exact = true;
        foreach (var loop in Loops)
        {
            if (loop.Max is not int max)
            {
                return "an unknown number of times";
            }

            product = product > long.MaxValue / System.Math.Max(1, max) ? long.MaxValue : product * max;
            exact &= loop.Min == max;
        }

        string factors = string.Join(" × ", Loops.Select(l => l.Max!.Value.ToString(CultureInfo.InvariantCulture)));
        if (product == long.MaxValue)
        {
            return "more than " + long.MaxValue.ToString(CultureInfo.InvariantCulture) + " times (" + factors + ")";
        }

        return (exact ? string.Empty : "up to ") + product.ToString(CultureInfo.InvariantCulture) + " times (" + factors + ")";
    }
}
