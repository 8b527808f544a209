using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Model.Tests;

/// <summary>
/// Call counts past what an int holds: exact up to 2^63 − 1, saturated there, and printed as digits or as a lower
/// bound, never wrapped, rounded through a double or in exponent notation.
/// </summary>
public class CallCountsTests
{
    [Fact]
    public void Sums_and_products_are_exact_below_2_to_the_63_and_saturate_above()
    {
        Assert.Equal(1L << 62, CallCounts.Multiply(1L << 31, 1L << 31));
        Assert.Equal(CallCounts.Saturated, CallCounts.Multiply(1L << 32, 1L << 31));
        Assert.Equal(0, CallCounts.Multiply(CallCounts.Saturated, 0));
        Assert.Equal(long.MaxValue - 1, CallCounts.Add(long.MaxValue - 2, 1));
        Assert.Equal(CallCounts.Saturated, CallCounts.Add(1L << 62, 1L << 62));
        Assert.Equal(CallCounts.Saturated, CallCounts.Add(CallCounts.Saturated, 0));
    }

    [Fact]
    public void Counts_are_written_in_digits_and_a_saturated_one_as_a_lower_bound()
    {
        Assert.Equal("20", CallCounts.Format(20));
        Assert.Equal("up to 20", CallCounts.UpTo(20));
        Assert.Equal("1152921504606846977", CallCounts.Format((1L << 60) + 1));
        Assert.Equal("at least 9223372036854775807", CallCounts.Format(long.MaxValue));
        Assert.Equal("at least 9223372036854775807", CallCounts.UpTo(long.MaxValue));
    }

    [Fact]
    public void Whole_figures_are_plain_digits()
    {
        Assert.Equal("2400", CallCounts.FormatWhole(2399.6));
        Assert.Equal("1000000000000000", CallCounts.FormatWhole(1e15));
        Assert.Equal("1152921504606846976", CallCounts.FormatWhole(1L << 60));
        Assert.Equal("922337203685478000000", CallCounts.FormatWhole((1L << 60) * 800.0));
    }

    [Fact]
    public void Retried_calls_of_a_doubling_graph_are_counted_exactly_then_saturate()
    {
        // Each level runs the level below twice; at the bottom one call retried twice.
        CallTree Doubling(int levels)
        {
            var tree = CallTree.Retry(CallTree.Call("openai"), 2);
            for (int i = 0; i < levels; i++)
            {
                tree = CallTree.Sequence(tree.WithFrame(new MethodFrame("Agent.M" + i, null)), tree.WithFrame(new MethodFrame("Agent.M" + i, null)));
            }

            return tree;
        }

        var forty = new CallTreeEvaluator().Evaluate(Doubling(40));
        Assert.Equal(1L << 40, forty.EssentialCalls);
        Assert.Equal(1L << 40, forty.RetriedCalls);
        Assert.Equal(3L << 40, forty.MaxCalls);

        var sixtyFour = new CallTreeEvaluator().Evaluate(Doubling(64));
        Assert.Equal(CallCounts.Saturated, sixtyFour.EssentialCalls);
        Assert.Equal(CallCounts.Saturated, sixtyFour.RetriedCalls);
        Assert.Equal(CallCounts.Saturated, sixtyFour.MaxCalls);
        Assert.Equal(CallCounts.Saturated, new CallTreeEvaluator().Evaluate(CallTree.Loop(Doubling(40), 1 << 30, 1 << 30)).RetriedCalls);
    }
}
