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

/// <summary>Options of <see cref="LlmTaskTelemetryChatClient"/> (<c>UseLlmTaskTelemetry()</c>).</summary>
public sealed class LlmTaskTelemetryOptions
{
    /// <summary>
    /// Record prompt and response text on the GenAI span (<c>gen_ai.input.messages</c>, <c>gen_ai.output.messages</c>).
    /// Off by default: nothing the user or the model wrote is recorded unless this is true.
    /// </summary>
    public bool RecordContent { get; set; }

    /// <summary>When to create GenAI child spans; <see cref="GenAiSpanMode.Auto"/> by default.</summary>
    public GenAiSpanMode GenAiSpans { get; set; } = GenAiSpanMode.Auto;

    /// <summary>
    /// The cold-start detector fed with every call whose model is known (<see cref="LlmColdStartDetector.Shared"/> by
    /// default); it also tags the GenAI spans with <c>llm.model.idle_ms</c> and <c>llm.cold_start</c>. Null turns
    /// detection off (and lets calls outside any task, with no listener, pass through untouched).
    /// </summary>
    public LlmColdStartDetector? ColdStartDetector { get; set; } = LlmColdStartDetector.Shared;
}
