using System.Diagnostics.Metrics;
using LlmCallAnalyzers.Runtime;

namespace LlmCallAnalyzers.Prometheus.Tests.Infrastructure;

/// <summary>The instruments of the runtime's meter as the runtime itself creates them (read with a <see cref="MeterListener"/>).</summary>
public static class RuntimeInstruments
{
    public sealed record Instrument(string Name, string? Unit, string Kind, IReadOnlyList<double>? BucketBounds);

    public static IReadOnlyList<Instrument> All()
    {
        // Touch the type so that its static instruments exist.
        _ = LlmTelemetry.Meter;
        var found = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name != LlmTelemetry.MeterName) return;
                string kind = instrument.GetType().Name switch
                {
                    var n when n.StartsWith("Counter", StringComparison.Ordinal) => "counter",
                    var n when n.StartsWith("Histogram", StringComparison.Ordinal) => "histogram",
                    var n => n,
                };
                IReadOnlyList<double>? bounds = instrument switch
                {
                    Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
                    Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToList(),
                    _ => null,
                };
                lock (found) found.Add(new Instrument(instrument.Name, instrument.Unit, kind, bounds));
            },
        };
        listener.Start();
        return found;
    }

    /// <summary>The bucket bounds of <c>llm.task.calls</c> (what the exporter writes as <c>le</c>).</summary>
    public static IReadOnlyList<double> TaskCallBounds()
        => All().Single(i => i.Name == LlmTelemetry.TaskCallsMetric).BucketBounds ?? throw new InvalidOperationException("llm.task.calls has no bucket advice");
}
