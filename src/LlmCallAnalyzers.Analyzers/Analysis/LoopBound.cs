using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
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
