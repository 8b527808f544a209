using System.Collections.Generic;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>
/// The runtime's metrics and labels as Prometheus sees them: the one place where <c>confirm --prometheus</c>, the
/// generated rules and the docs get their series names. Each is the <see cref="PrometheusNaming"/> translation of a
/// name and unit of <see cref="TelemetryNames"/>, with which the runtime creates its instruments
/// (<c>LlmCallAnalyzers.Runtime.LlmTelemetry</c>); a test checks this table against the runtime's meter.
/// </summary>
public static class RuntimeMetrics
{
    /// <summary><c>llm.task.calls</c> (histogram, <c>{call}</c>) → <c>llm_task_calls_bucket</c> / <c>_sum</c> / <c>_count</c>.</summary>
    public static readonly RuntimeMetric TaskCalls = new(TelemetryNames.TaskCallsMetric, TelemetryNames.UnitCall, InstrumentKind.Histogram);

    /// <summary><c>llm.task.duration</c> (histogram, <c>s</c>) → <c>llm_task_duration_seconds_bucket</c> / <c>_sum</c> / <c>_count</c>.</summary>
    public static readonly RuntimeMetric TaskDuration = new(TelemetryNames.TaskDurationMetric, TelemetryNames.UnitSecond, InstrumentKind.Histogram);

    /// <summary><c>llm.task.outcome</c> (counter, <c>{task}</c>) → <c>llm_task_outcome_total</c>.</summary>
    public static readonly RuntimeMetric TaskOutcome = new(TelemetryNames.TaskOutcomeMetric, TelemetryNames.UnitTask, InstrumentKind.Counter);

    /// <summary><c>llm.task.estimate_exceeded</c> (counter, <c>{task}</c>) → <c>llm_task_estimate_exceeded_total</c>.</summary>
    public static readonly RuntimeMetric EstimateExceeded = new(TelemetryNames.TaskEstimateExceededMetric, TelemetryNames.UnitTask, InstrumentKind.Counter);

    /// <summary><c>llm.model.calls</c> (counter, <c>{call}</c>) → <c>llm_model_calls_total</c>.</summary>
    public static readonly RuntimeMetric ModelCalls = new(TelemetryNames.ModelCallsMetric, TelemetryNames.UnitCall, InstrumentKind.Counter);

    /// <summary><c>llm.cold_start.calls</c> (counter, <c>{call}</c>) → <c>llm_cold_start_calls_total</c>.</summary>
    public static readonly RuntimeMetric ColdStartCalls = new(TelemetryNames.ColdStartCallsMetric, TelemetryNames.UnitCall, InstrumentKind.Counter);

    /// <summary><c>llm.keepwarm.requests</c> (counter, <c>{request}</c>) → <c>llm_keepwarm_requests_total</c>.</summary>
    public static readonly RuntimeMetric KeepWarmRequests = new(TelemetryNames.KeepWarmRequestsMetric, TelemetryNames.UnitRequest, InstrumentKind.Counter);

    /// <summary><c>llm.keepwarm.tokens</c> (counter, <c>{token}</c>) → <c>llm_keepwarm_tokens_total</c>.</summary>
    public static readonly RuntimeMetric KeepWarmTokens = new(TelemetryNames.KeepWarmTokensMetric, TelemetryNames.UnitToken, InstrumentKind.Counter);

    /// <summary><c>llm.task.name</c> → <c>llm_task_name</c>.</summary>
    public static readonly string TaskNameLabel = PrometheusNaming.LabelName(TelemetryNames.TaskName);

    /// <summary><c>llm.task.outcome</c> → <c>llm_task_outcome</c> (<c>success</c>, <c>failure</c>, <c>canceled</c>).</summary>
    public static readonly string TaskOutcomeLabel = PrometheusNaming.LabelName(TelemetryNames.TaskOutcome);

    /// <summary><c>llm.task.limit.kind</c> → <c>llm_task_limit_kind</c> (<c>estimate</c>, <c>fan_out</c>).</summary>
    public static readonly string LimitKindLabel = PrometheusNaming.LabelName(TelemetryNames.TaskLimitKind);

    /// <summary><c>gen_ai.request.model</c> → <c>gen_ai_request_model</c>.</summary>
    public static readonly string ModelLabel = PrometheusNaming.LabelName(TelemetryNames.GenAiRequestModel);

    /// <summary><c>gen_ai.provider.name</c> → <c>gen_ai_provider_name</c>.</summary>
    public static readonly string ProviderLabel = PrometheusNaming.LabelName(TelemetryNames.GenAiProviderName);

    /// <summary><c>error.type</c> → <c>error_type</c> (on failed calls only).</summary>
    public static readonly string ErrorTypeLabel = PrometheusNaming.LabelName(TelemetryNames.ErrorType);

    /// <summary><c>llm.keepwarm.outcome</c> → <c>llm_keepwarm_outcome</c>.</summary>
    public static readonly string KeepWarmOutcomeLabel = PrometheusNaming.LabelName(TelemetryNames.KeepWarmOutcome);

    /// <summary><c>gen_ai.token.type</c> → <c>gen_ai_token_type</c> (<c>input</c>, <c>output</c>).</summary>
    public static readonly string TokenTypeLabel = PrometheusNaming.LabelName(TelemetryNames.GenAiTokenType);

    /// <summary>The <c>le</c> label of histogram buckets.</summary>
    public const string BucketLabel = "le";

    /// <summary>The outcome of a task whose body completed (<see cref="TelemetryNames.OutcomeSuccess"/>).</summary>
    public const string Success = TelemetryNames.OutcomeSuccess;

    /// <summary>A task whose body threw (<see cref="TelemetryNames.OutcomeFailure"/>).</summary>
    public const string Failure = TelemetryNames.OutcomeFailure;

    /// <summary>A canceled task, not in the success ratio (<see cref="TelemetryNames.OutcomeCanceled"/>).</summary>
    public const string Canceled = TelemetryNames.OutcomeCanceled;

    /// <summary>Every instrument of the runtime's meter.</summary>
    public static IReadOnlyList<RuntimeMetric> All { get; } = new[]
    {
        TaskCalls, TaskDuration, TaskOutcome, EstimateExceeded, ModelCalls, ColdStartCalls, KeepWarmRequests, KeepWarmTokens,
    };
}
