namespace LlmCallAnalyzers.Model.Contracts;

/// <summary>
/// Every name and value LlmCallAnalyzers puts into OpenTelemetry — the activity source and meter, the task and keep-warm
/// spans, their attributes, the metrics — and the OpenTelemetry (GenAI semantic conventions) names it writes and reads.
/// The one definition: LlmCallAnalyzers.Runtime writes with these names and <c>llmslo confirm</c> reads with them.
/// </summary>
/// <remarks>
/// A metric exported to Prometheus keeps its name with dots replaced by underscores (<c>llm.task.calls</c> →
/// <c>llm_task_calls</c>); attributes become labels the same way.
/// </remarks>
public static class TelemetryNames
{
    /// <summary>The activity source of the runtime.</summary>
    public const string ActivitySource = "LlmCallAnalyzers";

    /// <summary>The meter of the runtime.</summary>
    public const string Meter = "LlmCallAnalyzers";

    /// <summary>The operation name of a task span (its display name is <c>llm.task {name}</c>).</summary>
    public const string TaskSpan = "llm.task";

    /// <summary>The operation name of a keep-warm span (its display name is <c>llm.keepwarm {model}</c>).</summary>
    public const string KeepWarmSpan = "llm.keepwarm";

    /// <summary>Task span attribute: the task name, <c>Namespace.Type.Method</c>.</summary>
    public const string TaskName = "llm.task.name";

    /// <summary>Task span attribute: the LLM calls the task made (failed ones included).</summary>
    public const string TaskCalls = "llm.task.calls";

    /// <summary>Task span attribute: the LLM calls of the task that failed.</summary>
    public const string TaskFailedCalls = "llm.task.failed_calls";

    /// <summary>Task span attribute: the task's availability SLO.</summary>
    public const string TaskSloAvailability = "llm.task.slo.availability";

    /// <summary>Task span attribute: the most calls the static estimate allows (-1 when unbounded).</summary>
    public const string TaskEstimateMaxCalls = "llm.task.estimate.max_calls";

    /// <summary>Task span attribute: the fewest calls the static estimate predicts.</summary>
    public const string TaskEstimateMinCalls = "llm.task.estimate.min_calls";

    /// <summary>Task span attribute: the bound declared with <c>[FanOut]</c>.</summary>
    public const string TaskFanOutMax = "llm.task.fan_out.max";

    /// <summary>Task span and metric attribute: one of <see cref="OutcomeSuccess"/>, <see cref="OutcomeFailure"/>, <see cref="OutcomeCanceled"/>.</summary>
    public const string TaskOutcome = "llm.task.outcome";

    /// <summary>Task span attribute (true when the task exceeded its estimate or fan-out), span event and counter.</summary>
    public const string TaskEstimateExceeded = "llm.task.estimate_exceeded";

    /// <summary>Attribute of <see cref="TaskEstimateExceeded"/>: <see cref="LimitKindEstimate"/> or <see cref="LimitKindFanOut"/>.</summary>
    public const string TaskLimitKind = "llm.task.limit.kind";

    /// <summary>Attribute of <see cref="TaskEstimateExceeded"/>: the limit that was exceeded.</summary>
    public const string TaskLimit = "llm.task.limit";

    /// <summary>Histogram: calls per task.</summary>
    public const string TaskCallsMetric = "llm.task.calls";

    /// <summary>Histogram: task duration in seconds.</summary>
    public const string TaskDurationMetric = "llm.task.duration";

    /// <summary>Counter: finished tasks, by <see cref="TaskOutcome"/>.</summary>
    public const string TaskOutcomeMetric = "llm.task.outcome";

    /// <summary>Counter: tasks whose calls exceeded the static estimate or the declared <c>[FanOut]</c>.</summary>
    public const string TaskEstimateExceededMetric = "llm.task.estimate_exceeded";

    /// <summary>The outcome of a task whose body completed.</summary>
    public const string OutcomeSuccess = "success";

    /// <summary>The outcome of a task whose body threw.</summary>
    public const string OutcomeFailure = "failure";

    /// <summary>The outcome of a task whose body threw an <c>OperationCanceledException</c>.</summary>
    public const string OutcomeCanceled = "canceled";

    /// <summary>The British spelling some exporters use for <see cref="OutcomeCanceled"/>; read, never written.</summary>
    public const string OutcomeCancelledAlternative = "cancelled";

    /// <summary>The value of <see cref="TaskLimitKind"/> when the static estimate was exceeded.</summary>
    public const string LimitKindEstimate = "estimate";

    /// <summary>The value of <see cref="TaskLimitKind"/> when the declared <c>[FanOut]</c> was exceeded.</summary>
    public const string LimitKindFanOut = "fan_out";

    /// <summary>Model call span attribute: how long the model had been idle when the call started, in whole milliseconds.</summary>
    public const string ModelIdleMs = "llm.model.idle_ms";

    /// <summary>Model call span attribute: <c>true</c> when the call probably paid a cold start.</summary>
    public const string ColdStart = "llm.cold_start";

    /// <summary>Span attribute: <c>true</c> on keep-warm traffic (never counted into a task).</summary>
    public const string Synthetic = "llm.synthetic";

    /// <summary>Counter: calls made after the model idled longer than its idle threshold.</summary>
    public const string ColdStartCallsMetric = "llm.cold_start.calls";

    /// <summary>
    /// Counter: model calls (keep-warm traffic left out), by <see cref="GenAiProviderName"/>, <see cref="GenAiRequestModel"/>
    /// and, on a failed call, <see cref="ErrorType"/>: the per-call availability <c>llmslo confirm --prometheus</c> measures.
    /// </summary>
    public const string ModelCallsMetric = "llm.model.calls";

    /// <summary>Counter: keep-warm requests sent.</summary>
    public const string KeepWarmRequestsMetric = "llm.keepwarm.requests";

    /// <summary>Counter: tokens the keep-warm requests used.</summary>
    public const string KeepWarmTokensMetric = "llm.keepwarm.tokens";

    /// <summary>Unit (UCUM) of the call histogram and counters: <c>{call}</c> (a Prometheus exporter drops it from the name).</summary>
    public const string UnitCall = "{call}";

    /// <summary>Unit of the task counters: <c>{task}</c>.</summary>
    public const string UnitTask = "{task}";

    /// <summary>Unit of the keep-warm request counter: <c>{request}</c>.</summary>
    public const string UnitRequest = "{request}";

    /// <summary>Unit of the keep-warm token counter: <c>{token}</c>.</summary>
    public const string UnitToken = "{token}";

    /// <summary>Unit of the duration histogram: seconds (a Prometheus exporter appends <c>_seconds</c> to the name).</summary>
    public const string UnitSecond = "s";

    /// <summary>Keep-warm span and metric attribute: <see cref="OutcomeSuccess"/> or <see cref="OutcomeFailure"/>.</summary>
    public const string KeepWarmOutcome = "llm.keepwarm.outcome";

    /// <summary>OpenTelemetry GenAI: the operation (<see cref="OperationChat"/>, <see cref="OperationTextCompletion"/> …).</summary>
    public const string GenAiOperationName = "gen_ai.operation.name";

    /// <summary>OpenTelemetry GenAI: the requested model.</summary>
    public const string GenAiRequestModel = "gen_ai.request.model";

    /// <summary>OpenTelemetry GenAI: the model that answered.</summary>
    public const string GenAiResponseModel = "gen_ai.response.model";

    /// <summary>OpenTelemetry GenAI: the provider (values in <see cref="GenAiProviderNames"/>).</summary>
    public const string GenAiProviderName = "gen_ai.provider.name";

    /// <summary>OpenTelemetry GenAI before semantic conventions 1.37: the provider; read, never written.</summary>
    public const string GenAiSystem = "gen_ai.system";

    /// <summary>OpenTelemetry GenAI: input tokens.</summary>
    public const string GenAiUsageInputTokens = "gen_ai.usage.input_tokens";

    /// <summary>OpenTelemetry GenAI: output tokens.</summary>
    public const string GenAiUsageOutputTokens = "gen_ai.usage.output_tokens";

    /// <summary>OpenTelemetry GenAI (opt-in content): the input messages.</summary>
    public const string GenAiInputMessages = "gen_ai.input.messages";

    /// <summary>OpenTelemetry GenAI (opt-in content): the output messages.</summary>
    public const string GenAiOutputMessages = "gen_ai.output.messages";

    /// <summary>OpenTelemetry GenAI: the token type of a token metric (<see cref="TokenTypeInput"/> or <see cref="TokenTypeOutput"/>).</summary>
    public const string GenAiTokenType = "gen_ai.token.type";

    /// <summary>OpenTelemetry: the error type (exception type name, or the HTTP status code).</summary>
    public const string ErrorType = "error.type";

    /// <summary>OpenTelemetry: the server address.</summary>
    public const string ServerAddress = "server.address";

    /// <summary>OpenTelemetry: the server port.</summary>
    public const string ServerPort = "server.port";

    /// <summary>GenAI operation: a chat completion — a model call.</summary>
    public const string OperationChat = "chat";

    /// <summary>GenAI operation: a text completion — a model call.</summary>
    public const string OperationTextCompletion = "text_completion";

    /// <summary>GenAI operation: Gemini's generate content — a model call.</summary>
    public const string OperationGenerateContent = "generate_content";

    /// <summary>GenAI operation: a tool execution — not a model call.</summary>
    public const string OperationExecuteTool = "execute_tool";

    /// <summary>GenAI operation: an agent invocation — not a model call.</summary>
    public const string OperationInvokeAgent = "invoke_agent";

    /// <summary>GenAI operation: an agent's creation — not a model call.</summary>
    public const string OperationCreateAgent = "create_agent";

    /// <summary><see cref="GenAiTokenType"/> of input tokens.</summary>
    public const string TokenTypeInput = "input";

    /// <summary><see cref="GenAiTokenType"/> of output tokens.</summary>
    public const string TokenTypeOutput = "output";

    /// <summary>True when a span with this <see cref="GenAiOperationName"/> is not a model call (tools and agents).</summary>
    public static bool IsNotAModelCall(string operation)
        => operation == OperationExecuteTool || operation == OperationInvokeAgent || operation == OperationCreateAgent;

    /// <summary>True when a span with this <see cref="GenAiOperationName"/> asks a model for text (not embeddings or tools).</summary>
    public static bool IsGenerativeModelCall(string? operation)
        => operation == OperationChat || operation == OperationTextCompletion || operation == OperationGenerateContent;
}
