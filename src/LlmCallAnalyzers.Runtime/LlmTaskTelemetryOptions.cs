namespace LlmCallAnalyzers.Runtime;

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
