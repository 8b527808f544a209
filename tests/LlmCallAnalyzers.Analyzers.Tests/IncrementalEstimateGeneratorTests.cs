using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Steps = LlmCallAnalyzers.Generators.LlmTaskEstimateGenerator.TrackingNames;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// The estimate generator reruns as the compiler server reruns it after an edit, with the driver's step tracking on:
/// an edit that changes no estimate writes nothing again, and an edit that changes one task's estimate carries that
/// task's new line (and only it) to the output.
/// </summary>
public class IncrementalEstimateGeneratorTests
{
    private const string Tasks = """
        using System.Threading.Tasks;
        using LlmCallAnalyzers;
        using Microsoft.Extensions.AI;

        namespace Shop;

        public sealed class Desk
        {
            [TaskSlo(0.99)]
            public async Task<string> AnswerAsync(IChatClient client, string question)
                => (await client.GetResponseAsync(await Helpers.DraftAsync(client, question))).Text;

            [AgentStep]
            public async Task<string> TranslateAsync(IChatClient client, string text)
                => (await client.GetResponseAsync(Helpers.Clean(text))).Text;
        }
        """;

    private const string Helpers = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Shop;

        public static class Helpers
        {
            public static async Task<string> DraftAsync(IChatClient client, string question)
            {
                string text = question;
                for (int i = 0; i < 2; i++) text = (await client.GetResponseAsync(text)).Text;
                return text;
            }

            public static string Clean(string text) => text.Trim();
        }
        """;

    [Fact]
    public void An_edit_in_a_helper_that_changes_no_estimate_writes_nothing_again()
    {
        var (driver, first) = FirstRun();
        var edited = Edit(first, 1, "string text = question;", "string text = question; text = text.Trim();");

        driver = driver.RunGenerators(edited);
        var run = Assert.Single(driver.GetRunResult().Results);

        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(Outputs(run, Steps.Roots)));
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Unchanged }, Outputs(run, Steps.TaskEstimate));
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(Outputs(run, Steps.Source)));
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Contains("\"Shop.Desk.AnswerAsync\", 3, 3,", Assert.Single(run.GeneratedSources).SourceText.ToString());
    }

    [Fact]
    public void An_edit_that_changes_one_estimate_carries_that_task_to_the_output()
    {
        var (driver, first) = FirstRun();
        var edited = Edit(first, 1, "i < 2", "i < 5");

        driver = driver.RunGenerators(edited);
        var run = Assert.Single(driver.GetRunResult().Results);

        var estimates = run.TrackedSteps[Steps.TaskEstimate].SelectMany(s => s.Outputs).ToList();
        var changed = Assert.Single(estimates, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"Shop.Desk.AnswerAsync\", 6, 6,", changed.Value.ToString());
        var unchanged = Assert.Single(estimates, o => o.Reason == IncrementalStepRunReason.Unchanged);
        Assert.Contains("\"Shop.Desk.TranslateAsync\"", unchanged.Value.ToString());
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(run, Steps.Source)));
        Assert.Contains(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        string generated = Assert.Single(run.GeneratedSources).SourceText.ToString();
        Assert.Contains("\"Shop.Desk.AnswerAsync\", 6, 6,", generated);
        Assert.Contains("\"Shop.Desk.TranslateAsync\", 1, 1,", generated);
    }

    [Fact]
    public void A_new_task_is_a_new_root_and_the_others_stay_unchanged()
    {
        var (driver, first) = FirstRun();
        var edited = Edit(first, 1, "public static string Clean", "[LlmCallAnalyzers.AgentStep] public static async Task<string> AskAsync(IChatClient client) => (await client.GetResponseAsync(\"x\")).Text;\n    public static string Clean");

        driver = driver.RunGenerators(edited);
        var run = Assert.Single(driver.GetRunResult().Results);

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(run, Steps.Roots)));
        var estimates = run.TrackedSteps[Steps.TaskEstimate].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(3, estimates.Count);
        Assert.Contains("\"Shop.Helpers.AskAsync\", 1, 1,", Assert.Single(estimates, o => o.Reason == IncrementalStepRunReason.New).Value.ToString());
        Assert.Contains("\"Shop.Helpers.AskAsync\", 1, 1,", Assert.Single(run.GeneratedSources).SourceText.ToString());
    }

    [Fact]
    public void Turned_off_it_finds_the_roots_and_computes_no_estimate()
    {
        var driver = AnalyzerRunner.CreateGeneratorDriver(emitEstimates: false, trackSteps: true).RunGenerators(AnalyzerRunner.Compile(Tasks, Helpers));
        var run = Assert.Single(driver.GetRunResult().Results);

        Assert.Equal(2, run.TrackedSteps[Steps.TaskEstimate].SelectMany(s => s.Outputs).Count());
        Assert.All(run.TrackedSteps[Steps.TaskEstimate].SelectMany(s => s.Outputs), o => Assert.Empty(Assert.IsType<Analysis.TaskEstimateLines>(o.Value).Lines));
        Assert.Empty(run.GeneratedSources);
    }

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun()
    {
        var compilation = AnalyzerRunner.Compile(Tasks, Helpers);
        var driver = AnalyzerRunner.CreateGeneratorDriver(emitEstimates: true, trackSteps: true).RunGenerators(compilation);
        var run = Assert.Single(driver.GetRunResult().Results);
        Assert.Null(run.Exception);
        Assert.Equal(new[] { IncrementalStepRunReason.New, IncrementalStepRunReason.New }, Outputs(run, Steps.TaskEstimate));
        string generated = Assert.Single(run.GeneratedSources).SourceText.ToString();
        Assert.Contains("\"Shop.Desk.AnswerAsync\", 3, 3,", generated);
        Assert.Contains("\"Shop.Desk.TranslateAsync\", 1, 1,", generated);
        return (driver, compilation);
    }

    private static Compilation Edit(Compilation compilation, int file, string find, string replace)
    {
        var tree = compilation.SyntaxTrees.ElementAt(file);
        string text = tree.GetText().ToString();
        Assert.Contains(find, text);
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Replace(find, replace, StringComparison.Ordinal))));
        Assert.Empty(edited.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return edited;
    }

    private static IncrementalStepRunReason[] Outputs(GeneratorRunResult run, string step)
        => run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
}
