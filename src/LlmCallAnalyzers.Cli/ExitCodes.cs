namespace LlmCallAnalyzers.Cli;

/// <summary>The process exit codes of <c>llmslo</c> (documented in docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Every SLO holds (report), every task is confirmed (confirm), the simulation ran (simulate).</summary>
    public const int Success = 0;

    /// <summary>A task falls short: below its SLO or unbounded (report), exceeded or below SLO (confirm). simulate never returns it.</summary>
    public const int Findings = 1;

    /// <summary>Bad input: a missing path, not a project, a restore or build failure, a malformed telemetry line, bad arguments.</summary>
    public const int BadInput = 2;

    /// <summary>An internal error of llmslo itself (set LLMSLO_DEBUG=1 for the stack trace).</summary>
    public const int InternalError = 3;
}
