namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>How a task ended.</summary>
public enum TaskOutcome
{
    /// <summary>The task completed.</summary>
    Success,

    /// <summary>The task failed (<c>llm.task.outcome = failure</c>, or an error status).</summary>
    Failure,

    /// <summary>The task was canceled: left out of the success rate.</summary>
    Canceled,
}
