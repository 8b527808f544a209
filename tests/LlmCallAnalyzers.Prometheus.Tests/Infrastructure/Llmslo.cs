using LlmCallAnalyzers.Cli;

namespace LlmCallAnalyzers.Prometheus.Tests.Infrastructure;

/// <summary>Runs llmslo in this process.</summary>
public static class Llmslo
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await CliApp.RunAsync(args, output, error);
        return new Result(exit, output.ToString(), error.ToString());
    }
}
