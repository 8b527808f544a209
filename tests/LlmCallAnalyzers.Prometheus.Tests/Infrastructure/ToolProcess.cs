using System.Diagnostics;

namespace LlmCallAnalyzers.Prometheus.Tests.Infrastructure;

/// <summary>Runs prometheus' tools (Debian's prometheus package puts them on the PATH; .ci/run installs it).</summary>
public static class ToolProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
    }

    /// <summary>The full path of <paramref name="tool"/> on the PATH; fails the test with the install command when absent.</summary>
    public static string Find(string tool)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }

        Assert.Fail($"'{tool}' is not on the PATH: install Prometheus (Debian: apt-get install -y prometheus; .ci/run does it)");
        return tool;
    }

    public static async Task<Result> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(Find(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
