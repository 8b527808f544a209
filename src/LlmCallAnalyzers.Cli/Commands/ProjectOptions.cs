using System;
using System.Collections.Generic;
using System.CommandLine;
using LlmCallAnalyzers.Cli.Loading;
using LlmCallAnalyzers.Cli.Output;

namespace LlmCallAnalyzers.Cli.Commands;

/// <summary>The arguments and options shared by the commands that load a project (<c>report</c>, <c>simulate</c>).</summary>
internal sealed class ProjectOptions
{
    public Argument<string> Path { get; } = new("project")
    {
        Description = "A .csproj, a .sln/.slnx, or a folder holding one solution or C# project files",
    };

    public Option<bool> NoRestore { get; } = new("--no-restore")
    {
        Description = "Do not run 'dotnet restore' first",
    };

    public Option<string[]> Properties { get; } = new("--property", "-p")
    {
        Description = "An MSBuild property for loading, Name=Value (repeatable), e.g. -p Configuration=Release",
        AllowMultipleArgumentsPerToken = false,
        HelpName = "Name=Value",
    };

    public Option<bool> AllowErrors { get; } = new("--allow-errors")
    {
        Description = "Analyze projects that have compile errors (by default a compile error exits with 2)",
    };

    public Option<bool> AnnotatedOnly { get; } = new("--annotated-only")
    {
        Description = "Only [TaskSlo] and [AgentStep] methods, not every public method that reaches an LLM call",
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Print progress lines on standard error even when it is not a terminal",
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "No progress on standard error",
    };

    public void AddTo(Command command)
    {
        command.Add(Path);
        command.Add(NoRestore);
        command.Add(Properties);
        command.Add(AllowErrors);
        command.Add(AnnotatedOnly);
        command.Add(Verbose);
        command.Add(Quiet);
    }

    public LoadOptions LoadOptions(ParseResult parse) => new()
    {
        Restore = !parse.GetValue(NoRestore),
        AllowCompileErrors = parse.GetValue(AllowErrors),
        Properties = ParseProperties(parse.GetValue(Properties) ?? Array.Empty<string>()),
    };

    public static Option<string> FormatOption(params OutputFormat[] allowed)
    {
        var names = Array.ConvertAll(allowed, f => f.ToString().ToLowerInvariant());
        var option = new Option<string>("--format", "-f")
        {
            Description = "Output format",
            DefaultValueFactory = _ => "table",
            HelpName = string.Join("|", names),
        };
        option.AcceptOnlyFromAmong(names);
        return option;
    }

    public static OutputFormat Format(ParseResult parse, Option<string> option)
        => Enum.TryParse<OutputFormat>(parse.GetValue(option), ignoreCase: true, out var format) ? format : OutputFormat.Table;

    private static Dictionary<string, string> ParseProperties(string[] values)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = part.IndexOf('=');
                if (eq <= 0)
                {
                    throw new CliException($"--property '{part}': expected Name=Value");
                }

                result[part.Substring(0, eq).Trim()] = part.Substring(eq + 1).Trim();
            }
        }

        return result;
    }
}
