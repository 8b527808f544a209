using LlmCallAnalyzers.Tests.Shared;
using System.Diagnostics;
using System.Text;

namespace LlmCallAnalyzers.Cli.Tests.Infrastructure;

/// <summary>Runs llmslo in this process (fast) or as its own process (exit codes and output exactly as a user sees them).</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
    }

    public static async Task<Result> InProcessAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await CliApp.RunAsync(args, output, error);
        return new Result(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>dotnet LlmCallAnalyzers.Cli.dll args</c> with the test host's MSBuild environment removed.</summary>
    public static Task<Result> ProcessAsync(params string[] args) => DotnetAsync(null, new[] { CliAssembly }.Concat(args).ToArray());

    /// <summary>Runs <c>dotnet args</c> (in <paramref name="workingDirectory"/>) with the test host's MSBuild environment removed.</summary>
    public static async Task<Result> DotnetAsync(string? workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (string key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key is "DOTNET_HOST_PATH" or "MSBUILD_EXE_PATH" or "MSBUILDNOINPROCNODE")
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The CLI as built next to this test assembly (the project reference copies it with its runtimeconfig).</summary>
    public static string CliAssembly
    {
        get
        {
            string local = Path.Combine(AppContext.BaseDirectory, "LlmCallAnalyzers.Cli.dll");
            if (File.Exists(Path.Combine(AppContext.BaseDirectory, "LlmCallAnalyzers.Cli.runtimeconfig.json")))
            {
                return local;
            }

            string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            return Path.Combine(PackageScript.RepositoryRoot(), "src", "LlmCallAnalyzers.Cli", "bin", configuration, "net10.0", "LlmCallAnalyzers.Cli.dll");
        }
    }
}
