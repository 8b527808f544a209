namespace LlmCallAnalyzers.Runtime;

/// <summary>When the runtime creates its own GenAI child span for a model call.</summary>
public enum GenAiSpanMode
{
    /// <summary>
    /// Create a <c>chat {model}</c> span unless another instrumentation already makes one for the same call:
    /// Microsoft.Extensions.AI's <c>OpenTelemetryChatClient</c> (<c>UseOpenTelemetry()</c>) further down the pipeline
    /// with a listener on its source, or a GenAI span (one carrying <c>gen_ai.operation.name</c>) that is current
    /// when the call starts and has not yet been matched with another call. The call is counted either way.
    /// </summary>
    Auto,

    /// <summary>Always create the span (GenAI spans may then appear twice when <c>UseOpenTelemetry()</c> is used too).</summary>
    Always,

    /// <summary>Never create the span: only count calls (the task span still carries the counts).</summary>
    Never,
}
