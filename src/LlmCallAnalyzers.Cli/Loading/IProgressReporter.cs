namespace LlmCallAnalyzers.Cli.Loading;

/// <summary>Receives progress messages (loading, restoring, analyzing project 3 of 12).</summary>
public interface IProgressReporter
{
    /// <summary>Reports what is happening now.</summary>
    void Report(string message);
}
