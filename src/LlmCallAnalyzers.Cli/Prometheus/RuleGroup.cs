using System.Collections.Generic;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>A rule group: evaluated together, every <c>interval</c> (the global evaluation interval when null).</summary>
public sealed class RuleGroup
{
    /// <summary>The group's name.</summary>
    public required string Name { get; init; }

    /// <summary>The evaluation interval, or null for the global one.</summary>
    public string? Interval { get; init; }

    /// <summary>The rules.</summary>
    public List<Rule> Rules { get; } = new();
}
