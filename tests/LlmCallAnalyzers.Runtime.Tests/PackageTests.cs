using LlmCallAnalyzers.Tests.Shared;
using Xunit.Abstractions;

namespace LlmCallAnalyzers.Runtime.Tests;

/// <summary>
/// Packs LlmCallAnalyzers.Runtime (with the LlmCallAnalyzers package it depends on) and runs the 1000-task scenario in
/// a fresh console app that references only the runtime package and Microsoft.Extensions.AI
/// (tests/package-tests/runtime-consumer.sh). Skipped when LLMCALL_SKIP_PACKAGE_TESTS=1.
/// </summary>
public sealed class PackageTests(ITestOutputHelper output)
{
    [PackageFact]
    [Trait("Category", "Package")]
    public async Task PackedRuntime_ConsumerApp_SeesEveryTaskSpan()
    {
        var (exitCode, text) = await PackageScript.RunAsync("runtime-consumer.sh", TimeSpan.FromMinutes(15));
        output.WriteLine(text);
        Assert.True(exitCode == 0, $"runtime-consumer.sh exited with {exitCode}:\n{PackageScript.Tail(text)}");
        Assert.Contains("RESULT: PASS", text);
    }
}
