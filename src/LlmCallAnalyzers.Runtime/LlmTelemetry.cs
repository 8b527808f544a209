using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Runtime;

/// <summary>
/// The <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> of
/// LlmCallAnalyzers.Runtime, both named <see cref="SourceName"/>, and the names of the spans, attributes and metrics
/// they emit (defined once, in <see cref="TelemetryNames"/>, which <c>llmslo confirm</c> reads with). Listen with
/// <c>AddSource("LlmCallAnalyzers")</c> and <c>AddMeter("LlmCallAnalyzers")</c>.
/// </summary>
public static class LlmTelemetry
{
    /// <summary>The name of the activity source: <c>LlmCallAnalyzers</c>.</summary>
    public const string SourceName = TelemetryNames.ActivitySource;

    /// <summary>The name of the meter: <c>LlmCallAnalyzers</c>.</summary>
    public const string MeterName = TelemetryNames.Meter;

    /// <summary>The operation name of a task span (its display name is <c>llm.task {name}</c>).</summary>
    public const string TaskSpanName = TelemetryNames.TaskSpan;

    /// <summary>Span attribute: the task name, <c>Namespace.Type.Method</c>.</summary>
    public const string TaskNameAttribute = TelemetryNames.TaskName;

    /// <summary>Span attribute and histogram: the LLM calls the task made (failed ones included).</summary>
    public const string TaskCallsAttribute = TelemetryNames.TaskCalls;

    /// <summary>Span attribute: the LLM calls of the task that failed (threw, or answered with an HTTP error).</summary>
    public const string TaskFailedCallsAttribute = TelemetryNames.TaskFailedCalls;

    /// <summary>Span attribute: the task's availability SLO, from <c>[TaskSlo]</c> or the embedded estimate.</summary>
    public const string TaskSloAvailabilityAttribute = TelemetryNames.TaskSloAvailability;

    /// <summary>Span attribute: the most calls the static estimate allows (-1 when the estimate is unbounded).</summary>
    public const string TaskEstimateMaxCallsAttribute = TelemetryNames.TaskEstimateMaxCalls;

    /// <summary>Span attribute: the fewest calls the static estimate predicts.</summary>
    public const string TaskEstimateMinCallsAttribute = TelemetryNames.TaskEstimateMinCalls;

    /// <summary>Span attribute: the bound declared with <c>[FanOut]</c>.</summary>
    public const string TaskFanOutMaxAttribute = TelemetryNames.TaskFanOutMax;

    /// <summary>Metric attribute and span attribute: <c>success</c>, <c>failure</c> or <c>canceled</c>.</summary>
    public const string TaskOutcomeAttribute = TelemetryNames.TaskOutcome;

    /// <summary>Span attribute (true when the task exceeded its estimate or fan-out), span event and counter name.</summary>
    public const string EstimateExceeded = TelemetryNames.TaskEstimateExceeded;

    /// <summary>Attribute of <see cref="EstimateExceeded"/>: <c>estimate</c> or <c>fan_out</c>.</summary>
    public const string EstimateExceededKindAttribute = TelemetryNames.TaskLimitKind;

    /// <summary>Attribute of <see cref="EstimateExceeded"/>: the limit that was exceeded.</summary>
    public const string EstimateExceededLimitAttribute = TelemetryNames.TaskLimit;

    /// <summary>Histogram: calls per task.</summary>
    public const string TaskCallsMetric = TelemetryNames.TaskCallsMetric;

    /// <summary>Histogram: task duration in seconds.</summary>
    public const string TaskDurationMetric = TelemetryNames.TaskDurationMetric;

    /// <summary>Counter: finished tasks, by <see cref="TaskOutcomeAttribute"/>.</summary>
    public const string TaskOutcomeMetric = TelemetryNames.TaskOutcomeMetric;

    /// <summary>The outcome of a task whose body completed.</summary>
    public const string OutcomeSuccess = TelemetryNames.OutcomeSuccess;

    /// <summary>The outcome of a task whose body threw.</summary>
    public const string OutcomeFailure = TelemetryNames.OutcomeFailure;

    /// <summary>The outcome of a task whose body threw an <see cref="OperationCanceledException"/>.</summary>
    public const string OutcomeCanceled = TelemetryNames.OutcomeCanceled;

    /// <summary>OpenTelemetry GenAI: <c>gen_ai.operation.name</c>.</summary>
    public const string GenAiOperationName = TelemetryNames.GenAiOperationName;

    /// <summary>OpenTelemetry GenAI: <c>gen_ai.request.model</c>.</summary>
    public const string GenAiRequestModel = TelemetryNames.GenAiRequestModel;

    /// <summary>OpenTelemetry GenAI: <c>gen_ai.response.model</c>.</summary>
    public const string GenAiResponseModel = TelemetryNames.GenAiResponseModel;

    /// <summary>OpenTelemetry GenAI: <c>gen_ai.provider.name</c>.</summary>
    public const string GenAiProviderName = TelemetryNames.GenAiProviderName;

    /// <summary>OpenTelemetry GenAI: <c>gen_ai.usage.input_tokens</c>.</summary>
    public const string GenAiUsageInputTokens = TelemetryNames.GenAiUsageInputTokens;

    /// <summary>OpenTelemetry GenAI: <c>gen_ai.usage.output_tokens</c>.</summary>
    public const string GenAiUsageOutputTokens = TelemetryNames.GenAiUsageOutputTokens;

    /// <summary>OpenTelemetry GenAI (opt-in content): <c>gen_ai.input.messages</c>.</summary>
    public const string GenAiInputMessages = TelemetryNames.GenAiInputMessages;

    /// <summary>OpenTelemetry GenAI (opt-in content): <c>gen_ai.output.messages</c>.</summary>
    public const string GenAiOutputMessages = TelemetryNames.GenAiOutputMessages;

    /// <summary>OpenTelemetry: <c>error.type</c> (exception type name, or the HTTP status code).</summary>
    public const string ErrorType = TelemetryNames.ErrorType;

    /// <summary>OpenTelemetry: <c>server.address</c>.</summary>
    public const string ServerAddress = TelemetryNames.ServerAddress;

    /// <summary>OpenTelemetry: <c>server.port</c>.</summary>
    public const string ServerPort = TelemetryNames.ServerPort;

    /// <summary>
    /// GenAI span attribute: how long the model had been idle when the call started, in whole milliseconds (0 while
    /// another call to it was running); absent for the first call to a model the process sees.
    /// </summary>
    public const string ModelIdleMsAttribute = TelemetryNames.ModelIdleMs;

    /// <summary>
    /// GenAI span attribute: <c>true</c> when the model had been idle longer than its idle threshold (measured by
    /// <see cref="LlmColdStartDetector"/> or configured), i.e. the call probably paid a cold start; absent otherwise.
    /// </summary>
    public const string ColdStartAttribute = TelemetryNames.ColdStart;

    /// <summary>Span attribute: <c>true</c> on keep-warm traffic (never counted into a task); absent otherwise.</summary>
    public const string SyntheticAttribute = TelemetryNames.Synthetic;

    /// <summary>Counter: calls made after the model idled longer than its idle threshold, by <see cref="GenAiRequestModel"/>.</summary>
    public const string ColdStartCallsMetric = TelemetryNames.ColdStartCallsMetric;

    /// <summary>
    /// Counter: model calls the runtime saw (keep-warm traffic left out), by <see cref="GenAiProviderName"/>,
    /// <see cref="GenAiRequestModel"/> and, on a failed call, <see cref="ErrorType"/>: the per-call availability that
    /// <c>llmslo confirm --prometheus --write-availability</c> measures.
    /// </summary>
    public const string ModelCallsMetric = TelemetryNames.ModelCallsMetric;

    /// <summary>The operation name of a keep-warm span (its display name is <c>llm.keepwarm {model}</c>).</summary>
    public const string KeepWarmSpanName = TelemetryNames.KeepWarmSpan;

    /// <summary>Counter: keep-warm requests sent, by <see cref="GenAiRequestModel"/> and <see cref="KeepWarmOutcomeAttribute"/>.</summary>
    public const string KeepWarmRequestsMetric = TelemetryNames.KeepWarmRequestsMetric;

    /// <summary>Counter: tokens the keep-warm requests used, by <see cref="GenAiRequestModel"/> and <see cref="GenAiTokenType"/>.</summary>
    public const string KeepWarmTokensMetric = TelemetryNames.KeepWarmTokensMetric;

    /// <summary>Attribute of <see cref="KeepWarmRequestsMetric"/> and the keep-warm span: <c>success</c> or <c>failure</c>.</summary>
    public const string KeepWarmOutcomeAttribute = TelemetryNames.KeepWarmOutcome;

    /// <summary>OpenTelemetry GenAI: <c>gen_ai.token.type</c> (<c>input</c> or <c>output</c>).</summary>
    public const string GenAiTokenType = TelemetryNames.GenAiTokenType;

    /// <summary>The activity source named <see cref="SourceName"/>.</summary>
    public static ActivitySource ActivitySource { get; } = new ActivitySource(SourceName, Version);

    /// <summary>The meter named <see cref="MeterName"/>.</summary>
    public static Meter Meter { get; } = new Meter(MeterName, Version);

    internal static readonly Histogram<int> TaskCalls = Meter.CreateHistogram<int>(
        TaskCallsMetric, TelemetryNames.UnitCall, "LLM calls made by one task",
        tags: null,
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = HistogramBuckets.TaskCalls });

    internal static readonly Histogram<double> TaskDuration = Meter.CreateHistogram<double>(
        TaskDurationMetric, TelemetryNames.UnitSecond, "Duration of one task",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = HistogramBuckets.TaskDurationSeconds });

    internal static readonly Counter<long> TaskOutcome = Meter.CreateCounter<long>(
        TaskOutcomeMetric, TelemetryNames.UnitTask, "Finished tasks by outcome");

    internal static readonly Counter<long> EstimateExceededCounter = Meter.CreateCounter<long>(
        TelemetryNames.TaskEstimateExceededMetric, TelemetryNames.UnitTask, "Tasks whose observed LLM calls exceeded the static estimate or the declared [FanOut]");

    internal static readonly Counter<long> ColdStartCalls = Meter.CreateCounter<long>(
        ColdStartCallsMetric, TelemetryNames.UnitCall, "LLM calls made after the model idled longer than its idle threshold");

    internal static readonly Counter<long> ModelCalls = Meter.CreateCounter<long>(
        ModelCallsMetric, TelemetryNames.UnitCall, "LLM calls made (keep-warm traffic left out), failed ones with " + TelemetryNames.ErrorType);

    internal static readonly Counter<long> KeepWarmRequests = Meter.CreateCounter<long>(
        KeepWarmRequestsMetric, TelemetryNames.UnitRequest, "Keep-warm requests sent (synthetic traffic, never counted into a task)");

    internal static readonly Counter<long> KeepWarmTokens = Meter.CreateCounter<long>(
        KeepWarmTokensMetric, TelemetryNames.UnitToken, "Tokens used by keep-warm requests");

    private static string? Version
    {
        get
        {
            try
            {
                return typeof(LlmTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            }
            catch (Exception)
            {
                return null;
            }
        }
    }

    internal static KeyValuePair<string, object?> Tag(string key, object? value) => new KeyValuePair<string, object?>(key, value);
}
