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
    public async Task Every_rule_on_a_doubling_graph_of_sixty_methods_walks_each_node_once()
    {
        // M1 calls M2 twice, M2 calls M3 twice, …, M60 calls a fine-tuned model: 2^59 paths from M1 to that call. Three
        // tasks reach M1: twice plus a call of their own (LLM003 and LLM004), in a loop with no bound (LLM002 and
        // LLM001), and through a dispatch in a loop of 3 (LLM003 naming the dispatch). A walk per path never finishes.
        var sb = new StringBuilder("""
            using System.Collections.Generic; using System.Threading.Tasks; using Microsoft.Extensions.AI; using LlmCallAnalyzers;
            public interface IStep { Task RunAsync(IChatClient c); }
            public sealed class Light : IStep { public async Task RunAsync(IChatClient c) { await c.GetResponseAsync("light"); } }
            public sealed class Heavy : IStep { public Task RunAsync(IChatClient c) => Doubling.M1(c); }
            public static class Doubling
            {
                [TaskSlo(0.99, LatencyP99Ms = 1000)] public static async Task Run(IChatClient c) { await M1(c); await M1(c); await c.GetResponseAsync("top"); }
                [TaskSlo(0.99)] public static async Task Each(IChatClient c, List<string> items) { foreach (var item in items) { await M1(c); } }
                [TaskSlo(0.99)] public static async Task Steps(IStep step, IChatClient c) { for (int i = 0; i < 3; i++) { await step.RunAsync(c); } }

            """);
        sb.Append(DoublingCallGraph.Levels(60, "public static "));
        sb.AppendLine("    public static async Task M60(IChatClient c) { await c.GetResponseAsync(\"a\", new ChatOptions { ModelId = \"contoso-ft\" }); }");
        sb.AppendLine("}");
        const int CallLine = 69;
        var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(
            AnalyzerRunner.Compile(sb.ToString()), "llm_call_analyzers.fine_tuned_models = contoso-ft\n");
        Assert.Empty(exceptions);
        string callAt = $"at the call at File0.cs:{CallLine}";

        // 2 × 2^59 + 1 essential calls, 2^60 of them at the one call in M60: exact, not rounded through a double.
        var run = Assert.Single(diagnostics, d => d.Id == "LLM003" && d.GetMessage().Contains("'Run'"));
        Assert.Contains($"up to 1152921504606846977 essential LLM calls (1152921504606846976 of them {callAt}) ", run.GetMessage());
        // (2^60 + 1) × 800 ms + 4600 ms: in plain digits (15 significant past 2^63), never "9.223372036854776E+20".
        var latency = Assert.Single(diagnostics, d => d.Id == "LLM004");
        Assert.Contains(
            $"1152921504606846977 sequential calls × 800 ms + 4600 ms cold start of 'contoso-ft' = 922337203685478000000 ms > 1000 ms (LatencyP99Ms); 922337203685478000000 ms of it {callAt}",
            latency.GetMessage());

        var unbounded = Assert.Single(diagnostics, d => d.Id == "LLM002");
        Assert.Contains($"up to 576460752303423488 LLM calls per iteration, all of them {callAt}", unbounded.GetMessage());
        var inLoop = Assert.Single(diagnostics, d => d.Id == "LLM001" && d.GetMessage().Contains("'M1' makes"));
        Assert.Contains("576460752303423488 LLM calls (via M1 → M2 → M3 → ", inLoop.GetMessage());
        Assert.Contains(" → M59 → M60)", inLoop.GetMessage());

        var steps = Assert.Single(diagnostics, d => d.Id == "LLM003" && d.GetMessage().Contains("'Steps'"));
        Assert.Contains("(3 × IStep.RunAsync: 2 implementations, 1–576460752303423488 calls; worst: Heavy)", steps.GetMessage());
        var coldStart = Assert.Single(diagnostics, d => d.Id == "LLM005");
        Assert.Equal(CallLine, coldStart.Location.GetLineSpan().StartLinePosition.Line + 1);

        // The embedded estimate clamps to what its int arguments hold.
        var driver = AnalyzerRunner.CreateGeneratorDriver(emitEstimates: true).RunGenerators(AnalyzerRunner.Compile(sb.ToString()));
        Assert.Contains("(\"Doubling.Run\", 2147483647, 2147483647, 0d, 0.99d, LatencyP99Ms = 2147483647)]", Assert.Single(driver.GetRunResult().GeneratedTrees).ToString());
    }

    [Fact]
    public async Task Counts_past_2_to_the_63_saturate_and_are_written_as_at_least()
    {
        // 64 doublings and a retried call: 2^64 essential calls, all of them retried; the count saturates at 2^63 − 1,
        // which the messages state as a lower bound, never as a wrapped or rounded number.
        var sb = new StringBuilder("""
            using System.Threading.Tasks; using Microsoft.Extensions.AI; using LlmCallAnalyzers; using Polly; using Polly.Retry;
            class Doubling
            {
                static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2 }).Build();
                [TaskSlo(0.99)] public async Task M0(IChatClient c) { await M1(c); await M1(c); }

            """);
        sb.Append(DoublingCallGraph.Levels(64));
        sb.AppendLine("    async Task M64(IChatClient c) { await Retry.ExecuteAsync(async ct => await c.GetResponseAsync(\"a\", cancellationToken: ct)); }");
        sb.AppendLine("}");
        var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(AnalyzerRunner.Compile(sb.ToString()));
        Assert.Empty(exceptions);
        var llm003 = Assert.Single(diagnostics, d => d.Id == "LLM003");
        Assert.Contains(
            "'M0' makes at least 9223372036854775807 essential LLM calls (at least 9223372036854775807 of them at the call at File0.cs:69) at 99.90 % each, "
            + "at least 9223372036854775807 of them retried up to 2 times",
            llm003.GetMessage());
        Assert.Equal("9223372036854775807", llm003.Properties[DiagnosticPropertyKeys.EssentialCalls]);
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
