
namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>The kinds of OpenTelemetry instruments whose Prometheus names differ.</summary>
public enum InstrumentKind
{
    /// <summary>A monotonic sum: <c>_total</c> is appended.</summary>
    Counter,

    /// <summary>A histogram: <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series.</summary>
    Histogram,

    /// <summary>A gauge or a non-monotonic sum.</summary>
    Gauge,
}
