using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Model.Tests;

public class TestVectorTests
{
    [Theory]
    [InlineData(20, "98.02 %")]
    [InlineData(12, "98.81 %")]
    [InlineData(10, "99.00 %")]
    [InlineData(40, "96.08 %")]
    [InlineData(8, "99.20 %")]
    public void Sequential_calls_compose_to_the_documented_figures(int calls, string expected)
    {
        var tree = CallTree.Sequence(Enumerable.Range(0, calls).Select(_ => CallTree.Call("openai")));
        var estimate = new CallTreeEvaluator().EvaluateTask(tree);
        Assert.Equal(expected, Percent.Format(estimate.Availability!.Value));
        Assert.Equal(calls, estimate.MaxCalls);
    }
}
