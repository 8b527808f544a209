using System;

namespace LlmCallAnalyzers.Cli;

/// <summary>
/// A problem with the user's input (exit code 2). Its message is printed as one line, never with a stack trace, and
/// names the file (and line) at fault.
/// </summary>
public sealed class CliException : Exception
{
    /// <summary>Creates the exception with the one-line message shown to the user.</summary>
    public CliException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the one-line message shown to the user and its cause.</summary>
    public CliException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
