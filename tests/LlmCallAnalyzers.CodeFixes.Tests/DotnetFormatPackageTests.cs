using LlmCallAnalyzers.Tests.Shared;

namespace LlmCallAnalyzers.CodeFixes.Tests;

/// <summary>
/// The LLM003 fix from the command line: tests/package-tests/dotnet-format-llm003.sh packs (or builds) the analyzer with its code
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
        var (exitCode, output) = await PackageScript.RunAsync("dotnet-format-llm003.sh", TimeSpan.FromMinutes(15));
        Assert.True(exitCode == 0, $"dotnet-format-llm003.sh exited {exitCode}:\n{PackageScript.Tail(output)}");
        Assert.Contains("PASS dotnet-format-llm003", output, StringComparison.Ordinal);
    }
}
