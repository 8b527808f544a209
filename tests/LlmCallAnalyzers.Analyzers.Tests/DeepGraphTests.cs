using System.Text;
using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// Call graphs far deeper than any stack: the composition is an iterative strongly-connected-components pass and an
/// iterative evaluator, so a 10,000-method chain and a 5,000-method cycle analyze without stack overflow.
/// (Their cost is measured by the benchmark in tests/Benchmarks, not timed here.)
/// </summary>
public class DeepGraphTests
{
    [Fact]
    public async Task A_10000_method_chain_composes_to_the_calls_at_its_end()
    {
        var sb = new StringBuilder("using System.Threading.Tasks; using Microsoft.Extensions.AI; using LlmCallAnalyzers;\nclass Chain\n{\n");
        sb.AppendLine("    [TaskSlo(0.999)] public async Task M0(IChatClient c) { await M1(c); }");
        for (int i = 1; i < 10_000; i++)
        {
            sb.AppendLine($"    async Task M{i}(IChatClient c) {{ await M{i + 1}(c); }}");
        }

        sb.AppendLine("    async Task M10000(IChatClient c) { await c.GetResponseAsync(\"a\"); await c.GetResponseAsync(\"b\"); }");
        sb.AppendLine("}");
        var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(AnalyzerRunner.Compile(sb.ToString()));
        Assert.Empty(exceptions);
        var llm003 = Assert.Single(diagnostics, d => d.Id == "LLM003");
        Assert.Contains("up to 2 essential LLM calls (1 of them at the call at ", llm003.GetMessage());
        Assert.Contains(") at 99.90 % each; composed availability 99.80 %", llm003.GetMessage());
        Assert.Equal(2, llm003.AdditionalLocations.Count); // the two calls at the chain's end, found without recursion
    }

    [Fact]
    public async Task A_5000_method_cycle_is_unbounded_recursion_and_does_not_overflow()
    {
        var sb = new StringBuilder("using System.Threading.Tasks; using Microsoft.Extensions.AI; using LlmCallAnalyzers;\nclass Cycle\n{\n");
        sb.AppendLine("    [TaskSlo(0.99)] public async Task M0(IChatClient c) { await c.GetResponseAsync(\"a\"); await M1(c); }");
        for (int i = 1; i < 5_000; i++)
        {
            sb.AppendLine($"    async Task M{i}(IChatClient c) {{ await c.GetResponseAsync(\"x\"); await M{(i + 1) % 5_000}(c); }}");
        }

        sb.AppendLine("}");
        var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(AnalyzerRunner.Compile(sb.ToString()));
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "LLM003");
        Assert.Equal(5_000, diagnostics.Count(d => d.Id == "LLM002"));
        Assert.All(diagnostics.Where(d => d.Id == "LLM002"), d => Assert.Contains("path of task 'M0'", d.GetMessage()));
    }

    [Fact]
    public async Task A_wide_fan_in_graph_shares_callee_trees()
    {
        // 500 tasks all calling the same 50-call helper chain: each helper is summarized once and shared.
        var sb = new StringBuilder("using System.Threading.Tasks; using Microsoft.Extensions.AI; using LlmCallAnalyzers;\nclass Wide\n{\n");
        for (int i = 0; i < 500; i++)
        {
            sb.AppendLine($"    [TaskSlo(0.9)] public async Task T{i}(IChatClient c) {{ await H0(c); }}");
        }

        for (int i = 0; i < 50; i++)
        {
            sb.AppendLine($"    async Task H{i}(IChatClient c) {{ await c.GetResponseAsync(\"h\"); {(i < 49 ? $"await H{i + 1}(c);" : string.Empty)} }}");
        }

        sb.AppendLine("}");
        var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(AnalyzerRunner.Compile(sb.ToString()));
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id is "LLM002" or "LLM003");
    }
}
