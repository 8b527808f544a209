using System.Reflection;
using LlmCallAnalyzers.Cli.Estimates;
using LlmCallAnalyzers.Cli.Tests.Infrastructure;
using LlmCallAnalyzers.Model.Contracts;
using LlmCallAnalyzers.Runtime;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary>
/// The estimate the generator embeds is the estimate the CLI (System.Reflection.Metadata) and the runtime (reflection
/// over the loaded assembly) read: rendered by <see cref="EmbeddedEstimateAttribute.Render"/>, compiled against the real
/// attribute, read back both ways.
/// </summary>
public sealed class EstimateRoundTripTests : IDisposable
{
    private static readonly EmbeddedEstimate[] Estimates =
    {
        new("RoundTrip.Agent.Twenty", 20, 20, 0.98018, 0.995, latencyP99Ms: 16000),
        new("RoundTrip.Agent.UntilDone", 1, -1, 0, 0.99, declaredFanOut: 5),
        new("RoundTrip.Agent.Bounded", 2, 12, 0.988, 0, declaredFanOut: 20),
        new("RoundTrip.Odd\"Name\\Agent.Run", 0, 0, 1, 0),
    };

    private readonly string _dir = Directory.CreateTempSubdirectory("llmslo-estimates-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            // The runtime half keeps the assembly loaded (Windows locks it).
        }
    }

    [Fact]
    public void The_cli_reads_back_what_the_generator_writes()
    {
        string path = EstimateAssembly.Emit(_dir, Source(), "RoundTripCli");

        var read = EstimateAssemblyReader.Read(path);

        Assert.Equal(Estimates.Select(Describe), read.Select(Describe));
    }

    [Fact]
    public void The_runtime_reads_back_what_the_generator_writes_and_applies_the_same_limit()
    {
        string path = EstimateAssembly.Emit(_dir, Source(), "RoundTripRuntime");
        Assembly.LoadFile(path);

        foreach (var estimate in Estimates)
        {
            var metadata = LlmTaskMetadata.Resolve(estimate.Task);
            Assert.True(metadata.HasEstimate, estimate.Task);
            Assert.Equal(estimate.MinCalls, metadata.EstimatedMinCalls);
            Assert.Equal(estimate.MaxCalls, metadata.EstimatedMaxCalls);
            Assert.Equal(estimate.Availability, metadata.EstimatedAvailability);
            Assert.Equal(estimate.Slo > 0 ? estimate.Slo : null, metadata.SloAvailability);
            Assert.Equal(estimate.DeclaredFanOut >= 0 ? estimate.DeclaredFanOut : null, metadata.DeclaredFanOut);
            Assert.Equal(estimate.LatencyP99Ms > 0 ? estimate.LatencyP99Ms : null, metadata.EstimatedLatencyP99Ms);
            Assert.Equal(estimate.CallLimit, metadata.CallLimit);
        }
    }

    [Fact]
    public void The_limit_is_the_smaller_of_the_bounded_estimate_and_the_fan_out()
    {
        Assert.Equal(20, Estimates[0].CallLimit);
        Assert.Equal(5, Estimates[1].CallLimit);
        Assert.Equal(12, Estimates[2].CallLimit);
        Assert.Null(new EmbeddedEstimate("T", 1, -1, 0, 0).CallLimit);
        Assert.True(TaskCallLimit.IsSetByFanOut(null, 5));
        Assert.False(TaskCallLimit.IsSetByFanOut(12, 20));
        Assert.True(TaskCallLimit.IsSetByFanOut(12, 3));
        Assert.True(TaskCallLimit.IsExceeded(13, 12, 20));
        Assert.False(TaskCallLimit.IsExceeded(12, 12, 20));
    }

    private static string Source() => string.Join("\n", Estimates.Select(EmbeddedEstimateAttribute.Render));

    private static string Describe(EmbeddedEstimate e)
        => FormattableString.Invariant($"{e.Task}|{e.MinCalls}|{e.MaxCalls}|{e.Availability:R}|{e.Slo:R}|{e.DeclaredFanOut}|{e.LatencyP99Ms}");
}
