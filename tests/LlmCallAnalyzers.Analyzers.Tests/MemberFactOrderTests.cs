using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// A field assigned in two places (two retry pipelines here) takes the facts of the first assignment in source order,
/// whichever thread summarizes its method first: the estimate generator binds files in parallel and the analyzer runs
/// concurrently, and neither may make a build's estimates depend on thread timing.
/// </summary>
public class MemberFactOrderTests
{
    private const string RetriesThreeTimes = """
        using Polly;
        using Polly.Retry;

        namespace Shop;

        public partial class Agent
        {
            private ResiliencePipeline _pipeline = null!;

            public void RetryThreeTimes() => _pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 }).Build();
        }
        """;

    private const string RetriesFiveTimesAndRuns = """
        using System.Threading.Tasks;
        using LlmCallAnalyzers;
        using Microsoft.Extensions.AI;
        using Polly;
        using Polly.Retry;

        namespace Shop;

        public partial class Agent
        {
            public void RetryFiveTimes() => _pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 5 }).Build();

            [TaskSlo(0.99)]
            public async Task Run(IChatClient client) =>
                await _pipeline.ExecuteAsync(async ct => await client.GetResponseAsync("plan", cancellationToken: ct));
        }
        """;

    [Fact]
    public void The_first_assignment_in_source_order_wins_even_when_summarized_last()
    {
        var compilation = AnalyzerRunner.Compile(RetriesThreeTimes, RetriesFiveTimesAndRuns);
        var store = new SummaryStore(compilation, new MethodSummarizer(compilation, CallSiteCatalog.Create(compilation, [])), tree => compilation.GetSemanticModel(tree));

        // The second file first: "the first recorded wins" would keep five retries.
        foreach (var tree in compilation.SyntaxTrees.Reverse())
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                store.Owner(model.GetDeclaredSymbol(method)!, [model.GetOperation(method)!]);
            }
        }

        var pipeline = compilation.GetTypeByMetadataName("Shop.Agent")!.GetMembers("_pipeline").Single();
        Assert.Equal(3, store.FactsOf(pipeline)!.RetryAttempts);
    }

    [Theory]
    [InlineData(false, 4)]
    [InlineData(true, 6)]
    public void Generated_estimates_follow_the_order_of_the_files_on_every_run(bool fiveFirst, int maxCalls)
    {
        var compilation = fiveFirst
            ? AnalyzerRunner.Compile(RetriesFiveTimesAndRuns, RetriesThreeTimes)
            : AnalyzerRunner.Compile(RetriesThreeTimes, RetriesFiveTimesAndRuns);
        for (int run = 0; run < 20; run++)
        {
            var result = AnalyzerRunner.CreateGeneratorDriver(emitEstimates: true).RunGenerators(compilation).GetRunResult();
            string generated = Assert.Single(result.GeneratedTrees).ToString();
            Assert.True(generated.Contains($"LlmTaskEstimate(\"Shop.Agent.Run\", 1, {maxCalls}, ", StringComparison.Ordinal), generated);
        }
    }
}
