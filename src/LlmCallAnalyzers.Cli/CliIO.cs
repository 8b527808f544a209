using System;
using System.IO;
using Spectre.Console;

namespace LlmCallAnalyzers.Cli;

/// <summary>
/// Where a command writes: results on standard output (plain text, a Spectre.Console table or tree, JSON, SARIF,
/// Markdown), progress and problems on standard error. Colors and live progress only when the stream is a terminal.
/// </summary>
public sealed class CliIO
{
    private CliIO(TextWriter output, TextWriter error, bool outputIsTerminal, bool errorIsTerminal)
    {
        Output = output;
        Error = error;
        ErrorIsTerminal = errorIsTerminal;
        Out = CreateConsole(output, outputIsTerminal);
        Err = CreateConsole(error, errorIsTerminal);
    }

    /// <summary>Standard output as a writer (machine-readable formats go here verbatim).</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error as a writer.</summary>
    public TextWriter Error { get; }

    /// <summary>True when standard error is a terminal (live progress is shown there).</summary>
    public bool ErrorIsTerminal { get; }

    /// <summary>Standard output for tables and trees.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Standard error for live progress.</summary>
    public IAnsiConsole Err { get; }

    /// <summary>The process's console streams.</summary>
    public static CliIO ForConsole()
    {
        try
        {
            Console.OutputEncoding = System.Text.Encoding.UTF8;
        }
        catch (IOException)
        {
        }

        return new CliIO(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);
    }

    /// <summary>Captured streams (tests, embedding): no colors, no live progress.</summary>
    public static CliIO ForWriters(TextWriter output, TextWriter error) => new(output, error, false, false);

    private static IAnsiConsole CreateConsole(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!terminal)
        {
            // Redirected output is read by people and by scripts: wide enough that no figure wraps.
            int width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns >= 80 ? columns : 240;
            console.Profile.Width = width;
            console.Profile.Capabilities.Unicode = true;
        }

        return console;
    }
}
