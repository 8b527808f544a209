using LlmCallAnalyzers.Tests.Shared;
using Xunit.Abstractions;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// The package as a consumer gets it: pack LlmCallAnalyzers, consume it from a local
/// folder feed in a fresh project, build with the SDK's compiler and with Microsoft.Net.Compilers.Toolset 4.14.0, and
/// read the diagnostics (tests/package-tests/analyzer-consumer.sh).
/// </summary>
public sealed class PackageConsumerTests(ITestOutputHelper output)
{
    [PackageFact]
    [Trait("Category", "Package")]
    public async Task Packed_analyzer_reports_exactly_the_marked_diagnostics_under_both_compilers()
    {
        var (exitCode, text) = await PackageScript.RunAsync("analyzer-consumer.sh", TimeSpan.FromMinutes(15));
        output.WriteLine(text);
        Assert.True(exitCode == 0, $"analyzer-consumer.sh exited with {exitCode}:\n{PackageScript.Tail(text)}");
        Assert.Contains("PASS analyzer-consumer", text);
    }
}
