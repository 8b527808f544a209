using LlmCallAnalyzers.Cli.Statistics;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>Limits of the trace buffer (see <see cref="TaskAggregator"/>).</summary>
public sealed class AggregatorLimits
{
    /// <summary>The most spans buffered at once; beyond it the least recently touched trace is completed early.</summary>
    public int MaxBufferedSpans { get; init; } = 500_000;

    /// <summary>Spans read after a trace's last span, once its root has arrived, before the trace is taken as complete.</summary>
    public long RootedIdleSpans { get; init; } = 10_000;

    /// <summary>Spans read after a trace's last span, when its root never arrived, before the trace is taken as complete.</summary>
    public long UnrootedIdleSpans { get; init; } = 200_000;
}
