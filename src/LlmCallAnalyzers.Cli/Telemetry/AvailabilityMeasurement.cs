using System.Collections.Generic;
using LlmCallAnalyzers.Cli.Statistics;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>Per-call availability of one analyzer provider key (and model) as <c>llmslo confirm</c> measured it: calls, failures and the 95 % interval.</summary>
public sealed class AvailabilityMeasurement
{
    internal AvailabilityMeasurement(string key, string? model, long calls, long failed, IReadOnlyList<string> telemetryNames)
    {
        Key = key;
        Model = model;
        Calls = calls;
        Failed = failed;
        TelemetryNames = telemetryNames;
        Interval = WilsonInterval.Compute(calls - failed, calls);
    }

    /// <summary>The analyzer's provider key.</summary>
    public string Key { get; }

    /// <summary>The model, or null for the provider as a whole.</summary>
    public string? Model { get; }

    /// <summary>Model calls.</summary>
    public long Calls { get; }

    /// <summary>Failed model calls.</summary>
    public long Failed { get; }

    /// <summary>The telemetry provider names folded into <see cref="Key"/>.</summary>
    public IReadOnlyList<string> TelemetryNames { get; }

    /// <summary>The success proportion and its 95 % Wilson interval.</summary>
    public WilsonInterval Interval { get; }
}
