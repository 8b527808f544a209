using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace LlmCallAnalyzers.Model;

/// <summary>
/// The inputs of the availability and latency model. Defaults are documented in docs/model.md:
/// <c>call_availability</c> 0.999, <c>retry_recoverable</c> 0.5, <c>provider_outage</c> 0,
/// <c>call_latency_p99_ms</c> 800, <c>cold_start_p99_ms</c> 4600.
/// </summary>
public sealed class ModelParameters : IEquatable<ModelParameters>
{
    /// <summary>Default success probability of one logical call, after the SDK's own retries.</summary>
    public const double DefaultCallAvailability = 0.999;

    /// <summary>Default share of per-call failures that an application retry to the same provider can recover.</summary>
    public const double DefaultRetryRecoverable = 0.5;

    /// <summary>Default probability that a task overlaps an outage of one provider.</summary>
    public const double DefaultProviderOutage = 0.0;

    /// <summary>Default p99 latency of one call, in milliseconds.</summary>
    public const double DefaultCallLatencyP99Ms = 800;

    /// <summary>Default p99 latency added by a cold start of a fine-tuned model, in milliseconds.</summary>
    public const double DefaultColdStartP99Ms = 4600;

    /// <summary>Default backoff before each retry attempt, in milliseconds (Polly's default base delay is 2 s; 1 s with jitter is typical for LLM calls).</summary>
    public const double DefaultRetryBackoffMs = 1000;

    /// <summary>The defaults.</summary>
    public static ModelParameters Default { get; } = new ModelParameters();

    /// <summary>Creates parameters; every argument is validated.</summary>
    public ModelParameters(
        double callAvailability = DefaultCallAvailability,
        double retryRecoverable = DefaultRetryRecoverable,
        double providerOutage = DefaultProviderOutage,
        double callLatencyP99Ms = DefaultCallLatencyP99Ms,
        double coldStartP99Ms = DefaultColdStartP99Ms,
        double retryBackoffMs = DefaultRetryBackoffMs,
        IReadOnlyDictionary<string, ProviderParameters>? providers = null)
    {
        CallAvailability = CheckProbability(callAvailability, nameof(callAvailability), allowZero: false);
        RetryRecoverable = CheckProbability(retryRecoverable, nameof(retryRecoverable), allowZero: true);
        ProviderOutage = CheckProbability(providerOutage, nameof(providerOutage), allowZero: true);
        CallLatencyP99Ms = CheckNonNegative(callLatencyP99Ms, nameof(callLatencyP99Ms));
        ColdStartP99Ms = CheckNonNegative(coldStartP99Ms, nameof(coldStartP99Ms));
        RetryBackoffMs = CheckNonNegative(retryBackoffMs, nameof(retryBackoffMs));
        var builder = ImmutableDictionary.CreateBuilder<string, ProviderParameters>(StringComparer.OrdinalIgnoreCase);
        if (providers is not null)
        {
            foreach (var pair in providers)
            {
                builder[pair.Key] = pair.Value ?? throw new ArgumentException("Provider parameters are null.", nameof(providers));
            }
        }

        Providers = builder.ToImmutable();
    }

    /// <summary>Success probability of one logical call (a).</summary>
    public double CallAvailability { get; }

    /// <summary>Share of failures recoverable by a same-provider retry (r).</summary>
    public double RetryRecoverable { get; }

    /// <summary>Probability that a task overlaps an outage of one provider (o), counted once per distinct provider.</summary>
    public double ProviderOutage { get; }

    /// <summary>p99 latency of one call in milliseconds.</summary>
    public double CallLatencyP99Ms { get; }

    /// <summary>p99 latency added once per task by a cold start of a fine-tuned model.</summary>
    public double ColdStartP99Ms { get; }

    /// <summary>Backoff before each retry attempt.</summary>
    public double RetryBackoffMs { get; }

    /// <summary>Per-provider overrides, keyed case-insensitively by provider (e.g. <c>openai</c>).</summary>
    public ImmutableDictionary<string, ProviderParameters> Providers { get; }

    /// <summary>The availability of one call to <paramref name="provider"/> (and <paramref name="model"/> when measured).</summary>
    public double AvailabilityOf(string provider, string? model = null)
    {
        if (Providers.TryGetValue(provider, out var p))
        {
            if (model is not null && p.Models.TryGetValue(model, out var m))
            {
                return m;
            }

            return p.CallAvailability ?? CallAvailability;
        }

        return CallAvailability;
    }

    /// <summary>The outage probability of <paramref name="provider"/>.</summary>
    public double OutageOf(string provider)
        => Providers.TryGetValue(provider, out var p) && p.ProviderOutage is double o ? o : ProviderOutage;

    /// <summary>The p99 latency of one call to <paramref name="provider"/>.</summary>
    public double LatencyOf(string provider)
        => Providers.TryGetValue(provider, out var p) && p.CallLatencyP99Ms is double l ? l : CallLatencyP99Ms;

    /// <summary>A copy in which every provider and model has availability <paramref name="availability"/> (used to back-solve).</summary>
    public ModelParameters WithUniformAvailability(double availability)
        => new ModelParameters(availability, RetryRecoverable, ProviderOutage, CallLatencyP99Ms, ColdStartP99Ms, RetryBackoffMs, WithoutAvailabilityOverrides());

    /// <summary>A copy with a different default call availability.</summary>
    public ModelParameters WithCallAvailability(double availability)
        => new ModelParameters(availability, RetryRecoverable, ProviderOutage, CallLatencyP99Ms, ColdStartP99Ms, RetryBackoffMs, Providers);

    /// <summary>True when a provider or model override sets an availability other than the default.</summary>
    public bool HasAvailabilityOverrides
    {
        get
        {
            foreach (var p in Providers.Values)
            {
                if (p.CallAvailability is not null || p.Models.Count > 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private Dictionary<string, ProviderParameters> WithoutAvailabilityOverrides()
    {
        var result = new Dictionary<string, ProviderParameters>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in Providers)
        {
            result[pair.Key] = new ProviderParameters(null, pair.Value.ProviderOutage, pair.Value.CallLatencyP99Ms);
        }

        return result;
    }

    /// <summary>
    /// Value equality: parameters read from different configuration sources (one per file) that say the same thing
    /// are equal, so evaluators cache one set of estimates for all of them.
    /// </summary>
    public bool Equals(ModelParameters? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
            && CallAvailability.Equals(other.CallAvailability)
            && RetryRecoverable.Equals(other.RetryRecoverable)
            && ProviderOutage.Equals(other.ProviderOutage)
            && CallLatencyP99Ms.Equals(other.CallLatencyP99Ms)
            && ColdStartP99Ms.Equals(other.ColdStartP99Ms)
            && RetryBackoffMs.Equals(other.RetryBackoffMs)
            && SameEntries(Providers, other.Providers);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ModelParameters);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        unchecked
        {
            int hash = CallAvailability.GetHashCode();
            hash = (hash * 31) + RetryRecoverable.GetHashCode();
            hash = (hash * 31) + ProviderOutage.GetHashCode();
            hash = (hash * 31) + CallLatencyP99Ms.GetHashCode();
            hash = (hash * 31) + ColdStartP99Ms.GetHashCode();
            hash = (hash * 31) + RetryBackoffMs.GetHashCode();
            return (hash * 31) + Providers.Count;
        }
    }

    /// <summary>Whether two dictionaries (with the same key comparer) hold equal values under the same keys.</summary>
    internal static bool SameEntries<T>(ImmutableDictionary<string, T> a, ImmutableDictionary<string, T> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var pair in a)
        {
            if (!b.TryGetValue(pair.Key, out var value) || !EqualityComparer<T>.Default.Equals(pair.Value, value))
            {
                return false;
            }
        }

        return true;
    }

    internal static double CheckProbability(double value, string name, bool allowZero)
    {
        if (double.IsNaN(value) || value > 1 || value < 0 || (!allowZero && value == 0))
        {
            throw new ArgumentOutOfRangeException(name, value, allowZero ? "must lie in [0, 1]" : "must lie in (0, 1]");
        }

        return value;
    }

    private static double CheckNonNegative(double value, string name)
    {
        if (double.IsNaN(value) || value < 0 || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a finite number ≥ 0");
        }

        return value;
    }
}
