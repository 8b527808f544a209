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
