using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// The estimate generator writes each task's static estimate into the assembly, computed by the same analysis as the
/// diagnostics, and the result compiles and can be read back as attributes.
/// </summary>
public class EstimateGeneratorTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using LlmCallAnalyzers;
        using Microsoft.Extensions.AI;

        namespace Shop.Agents;

        public class Planner
        {
            [TaskSlo(0.995, LatencyP99Ms = 20000)]
            public async Task Twenty(IChatClient client)
            {
                for (int i = 0; i < 20; i++) await client.GetResponseAsync("step");
            }

            [TaskSlo(0.99), FanOut(3)]
            public async Task Declared(IChatClient client, IEnumerable<string> items)
            {
                foreach (var item in items) await client.GetResponseAsync(item);
            }

            [AgentStep]
            public async Task Unbounded(IChatClient client, IEnumerable<string> items)
            {
                foreach (var item in items) await client.GetResponseAsync(item);
            }

            public Task NotATask(IChatClient client) => client.GetResponseAsync("x");
        }
        """;

    [Fact]
    public void Every_task_gets_an_assembly_attribute_with_the_analyzer_figures()
    {
        var compilation = AnalyzerRunner.Compile(Source);
        var driver = AnalyzerRunner.CreateGeneratorDriver(emitEstimates: true).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        var generated = Assert.Single(driver.GetRunResult().GeneratedTrees).ToString();

        Assert.Contains("LlmTaskEstimate(\"Shop.Agents.Planner.Twenty\", 20, 20, 0.98018", generated);
        Assert.Contains("0.995d, LatencyP99Ms = 16000)]", generated);
        Assert.Contains("LlmTaskEstimate(\"Shop.Agents.Planner.Declared\", 0, 3, 0.997002999", generated);
        Assert.Contains("DeclaredFanOut = 3", generated);
        Assert.Contains("LlmTaskEstimate(\"Shop.Agents.Planner.Unbounded\", 0, -1, 0d, 0d)]", generated);
        Assert.DoesNotContain("NotATask", generated);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);

        var attributes = output.Assembly.GetAttributes().Where(a => a.AttributeClass?.Name == "LlmTaskEstimateAttribute").ToList();
        Assert.Equal(3, attributes.Count);
        var twenty = attributes.Single(a => (string?)a.ConstructorArguments[0].Value == "Shop.Agents.Planner.Twenty");
        Assert.Equal(20, twenty.ConstructorArguments[2].Value);
        Assert.Equal("98.02 %", Model.Percent.Format((double)twenty.ConstructorArguments[3].Value!));
    }

    [Fact]
    public void A_compilation_without_the_attributes_gets_nothing()
    {
        var compilation = CSharpCompilation.Create("NoAttributes", new[] { CSharpSyntaxTree.ParseText("class C { }") }, Basic.Reference.Assemblies.Net100.References.All);
        var driver = AnalyzerRunner.CreateGeneratorDriver(emitEstimates: true).RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Without_the_runtime_the_generator_runs_only_when_asked(bool? emitEstimates, bool expected)
    {
        // It binds the bodies that can reach an LLM call a second time, so by default it runs only where
        // LlmCallAnalyzers.Runtime reads it.
        var driver = AnalyzerRunner.CreateGeneratorDriver(emitEstimates).RunGenerators(AnalyzerRunner.Compile(Source));
        Assert.Equal(expected, driver.GetRunResult().GeneratedTrees.Length == 1);
    }

    [Fact]
    public void A_project_referencing_the_runtime_gets_estimates_by_default()
    {
        var runtime = MetadataReference.CreateFromFile(typeof(LlmCallAnalyzers.Runtime.LlmTask).Assembly.Location);
        var compilation = AnalyzerRunner.Compile(Source).AddReferences(runtime);
        var driver = AnalyzerRunner.CreateGeneratorDriver(emitEstimates: null).RunGenerators(compilation);
        Assert.Single(driver.GetRunResult().GeneratedTrees);
    }
}
