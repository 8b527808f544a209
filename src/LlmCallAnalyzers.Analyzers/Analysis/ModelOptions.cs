using System;
using System.Collections.Generic;
using System.Globalization;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Reads <see cref="ModelParameters"/> from .editorconfig / .globalconfig keys and from a measured-availability
/// additional file (<c>llm-availability*.txt</c>, written by <c>llmslo confirm --write-availability</c>).
/// Precedence: an explicit .editorconfig key, then the measured file, then the built-in default.
/// </summary>
internal static class ModelOptions
{
    public const string Prefix = "llm_call_analyzers.";
    public const string CallAvailabilityKey = Prefix + "call_availability";
    public const string RetryRecoverableKey = Prefix + "retry_recoverable";
    public const string ProviderOutageKey = Prefix + "provider_outage";
    public const string CallLatencyKey = Prefix + "call_latency_p99_ms";
    public const string ColdStartKey = Prefix + "cold_start_p99_ms";
    public const string FineTunedModelsKey = Prefix + "fine_tuned_models";
    public const string ProviderPrefix = Prefix + "provider.";
    public const string FollowDispatchKey = Prefix + "follow_dispatch";

    public static ModelParameters Read(AnalyzerConfigOptions options, MeasuredAvailability measured, List<ConfigurationProblem> problems)
    {
        double callAvailability = ReadDouble(options, CallAvailabilityKey, ModelParameters.DefaultCallAvailability, 0, 1, zeroAllowed: false, problems, measured.Default);
        double retryRecoverable = ReadDouble(options, RetryRecoverableKey, ModelParameters.DefaultRetryRecoverable, 0, 1, zeroAllowed: true, problems);
        double providerOutage = ReadDouble(options, ProviderOutageKey, ModelParameters.DefaultProviderOutage, 0, 1, zeroAllowed: true, problems);
        double latency = ReadDouble(options, CallLatencyKey, ModelParameters.DefaultCallLatencyP99Ms, 0, 3_600_000, zeroAllowed: true, problems);
        double coldStart = ReadDouble(options, ColdStartKey, ModelParameters.DefaultColdStartP99Ms, 0, 3_600_000, zeroAllowed: true, problems);
        if (options.TryGetValue(FollowDispatchKey, out var dispatch) && DispatchSetting.Read(options) is null)
        {
            problems.Add(new ConfigurationProblem(FollowDispatchKey, dispatch, "not true or false", "true"));
        }

        var providers = new Dictionary<string, ProviderParameters>(StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in options.Keys)
        {
            if (key.StartsWith(ProviderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                int dot = key.IndexOf('.', ProviderPrefix.Length);
                if (dot > ProviderPrefix.Length)
                {
                    names.Add(key.Substring(ProviderPrefix.Length, dot - ProviderPrefix.Length));
                }
            }
        }

        names.UnionWith(measured.Providers.Keys);
        foreach (var name in names)
        {
            string p = ProviderPrefix + name + ".";
            measured.Providers.TryGetValue(name, out var m);
            double? a = ReadOptionalDouble(options, p + "call_availability", 0, 1, zeroAllowed: false, problems) ?? m?.Availability;
            double? o = ReadOptionalDouble(options, p + "provider_outage", 0, 1, zeroAllowed: true, problems);
            double? l = ReadOptionalDouble(options, p + "call_latency_p99_ms", 0, 3_600_000, zeroAllowed: true, problems);
            providers[name] = new ProviderParameters(a, o, l, m?.Models);
        }

        return new ModelParameters(callAvailability, retryRecoverable, providerOutage, latency, coldStart, ModelParameters.DefaultRetryBackoffMs, providers);
    }

    public static string Describe(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double ReadDouble(AnalyzerConfigOptions options, string key, double fallback, double min, double max, bool zeroAllowed, List<ConfigurationProblem> problems, double? measured = null)
        => ReadOptionalDouble(options, key, min, max, zeroAllowed, problems, fallback) ?? measured ?? fallback;

    private static double? ReadOptionalDouble(AnalyzerConfigOptions options, string key, double min, double max, bool zeroAllowed, List<ConfigurationProblem> problems, double? fallback = null)
    {
        if (!options.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string trimmed = text.Trim();
        bool percent = trimmed.EndsWith("%", StringComparison.Ordinal);
        if (percent)
        {
            trimmed = trimmed.Substring(0, trimmed.Length - 1).Trim();
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsNaN(value) || double.IsInfinity(value))
        {
            problems.Add(new ConfigurationProblem(key, text, "not a number", fallback is double f ? Describe(f) : "value"));
            return null;
        }

        if (percent)
        {
            value /= 100;
        }

        if (value < min || value > max || (!zeroAllowed && value == 0))
        {
            string range = zeroAllowed ? $"[{Describe(min)}, {Describe(max)}]" : $"({Describe(min)}, {Describe(max)}]";
            problems.Add(new ConfigurationProblem(key, text, "must lie in " + range, fallback is double f ? Describe(f) : "value"));
            return null;
        }

        return value;
    }
}
