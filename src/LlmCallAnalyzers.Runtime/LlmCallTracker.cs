using System;
using System.Diagnostics;
using System.Threading;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Runtime;

/// <summary>Counting and GenAI spans shared by the chat-client middleware and the HTTP handler.</summary>
internal static class LlmCallTracker
{
    /// <summary>Custom property set on a foreign GenAI span once a call was matched with it (invisible to exporters).</summary>
    private const string ClaimedProperty = "LlmCallAnalyzers.Runtime.Claimed";

    private static readonly object s_marker = new object();

    /// <summary>Non-null while a counted call runs on this flow: inner middleware and transports do not count it again.</summary>
    private static readonly AsyncLocal<object?> s_inCall = new AsyncLocal<object?>();

    /// <summary>Non-null on a keep-warm request's flow: its calls are synthetic (tagged, never counted into a task).</summary>
    private static readonly AsyncLocal<object?> s_synthetic = new AsyncLocal<object?>();

    /// <summary>Set once keep-warm traffic was ever marked: until then no call needs to read <see cref="s_synthetic"/>.</summary>
    private static volatile bool s_syntheticSeen;

    /// <summary>True on a keep-warm request's flow.</summary>
    internal static bool IsSynthetic => s_syntheticSeen && s_synthetic.Value is not null;

    /// <summary>Marks this flow as keep-warm traffic (reverts when the calling async method returns).</summary>
    internal static void EnterSynthetic()
    {
        s_syntheticSeen = true;
        s_synthetic.Value = s_marker;
    }

    internal static bool InCountedCall => s_inCall.Value is not null;

    /// <summary>
    /// Marks this flow as inside a counted call (reverts when the calling async method returns), when
    /// <see cref="CountingLayers.GuardNeeded"/>.
    /// </summary>
    internal static void MarkCall() => s_inCall.Value = s_marker;

    /// <summary>
    /// Counts a call against the current task, measures the model's idle gap (when <paramref name="detector"/> is set
    /// and the model is known) and starts its GenAI span (unless suppressed). Never throws.
    /// </summary>
    internal static CallState Begin(GenAiCallSpan span, GenAiSpanMode mode, ActivitySource? innerInstrumentation, LlmColdStartDetector? detector)
        => Begin(LlmTaskScope.CurrentScope, span, mode, innerInstrumentation, detector);

    /// <summary>As above, for a caller that has read <see cref="LlmTaskScope.CurrentScope"/> already (one AsyncLocal read per call).</summary>
    internal static CallState Begin(
        LlmTaskScope? currentScope, GenAiCallSpan span, GenAiSpanMode mode, ActivitySource? innerInstrumentation, LlmColdStartDetector? detector)
    {
        string? model = span.Model;
        bool synthetic = IsSynthetic;
        LlmTaskScope? scope = synthetic ? null : currentScope;
        Activity? activity = null;
        LlmColdStartDetector.Call coldStart = default;
        DateTime? startTime = null;
        try
        {
            scope?.OnCallStarted();
            if (detector is not null && model is not null && detector.IsActive)
            {
                // One reading of the clock serves the detector and the span.
                startTime = detector.UsesWallClock ? DateTime.UtcNow : null;
                coldStart = detector.OnCallStarted(model, synthetic, startTime);
                if (coldStart.IsColdStart)
                {
                    LlmTelemetry.ColdStartCalls.Add(1, LlmTelemetry.Tag(LlmTelemetry.GenAiRequestModel, model));
                }
            }

            if (ShouldCreateSpan(mode, innerInstrumentation))
            {
                // The span's constant tags go in with it (one copy, no lock per tag); the rest are this call's.
                activity = LlmTelemetry.ActivitySource.StartActivity(
                    span.Operation, ActivityKind.Client, parentContext: default, span.Tags, links: null,
                    startTime is DateTime start ? new DateTimeOffset(start) : default);
                if (activity is not null)
                {
                    activity.DisplayName = span.DisplayName;
                    if (activity.IsAllDataRequested)
                    {
                        if (scope is not null)
                        {
                            activity.AddTag(LlmTelemetry.TaskNameAttribute, scope.Name);
                        }

                        // Idle gaps under a second say nothing about unloading (keep-warm thresholds are minutes): a
                        // busy model's spans stay one tag lighter.
                        if (coldStart.IdleGapMs is double gap && (gap >= IdleTagMinimumMs || coldStart.IsColdStart))
                        {
                            activity.AddTag(LlmTelemetry.ModelIdleMsAttribute, (long)Math.Round(gap));
                            if (coldStart.IsColdStart)
                            {
                                activity.AddTag(LlmTelemetry.ColdStartAttribute, true);
                            }
                        }

                        if (synthetic)
                        {
                            activity.AddTag(LlmTelemetry.SyntheticAttribute, true);
                        }
                    }
                }
            }
        }
        catch (Exception ex)
        {
            Debug.WriteLine("LlmCallAnalyzers.Runtime telemetry error: " + ex);
        }

        return new CallState(scope, activity, detector, coldStart, synthetic ? null : span);
    }

    /// <summary>Ends a call: counts a failure when <paramref name="errorType"/> is set, and stops the span. Never throws.</summary>
    internal static void End(in CallState state, string? errorType)
    {
        try
        {
            if (errorType is not null)
            {
                state.Scope?.OnCallFailed();
            }

            // One reading of the clock ends the span and the detector's call.
            LlmColdStartDetector? detector = state.Detector;
            DateTime? endTime = detector is { UsesWallClock: true } ? DateTime.UtcNow : null;
            detector?.OnCallEnded(state.ColdStart, succeeded: errorType is null, endTime);

            if (state.Span is GenAiCallSpan span && LlmTelemetry.ModelCalls.Enabled)
            {
                var tags = new TagList(span.MetricTags);
                if (errorType is not null)
                {
                    tags.Add(LlmTelemetry.ErrorType, errorType);
                }

                LlmTelemetry.ModelCalls.Add(1, tags);
            }

            Activity? activity = state.Activity;
            if (activity is not null)
            {
                if (errorType is not null)
                {
                    activity.SetTag(LlmTelemetry.ErrorType, errorType);
                    activity.SetStatus(ActivityStatusCode.Error, errorType);
                }

                if (endTime is DateTime end && end >= activity.StartTimeUtc)
                {
                    activity.SetEndTime(end);
                }

                // Stop makes the parent current again when the span is current (the only case to undo).
                activity.Stop();
            }
        }
        catch (Exception ex)
        {
            Debug.WriteLine("LlmCallAnalyzers.Runtime telemetry error: " + ex);
        }
    }

    internal static string ErrorTypeOf(Exception exception) => exception.GetType().FullName ?? "_OTHER";

    /// <summary>The shortest idle gap tagged <c>llm.model.idle_ms</c> on a span (a cold start is tagged whatever its gap).</summary>
    internal const double IdleTagMinimumMs = 1000;

    private static bool ShouldCreateSpan(GenAiSpanMode mode, ActivitySource? innerInstrumentation)
    {
        if (mode == GenAiSpanMode.Never)
        {
            return false;
        }

        if (mode == GenAiSpanMode.Always)
        {
            return true;
        }

        if (!LlmTelemetry.ActivitySource.HasListeners())
        {
            return false;
        }

        // An OpenTelemetryChatClient below this middleware makes the GenAI span for this very call.
        if (innerInstrumentation is not null && innerInstrumentation.HasListeners())
        {
            return false;
        }

        // A GenAI call span made above (UseOpenTelemetry() outside this middleware, or an SDK's own instrumentation)
        // covers this call, unless an earlier call already matched it (e.g. function invocation between the two).
        Activity? current = Activity.Current;
        if (current is not null
            && !ReferenceEquals(current.Source, LlmTelemetry.ActivitySource)
            && current.GetTagItem(LlmTelemetry.GenAiOperationName) is string op
            && IsModelCallOperation(op)
            && current.GetCustomProperty(ClaimedProperty) is null)
        {
            current.SetCustomProperty(ClaimedProperty, s_marker);
            return false;
        }

        return true;
    }

    private static bool IsModelCallOperation(string operation) => TelemetryNames.IsGenerativeModelCall(operation);

    internal readonly struct CallState
    {
        public CallState(LlmTaskScope? scope, Activity? activity, LlmColdStartDetector? detector, LlmColdStartDetector.Call coldStart, GenAiCallSpan? span)
        {
            Scope = scope;
            Span = span;
            Activity = activity;
            Detector = coldStart.State is null ? null : detector;
            ColdStart = coldStart;
        }

        public LlmTaskScope? Scope { get; }

        /// <summary>The call's span description (provider, model) for the <c>llm.model.calls</c> counter; null for keep-warm traffic.</summary>
        public GenAiCallSpan? Span { get; }

        public Activity? Activity { get; }

        public LlmColdStartDetector? Detector { get; }

        public LlmColdStartDetector.Call ColdStart { get; }
    }
}
