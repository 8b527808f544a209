using System;
using System.Buffers;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>A line exceeded the reader's limit.</summary>
internal sealed class LineTooLongException : Exception
{
    public LineTooLongException(long line)
        : base("line longer than the limit")
    {
        Line = line;
    }

    public long Line { get; }
}
