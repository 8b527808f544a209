
namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>One call kept for the cold-start analysis: when it started, how long it took, and the tasks above it.</summary>
public readonly struct ColdStartSample
{
    internal ColdStartSample(long startUnixNano, double latencyMs, TraceId trace, ulong[]? tasks)
    {
        StartUnixNano = startUnixNano;
        LatencyMs = latencyMs;
        Trace = trace;
        Tasks = tasks;
    }

    /// <summary>The start, in nanoseconds since the epoch.</summary>
    public long StartUnixNano { get; }

    /// <summary>The span's duration in milliseconds.</summary>
    public double LatencyMs { get; }

    /// <summary>The trace.</summary>
    public TraceId Trace { get; }

    /// <summary>The span ids of the task spans above the call; null outside any task.</summary>
    public ulong[]? Tasks { get; }
}
