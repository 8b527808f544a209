using LlmCallAnalyzers.Cli.Tests.Infrastructure;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary>Help with examples, parse errors as exit 2.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("report", "llmslo report MySolution.sln --tree")]
    [InlineData("explain", "llmslo explain src/MyApp ResearchAsync")]
    [InlineData("confirm", "llmslo confirm --telemetry traces.jsonl")]
    [InlineData("simulate", "llmslo simulate src/MyApp --tasks 100000")]
    public async Task Every_command_has_help_with_examples(string command, string example)
    {
        var result = await CliRunner.InProcessAsync(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Examples:", result.Output);
        Assert.Contains(example, result.Output);
        Assert.Contains("Usage:", result.Output);
    }

    [Fact]
    public async Task Root_help_lists_the_commands()
    {
        var result = await CliRunner.InProcessAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("report", result.Output);
        Assert.Contains("confirm", result.Output);
        Assert.Contains("simulate", result.Output);
        Assert.Contains("Examples:", result.Output);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("confirm")]
    [InlineData("report", "x", "--format", "xml")]
    [InlineData("simulate", "x", "--tasks", "0")]
    [InlineData("frobnicate")]
    public async Task Bad_arguments_exit_2_with_one_line(params string[] args)
    {
        var result = await CliRunner.InProcessAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("llmslo: ", result.Error);
    }
}
