namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>What a span is to <c>llmslo confirm</c>.</summary>
public enum SpanKind
{
    /// <summary>Any other span: kept only as a link between a task and the model calls below it.</summary>
    Other,

    /// <summary>A task span: <c>llm.task.name</c> set and no <c>gen_ai.operation.name</c>.</summary>
    Task,

    /// <summary>A model call: <c>gen_ai.operation.name</c> set to anything but <c>execute_tool</c> / <c>invoke_agent</c>.</summary>
    ModelCall,
}
