using System.Text.Json.Nodes;
using LlmCallAnalyzers.Cli.Tests.Infrastructure;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary><c>llmslo simulate</c> on a temp project.</summary>
[Collection(MsBuildCollection.Name)]
public sealed class SimulateTests
{
    [Fact]
    public async Task Simulation_gives_the_distribution_of_calls_and_of_success()
    {
        using var project = TempProject.Create(AgentProjectFixture.Source);

        var result = await CliRunner.ProcessAsync("simulate", project.Directory, "--tasks", "20000", "--format", "json", "--task", "Shop.Agent.TwentyStepsAsync");

        Assert.True(result.ExitCode == 0, result.ToString());
        var task = JsonNode.Parse(result.Output)!["tasks"]!.AsArray().Single()!;
        Assert.Equal(20, (int)task["calls"]!["max"]!);
        Assert.Equal(20, (int)task["calls"]!["p50"]!);
        double rate = (double)task["success"]!["rate"]!;
        Assert.InRange(rate, 0.975, 0.985);
        Assert.True((double)task["success"]!["ci_low"]! <= 0.980189 && 0.980189 <= (double)task["success"]!["ci_high"]!);
        Assert.Equal(0.980189, (double)task["model_availability"]!, 5);

        // Correlated outages: one outage of the provider fails the whole task once, not once per call.
        var outage = await CliRunner.ProcessAsync("simulate", project.Directory, "--no-restore", "--tasks", "20000", "--format", "json", "--task", "Shop.Agent.TwentyStepsAsync", "--provider-outage", "0.01");
        var withOutage = JsonNode.Parse(outage.Output)!["tasks"]!.AsArray().Single()!;
        Assert.Equal(0.980189 * 0.99, (double)withOutage["model_availability"]!, 5);
        Assert.InRange((double)withOutage["success"]!["rate"]!, 0.964, 0.977);
    }
}
