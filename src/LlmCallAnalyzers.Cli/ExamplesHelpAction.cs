using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Linq;

namespace LlmCallAnalyzers.Cli;

/// <summary>The default <c>--help</c> followed by an "Examples:" section for the command asked about.</summary>
internal sealed class ExamplesHelpAction : SynchronousCommandLineAction
{
    private static readonly Dictionary<string, string[]> s_examples = new()
    {
        ["llmslo"] = new[]
        {
            "llmslo report docs/samples/ResearchAgent",
            "llmslo report MySolution.sln --tree",
            "llmslo report src/MyApp --tree full",
            "llmslo confirm --telemetry traces.jsonl --estimates bin/Release/net10.0/MyApp.dll",
            "llmslo simulate src/MyApp --tasks 100000",
            "llmslo confirm --prometheus http://localhost:9090 --window 7d --estimates bin/Release/net10.0/MyApp.dll",
            "llmslo alerts bin/Release/net10.0/MyApp.dll -o llmslo-rules.yml",
        },
        ["report"] = new[]
        {
            "llmslo report src/MyApp/MyApp.csproj",
            "llmslo report MySolution.sln --tree",
            "llmslo report src/MyApp --tree full",
            "llmslo report . --format json > llm-tasks.json",
            "llmslo report src/MyApp --format sarif > llmslo.sarif",
            "llmslo report src/MyApp --format markdown >> $GITHUB_STEP_SUMMARY",
        },
        ["explain"] = new[]
        {
            "llmslo explain src/MyApp ResearchAsync",
            "llmslo explain MySolution.sln Shop.Support.AnswerAsync --tree full",
        },
        ["confirm"] = new[]
        {
            "llmslo confirm --telemetry traces.jsonl",
            "llmslo confirm --telemetry day1.jsonl.gz day2.jsonl.gz --estimates bin/Release/net10.0/MyApp.dll",
            "llmslo confirm --telemetry traces.jsonl --write-availability src/MyApp/llm-availability.txt",
            "llmslo confirm --telemetry traces.jsonl --format json",
            "llmslo confirm --prometheus http://localhost:9090 --window 7d --estimates bin/Release/net10.0/MyApp.dll",
            "llmslo confirm --prometheus http://prometheus:9090 --start 2026-11-01T00:00:00Z --end 2026-12-01T00:00:00Z --selector 'service=\"checkout\"'",
        },
        ["alerts"] = new[]
        {
            "llmslo alerts bin/Release/net10.0/MyApp.dll -o llmslo-rules.yml",
            "llmslo alerts src/MyApp --selector 'env=\"prod\"' -o /etc/prometheus/rules/llmslo.yml",
            "promtool check rules llmslo-rules.yml",
            "llmslo alerts bin/Release/net10.0/MyApp.dll --format openslo > slos.yaml",
        },
        ["simulate"] = new[]
        {
            "llmslo simulate src/MyApp",
            "llmslo simulate src/MyApp --tasks 100000 --seed 7",
            "llmslo simulate src/MyApp --provider-outage 0.001 --task MyApp.Agent.ResearchAsync",
        },
    };

    private readonly HelpAction _inner;

    private ExamplesHelpAction(HelpAction inner) => _inner = inner;

    /// <summary>Replaces the help action of <paramref name="root"/>'s <c>--help</c> option (it applies to every subcommand).</summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().FirstOrDefault();
        if (help?.Action is HelpAction inner)
        {
            help.Action = new ExamplesHelpAction(inner);
        }
    }

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        int result = _inner.Invoke(parseResult);
        var command = parseResult.CommandResult.Command;
        string key = command is RootCommand ? "llmslo" : command.Name;
        if (s_examples.TryGetValue(key, out var examples))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var example in examples)
            {
                output.WriteLine("  " + example);
            }

            output.WriteLine();
            output.WriteLine("Exit codes: 0 all good, 1 a task falls short, 2 bad input. Documentation: docs/cli.md");
        }

        return result;
    }
}
