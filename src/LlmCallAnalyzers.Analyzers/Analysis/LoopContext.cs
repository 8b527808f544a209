using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace LlmCallAnalyzers.Analyzers.Analysis;

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
