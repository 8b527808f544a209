using LlmCallAnalyzers.Cli.Tests.Infrastructure;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary><c>llmslo report --tree</c> names the virtual call behind a task's figure and its implementations.</summary>
[Collection(MsBuildCollection.Name)]
public sealed class ReportDispatchTests
{
    [Fact]
    public async Task Tree_names_the_dispatched_member_and_each_implementation()
    {
        using var project = TempProject.Create("""
            using System.Threading.Tasks;
            using LlmCallAnalyzers;
            using Microsoft.Extensions.AI;

            namespace Plans;

            public interface IPlanStep { Task ExecuteAsync(string input); }

            public sealed class NoteStep : IPlanStep { public Task ExecuteAsync(string input) => Task.CompletedTask; }

            public sealed class DraftStep(IChatClient client) : IPlanStep
            {
                public async Task ExecuteAsync(string input) => await client.GetResponseAsync("draft " + input);
            }

            public sealed class ReviewStep(IChatClient client) : IPlanStep
            {
                public async Task ExecuteAsync(string input)
                {
                    await client.GetResponseAsync("review " + input);
                    await client.GetResponseAsync("revise " + input);
                }
            }

            public sealed class Planner(IPlanStep step)
            {
                [TaskSlo(0.99)]
                public async Task TenRounds()
                {
                    for (int round = 0; round < 10; round++)
                    {
                        await step.ExecuteAsync("round");
                    }
                }
            }
            """);

        var result = await CliRunner.ProcessAsync("report", project.Directory, "--tree");

        Assert.True(result.ExitCode == 1, result.ToString());
        string task = result.Output.Split('\n').First(l => l.Contains("Plans.Planner.TenRounds"));
        Assert.Contains("20", task);
        Assert.Contains("98.02 %", task);
        Assert.Contains("loop ×10", result.Output);
        Assert.Contains("IPlanStep.ExecuteAsync (3 implementations, worst counts)", result.Output);
        Assert.Contains("ReviewStep", result.Output);
        Assert.Contains("DraftStep", result.Output);
        Assert.Contains("NoteStep", result.Output);
    }
}
