using System.Diagnostics;
using System.Text;

namespace LlmCallAnalyzers.CodeFixes.Tests;

/// <summary>
/// The "Done when": tests/package-tests/dotnet-format-llm003.sh packs (or builds) the analyzer with its code
/// fixes, creates a console project with an 8-call task under [TaskSlo(0.995)] and Polly.Core, and checks that
/// <c>dotnet format analyzers --diagnostics LLM003</c> changes the code, that the result builds and that LLM003 is gone.
/// Skipped when LLMCALL_SKIP_PACKAGE_TESTS=1.
/// </summary>
[Trait("Category", "Package")]
public class DotnetFormatPackageTests
{
    [PackageFact]
    public async Task Dotnet_format_applies_the_retry_fix_and_LLM003_goes()
    {
        var (exitCode, output) = await RunScriptAsync("dotnet-format-llm003.sh", TimeSpan.FromMinutes(15));
        Assert.True(exitCode == 0, $"dotnet-format-llm003.sh exited {exitCode}:\n{Tail(output)}");
        Assert.Contains("PASS dotnet-format-llm003", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(string name, TimeSpan timeout)
    {
        string script = Path.Combine(RepositoryRoot(), "tests", "package-tests", name);
        var start = new ProcessStartInfo("bash", new[] { script })
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // The test host inherits the MSBuild environment of `dotnet test`; the nested builds must not.
        foreach (string key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key is "DOTNET_HOST_PATH" or "MSBUILD_EXE_PATH" or "MSBUILDNOINPROCNODE")
            {
                start.Environment.Remove(key);
            }
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not finish within {timeout}:\n{Tail(output.ToString())}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static string Tail(string text) => text.Length <= 8000 ? text : text[^8000..];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LlmCallAnalyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LlmCallAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that builds and consumes the real package; skipped when LLMCALL_SKIP_PACKAGE_TESTS=1.</summary>
public sealed class PackageFactAttribute : FactAttribute
{
    public PackageFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("LLMCALL_SKIP_PACKAGE_TESTS") == "1")
        {
            Skip = "LLMCALL_SKIP_PACKAGE_TESTS=1";
        }
    }
}
