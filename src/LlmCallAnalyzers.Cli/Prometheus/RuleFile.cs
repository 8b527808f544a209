using System.Collections.Generic;
using System.IO;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>A Prometheus rule file (<c>groups:</c>), as <c>rule_files</c> loads it and <c>promtool check rules</c> checks it.</summary>
public sealed class RuleFile
{
    /// <summary>The rule groups.</summary>
    public List<RuleGroup> Groups { get; } = new();

    /// <summary>Writes the file as YAML after a comment header.</summary>
    public void Write(TextWriter writer, string header)
    {
        foreach (string line in header.Split('\n'))
        {
            writer.WriteLine(("# " + line.TrimEnd('\r')).TrimEnd());
        }

        var serializer = new SerializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
            .DisableAliases()
            .Build();
        serializer.Serialize(writer, this);
    }
}

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
