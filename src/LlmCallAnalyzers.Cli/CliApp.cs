using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Cli.Commands;

namespace LlmCallAnalyzers.Cli;

/// <summary>
/// Builds the <c>llmslo</c> command line (System.CommandLine) and runs it. Bad input ends with exit code 2 and one
/// line on standard error naming the problem; no stack trace is ever printed unless <c>LLMSLO_DEBUG=1</c>.
/// </summary>
public static class CliApp
{
    /// <summary>Runs <c>llmslo</c> on the process's console.</summary>
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
        => RunAsync(args, CliIO.ForConsole(), cancellationToken);

    /// <summary>Runs <c>llmslo</c> with output and error captured.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
        => RunAsync(args, CliIO.ForWriters(output, error), cancellationToken);

    /// <summary>Runs <c>llmslo</c>.</summary>
    public static async Task<int> RunAsync(string[] args, CliIO io, CancellationToken cancellationToken = default)
    {
        if (args is null) throw new ArgumentNullException(nameof(args));
        if (io is null) throw new ArgumentNullException(nameof(io));

        var root = BuildRootCommand(io);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction and not ExamplesHelpAction)
        {
            string command = parse.CommandResult.Command is RootCommand ? "llmslo" : "llmslo " + parse.CommandResult.Command.Name;
            io.Error.WriteLine($"llmslo: {OneLine(parse.Errors[0].Message)} (see '{command} --help')");
            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = io.Output, Error = io.Error, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            io.Error.WriteLine("llmslo: " + OneLine(ex.Message));
            if (Debugging) io.Error.WriteLine(ex.ToString());
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            io.Error.WriteLine("llmslo: canceled");
            return ExitCodes.InternalError;
        }
        catch (Exception ex)
        {
            io.Error.WriteLine($"llmslo: internal error: {ex.GetType().Name}: {OneLine(ex.Message)} (set LLMSLO_DEBUG=1 for details)");
            if (Debugging) io.Error.WriteLine(ex.ToString());
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The root command with its four subcommands.</summary>
    public static RootCommand BuildRootCommand(CliIO io)
    {
        var root = new RootCommand(
            "llmslo: how many LLM calls each task makes, and whether the task can meet its availability SLO.\n"
            + "report: static fan-out and composed availability per task; explain: one task's figure step by step, with\n"
            + "the file and line of its loops and calls; confirm: production telemetry (files or\n"
            + "Prometheus) against the build's estimates; simulate: Monte Carlo over each task's call tree; alerts:\n"
            + "Prometheus burn-rate rules from each [TaskSlo].");
        root.Add(ReportCommand.Create(io));
        root.Add(ConfirmCommand.Create(io));
        root.Add(SimulateCommand.Create(io));
        root.Add(AlertsCommand.Create(io));
        root.Add(ExplainCommand.Create(io));
        ExamplesHelpAction.Install(root);
        return root;
    }

    private static bool Debugging => Environment.GetEnvironmentVariable("LLMSLO_DEBUG") == "1";

    private static string OneLine(string message)
        => string.Join(" ", message.Split(new[] { '\r', '\n', '\t' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0));
}
