using System;
using System.IO;
using System.Threading.Tasks;
using Spectre.Console;

namespace LlmCallAnalyzers.Cli.Loading;

/// <summary>How progress is shown: live on a terminal's standard error, as plain lines when asked, or not at all.</summary>
public static class ProgressDisplay
{
    /// <summary>
    /// Runs <paramref name="work"/> with a progress reporter: a live status line on standard error when it is a
    /// terminal; plain lines on standard error with <paramref name="verbose"/>; nothing when redirected (so that a
    /// failure prints exactly one line) or with <paramref name="quiet"/>.
    /// </summary>
    public static async Task<T> RunAsync<T>(CliIO io, bool verbose, bool quiet, Func<IProgressReporter, Task<T>> work)
    {
        if (quiet)
        {
            return await work(NullReporter.Instance).ConfigureAwait(false);
        }

        if (verbose)
        {
            return await work(new LineReporter(io.Error)).ConfigureAwait(false);
        }

        if (!io.ErrorIsTerminal)
        {
            return await work(NullReporter.Instance).ConfigureAwait(false);
        }

        T result = default!;
        await io.Err.Status().Spinner(Spinner.Known.Dots).StartAsync("Starting", async ctx =>
        {
            result = await work(new StatusReporter(ctx)).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result;
    }

    private sealed class NullReporter : IProgressReporter
    {
        public static readonly NullReporter Instance = new();

        public void Report(string message)
        {
        }
    }

    private sealed class LineReporter : IProgressReporter
    {
        private readonly TextWriter _writer;

        public LineReporter(TextWriter writer) => _writer = writer;

        public void Report(string message)
        {
            lock (_writer)
            {
                _writer.WriteLine("llmslo: " + message);
            }
        }
    }

    private sealed class StatusReporter : IProgressReporter
    {
        private readonly StatusContext _context;

        public StatusReporter(StatusContext context) => _context = context;

        public void Report(string message) => _context.Status(Markup.Escape(message));
    }
}
