using System.Diagnostics;
using System.Text;

namespace LlmCallAnalyzers.Tests.Shared;

/// <summary>
/// Runs one of the tests/package-tests/*.sh scripts (pack, consume from a local feed in a fresh project, check what a
/// user would see) from inside <c>dotnet test</c>, with the outer MSBuild environment removed.
/// </summary>
public static class PackageScript
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string scriptName, TimeSpan timeout)
    {
        string root = RepositoryRoot();
        string script = Path.Combine(root, "tests", "package-tests", scriptName);
        if (!File.Exists(script))
        {
            throw new FileNotFoundException("Package test script not found", script);
        }

        var start = new ProcessStartInfo("bash", new[] { script })
        {
            WorkingDirectory = root,
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
            throw new TimeoutException($"{scriptName} did not finish within {timeout}:\n{Tail(output.ToString())}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    public static string Tail(string text) => text.Length <= 8000 ? text : text[^8000..];

    public static string RepositoryRoot()
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

/// <summary>A fact that packs and consumes the real package; skipped when LLMCALL_SKIP_PACKAGE_TESTS=1.</summary>
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
