using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace LlmCallAnalyzers.Model;

/// <summary>Per-provider overrides of <see cref="ModelParameters"/>; a null value keeps the default.</summary>
public sealed class ProviderParameters : IEquatable<ProviderParameters>
{
    /// <summary>Creates per-provider overrides.</summary>
    public ProviderParameters(double? callAvailability = null, double? providerOutage = null, double? callLatencyP99Ms = null, IReadOnlyDictionary<string, double>? models = null)
    {
        CallAvailability = callAvailability is double a ? ModelParameters.CheckProbability(a, nameof(callAvailability), allowZero: false) : null;
        ProviderOutage = providerOutage is double o ? ModelParameters.CheckProbability(o, nameof(providerOutage), allowZero: true) : null;
        CallLatencyP99Ms = callLatencyP99Ms;
        var builder = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.OrdinalIgnoreCase);
        if (models is not null)
        {
            foreach (var pair in models)
            {
                builder[pair.Key] = ModelParameters.CheckProbability(pair.Value, nameof(models), allowZero: false);
            }
        }

        Models = builder.ToImmutable();
    }

    /// <summary>Availability of one call to this provider.</summary>
    public double? CallAvailability { get; }

    /// <summary>Outage probability of this provider per task.</summary>
    public double? ProviderOutage { get; }

    /// <summary>p99 latency of one call to this provider.</summary>
    public double? CallLatencyP99Ms { get; }

    /// <summary>Measured availability per model of this provider.</summary>
    public ImmutableDictionary<string, double> Models { get; }

    /// <summary>Value equality (see <see cref="ModelParameters.Equals(ModelParameters)"/>).</summary>
    public bool Equals(ProviderParameters? other)
        => ReferenceEquals(this, other)
            || (other is not null
                && Nullable.Equals(CallAvailability, other.CallAvailability)
                && Nullable.Equals(ProviderOutage, other.ProviderOutage)
                && Nullable.Equals(CallLatencyP99Ms, other.CallLatencyP99Ms)
                && ModelParameters.SameEntries(Models, other.Models));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ProviderParameters);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        unchecked
        {
            int hash = CallAvailability.GetHashCode();
            hash = (hash * 31) + ProviderOutage.GetHashCode();
            hash = (hash * 31) + CallLatencyP99Ms.GetHashCode();
            return (hash * 31) + Models.Count;
        }
    }
}
