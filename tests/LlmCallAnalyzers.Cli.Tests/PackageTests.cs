using LlmCallAnalyzers.Tests.Shared;
using Xunit.Abstractions;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary>
/// The installed tool, end to end (tests/package-tests/cli-tool.sh): pack LlmCallAnalyzers.Cli to a
/// folder feed, <c>dotnet tool install LlmCallAnalyzers.Cli --tool-path DIR --add-source FEED</c>, then report, confirm
/// and the exit-2 cases with the installed <c>llmslo</c>. Skipped when LLMCALL_SKIP_PACKAGE_TESTS=1.
/// </summary>
public sealed class PackageTests(ITestOutputHelper output)
{
    [PackageFact]
    [Trait("Category", "Package")]
    public async Task Installed_tool_reports_confirms_and_rejects_bad_input()
    {
        var (exitCode, text) = await PackageScript.RunAsync("cli-tool.sh", TimeSpan.FromMinutes(15));
        output.WriteLine(text);
        Assert.True(exitCode == 0, $"cli-tool.sh exited with {exitCode}:\n{PackageScript.Tail(text)}");
        Assert.Contains("PASS cli-tool", text);
    }
}
