using System.Diagnostics;
using Xunit.Abstractions;

namespace LlmCallAnalyzers.Runtime.Tests;

/// <summary>
/// Packs LlmCallAnalyzers.Runtime and runs the 1000-task scenario in a fresh console app that references only the
/// package and Microsoft.Extensions.AI (tests/package-tests/runtime-consumer.sh). Skipped when
/// LLMCALL_SKIP_PACKAGE_TESTS=1.
/// </summary>
public sealed class PackageTests(ITestOutputHelper output)
{
    [PackageFact]
    [Trait("Category", "Package")]
    public async Task PackedRuntime_ConsumerApp_SeesEveryTaskSpan()
    {
        string root = RepositoryRoot();
        string script = Path.Combine(root, "tests", "package-tests", "runtime-consumer.sh");
        Assert.True(File.Exists(script), script);

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
        var stdout = new System.Text.StringBuilder();
        var stderr = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        process.WaitForExit();
        output.WriteLine(stdout.ToString());
        output.WriteLine(stderr.ToString());
        Assert.True(process.ExitCode == 0, $"runtime-consumer.sh exited with {process.ExitCode}:\n{Tail(stdout.ToString())}\n{Tail(stderr.ToString())}");
        Assert.Contains("RESULT: PASS", stdout.ToString());
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];

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

/// <summary>A fact that is skipped when the environment variable LLMCALL_SKIP_PACKAGE_TESTS is 1.</summary>
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
