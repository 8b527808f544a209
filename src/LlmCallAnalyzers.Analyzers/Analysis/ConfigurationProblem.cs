using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>A configuration value that could not be used.</summary>
internal readonly struct ConfigurationProblem
{
    public ConfigurationProblem(string key, string value, string reason, string fallback)
    {
        Key = key;
        Value = value;
        Reason = reason;
        Fallback = fallback;
    }

    public string Key { get; }

    public string Value { get; }

    public string Reason { get; }

    public string Fallback { get; }
}
