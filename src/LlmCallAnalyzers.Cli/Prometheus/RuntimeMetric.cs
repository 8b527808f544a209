namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>One instrument of LlmCallAnalyzers.Runtime: its OpenTelemetry name, unit and kind, and its Prometheus name.</summary>
public sealed class RuntimeMetric
{
    internal RuntimeMetric(string instrument, string unit, InstrumentKind kind)
    {
        Instrument = instrument;
        Unit = unit;
        Kind = kind;
        Name = PrometheusNaming.MetricName(instrument, unit, kind);
    }

    /// <summary>The OpenTelemetry instrument name (<c>llm.task.calls</c>).</summary>
    public string Instrument { get; }

    /// <summary>The instrument's UCUM unit (<c>{call}</c>, <c>s</c>).</summary>
    public string Unit { get; }

    /// <summary>The instrument kind.</summary>
    public InstrumentKind Kind { get; }

    /// <summary>The Prometheus metric name (<c>llm_task_calls</c>, <c>llm_task_outcome_total</c>).</summary>
    public string Name { get; }

    /// <summary>A histogram's <c>_bucket</c> series.</summary>
    public string Bucket => Name + "_bucket";

    /// <summary>A histogram's <c>_sum</c> series.</summary>
    public string Sum => Name + "_sum";

    /// <summary>A histogram's <c>_count</c> series.</summary>
    public string Count => Name + "_count";

    /// <inheritdoc/>
    public override string ToString() => Name;
}
