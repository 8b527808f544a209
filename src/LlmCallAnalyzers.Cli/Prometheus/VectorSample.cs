using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;

namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>One element of an instant vector: its labels and its value.</summary>
public sealed class VectorSample
{
    internal VectorSample(IReadOnlyDictionary<string, string> labels, double value)
    {
        Labels = labels;
        Value = value;
    }

    /// <summary>The series' labels (without <c>__name__</c> after aggregation).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The value.</summary>
    public double Value { get; }

    /// <summary>The label's value, or the empty string (as PromQL treats a missing label).</summary>
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : string.Empty;
}
