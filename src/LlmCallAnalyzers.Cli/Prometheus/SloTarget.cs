namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>
/// What the alert rules watch for one task: its <c>[TaskSlo]</c> availability and the most calls its static estimate
/// (or <c>[FanOut]</c>) allows, from a built assembly's <c>[assembly: LlmTaskEstimate]</c> or from analyzing a project.
/// </summary>
public sealed class SloTarget
{
    /// <summary>The task name, <c>Namespace.Type.Method</c> (the <c>llm_task_name</c> label).</summary>
    public required string Task { get; init; }

    /// <summary>The availability SLO (0..1), or null without <c>[TaskSlo]</c>.</summary>
    public double? Availability { get; init; }

    /// <summary>The most calls an invocation may make (the smaller of the bounded estimate and <c>[FanOut]</c>), or null.</summary>
    public long? CallLimit { get; init; }
}
