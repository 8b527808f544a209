using System.Collections.Generic;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>A recording rule (<see cref="Record"/>) or an alerting rule (<see cref="Alert"/>).</summary>
public sealed class Rule
{
    /// <summary>The recorded series' name.</summary>
    public string? Record { get; init; }

    /// <summary>The alert's name.</summary>
    public string? Alert { get; init; }

    /// <summary>The PromQL expression.</summary>
    public required string Expr { get; init; }

    /// <summary>How long the condition must hold before the alert fires, or null.</summary>
    public string? For { get; init; }

    /// <summary>Labels added to the series or the alert.</summary>
    public Dictionary<string, string>? Labels { get; init; }

    /// <summary>The alert's annotations.</summary>
    public Dictionary<string, string>? Annotations { get; init; }
}
