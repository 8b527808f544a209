using System;
using System.Diagnostics;
using System.Threading;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Runtime;

/// <summary>
/// One running user task: counts the LLM calls made while it is <see cref="LlmTask.Current"/> (through awaits,
/// <c>Task.WhenAll</c> and <c>Parallel.ForEachAsync</c>), owns the <c>llm.task {name}</c> span and records the task
/// metrics when disposed. Created by <see cref="LlmTask.Start"/> and <see cref="LlmTask.RunAsync(string, Func{System.Threading.Tasks.Task})"/>.
/// </summary>
/// <remarks>
/// A call made inside a nested task counts for the nested task and for every enclosing task. Counters are updated
/// atomically, so concurrent calls count right. Dispose the scope exactly where the task ends; call
/// <see cref="MarkFailed"/> first when it ended with an error.
/// </remarks>
public sealed class LlmTaskScope : IDisposable
{
    private static readonly AsyncLocal<LlmTaskScope?> s_current = new AsyncLocal<LlmTaskScope?>();

    private readonly LlmTaskScope? _previous;
    private readonly Activity? _previousActivity;
    private readonly long _startTimestamp;
    private readonly int _estimateLimit;
    private readonly int _fanOutLimit;
    private int _calls;
    private int _failedCalls;
    private int _failed;
    private int _disposed;
    private int _exceeded;
    private Exception? _exception;
    private long _endTimestamp;

    internal LlmTaskScope(string name)
    {
        Name = name;
        _previous = s_current.Value;
        Parent = _previous;
        _startTimestamp = Stopwatch.GetTimestamp();

        LlmTaskMetadata metadata;
        try
        {
            metadata = LlmTaskMetadata.Resolve(name);
        }
        catch (Exception)
        {
            metadata = LlmTaskMetadata.Resolve(string.Empty);
        }

        Metadata = metadata;
        _estimateLimit = metadata.EstimatedMaxCalls is int max && max >= 0 ? max : -1;
        _fanOutLimit = metadata.DeclaredFanOut is int fan && fan >= 0 ? fan : -1;

        try
        {
            _previousActivity = System.Diagnostics.Activity.Current;
            Activity? activity = LlmTelemetry.ActivitySource.StartActivity(LlmTelemetry.TaskSpanName, ActivityKind.Internal);
            if (activity is not null)
            {
                activity.DisplayName = LlmTelemetry.TaskSpanName + " " + name;
                if (activity.IsAllDataRequested)
                {
                    activity.SetTag(LlmTelemetry.TaskNameAttribute, name);
                    if (metadata.SloAvailability is double slo)
                    {
                        activity.SetTag(LlmTelemetry.TaskSloAvailabilityAttribute, slo);
                    }

                    if (metadata.EstimatedMaxCalls is int estimatedMax)
                    {
                        activity.SetTag(LlmTelemetry.TaskEstimateMaxCallsAttribute, estimatedMax);
                    }
                    else if (metadata.DeclaredFanOut is int declared)
                    {
                        activity.SetTag(LlmTelemetry.TaskEstimateMaxCallsAttribute, declared);
                    }

                    if (metadata.EstimatedMinCalls is int estimatedMin)
                    {
                        activity.SetTag(LlmTelemetry.TaskEstimateMinCallsAttribute, estimatedMin);
                    }

                    if (metadata.DeclaredFanOut is int fanOut)
                    {
                        activity.SetTag(LlmTelemetry.TaskFanOutMaxAttribute, fanOut);
                    }
                }
            }

            Activity = activity;
        }
        catch (Exception)
        {
            Activity = null;
        }

        s_current.Value = this;
    }

    /// <summary>The task name, <c>Namespace.Type.Method</c>.</summary>
    public string Name { get; }

    /// <summary>The task that was current when this one started, or null.</summary>
    public LlmTaskScope? Parent { get; }

    /// <summary>The LLM calls made so far (failed ones included; a stream counts once).</summary>
    public int CallCount => Volatile.Read(ref _calls);

    /// <summary>The LLM calls that failed so far.</summary>
    public int FailedCallCount => Volatile.Read(ref _failedCalls);

    /// <summary>True once <see cref="MarkFailed"/> was called.</summary>
    public bool IsFailed => Volatile.Read(ref _failed) != 0;

    /// <summary>True once the scope was disposed.</summary>
    public bool IsCompleted => Volatile.Read(ref _disposed) != 0;

    /// <summary>The exception passed to <see cref="MarkFailed"/>, if any.</summary>
    public Exception? Exception => Volatile.Read(ref _exception);

    /// <summary>What the build declares about this task (SLO, fan-out bound, embedded estimate).</summary>
    public LlmTaskMetadata Metadata { get; }

    /// <summary>The task span, when a listener samples <see cref="LlmTelemetry.SourceName"/>; otherwise null.</summary>
    public Activity? Activity { get; }

    /// <summary>True when the calls exceeded <see cref="LlmTaskMetadata.EstimatedMaxCalls"/> or <see cref="LlmTaskMetadata.DeclaredFanOut"/>.</summary>
    public bool ExceededEstimate => Volatile.Read(ref _exceeded) != 0;

    /// <summary>The time since the task started (until it was disposed).</summary>
    public TimeSpan Elapsed
    {
        get
        {
            long end = Volatile.Read(ref _endTimestamp);
            return StopwatchTicksToTimeSpan((end != 0 ? end : Stopwatch.GetTimestamp()) - _startTimestamp);
        }
    }

    internal static LlmTaskScope? CurrentScope => s_current.Value;

    /// <summary>Detaches this flow from any task (reverts when the calling async method returns): keep-warm traffic.</summary>
    internal static void DetachCurrentFlow() => s_current.Value = null;

    /// <summary>Marks the task as failed; its span gets status Error and its outcome is <c>failure</c> (or <c>canceled</c>).</summary>
    /// <param name="exception">The exception that ended the task, if any.</param>
    public void MarkFailed(Exception? exception = null)
    {
        if (exception is not null)
        {
            Interlocked.CompareExchange(ref _exception, exception, null);
        }

        Volatile.Write(ref _failed, 1);
    }

    /// <summary>Ends the task: stops its span, records the metrics and restores the previous <see cref="LlmTask.Current"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        long end = Stopwatch.GetTimestamp();
        Volatile.Write(ref _endTimestamp, end);
        try
        {
            Complete(end);
        }
        catch (Exception ex)
        {
            Debug.WriteLine("LlmCallAnalyzers.Runtime telemetry error: " + ex);
        }
        finally
        {
            if (ReferenceEquals(s_current.Value, this))
            {
                s_current.Value = _previous;
            }
        }
    }

    internal void OnCallStarted()
    {
        for (LlmTaskScope? scope = this; scope is not null; scope = scope.Parent)
        {
            int count = Interlocked.Increment(ref scope._calls);
            if (count == scope._estimateLimit + 1 && scope._estimateLimit >= 0)
            {
                scope.OnLimitExceeded(LlmTaskLimitKind.Estimate, scope._estimateLimit, count);
            }

            if (count == scope._fanOutLimit + 1 && scope._fanOutLimit >= 0)
            {
                scope.OnLimitExceeded(LlmTaskLimitKind.FanOut, scope._fanOutLimit, count);
            }
        }
    }

    internal void OnCallFailed()
    {
        for (LlmTaskScope? scope = this; scope is not null; scope = scope.Parent)
        {
            Interlocked.Increment(ref scope._failedCalls);
        }
    }

    internal string Outcome
    {
        get
        {
            if (!IsFailed)
            {
                return LlmTelemetry.OutcomeSuccess;
            }

            return Exception is OperationCanceledException ? LlmTelemetry.OutcomeCanceled : LlmTelemetry.OutcomeFailure;
        }
    }

    private void OnLimitExceeded(LlmTaskLimitKind kind, int limit, int observed)
    {
        try
        {
            Interlocked.Exchange(ref _exceeded, 1);
            string kindName = kind == LlmTaskLimitKind.Estimate ? TelemetryNames.LimitKindEstimate : TelemetryNames.LimitKindFanOut;
            LlmTelemetry.EstimateExceededCounter.Add(
                1,
                LlmTelemetry.Tag(LlmTelemetry.TaskNameAttribute, Name),
                LlmTelemetry.Tag(LlmTelemetry.EstimateExceededKindAttribute, kindName));
            EstimateExceededRateLimiter.Report(this, kind, kindName, limit, observed);
        }
        catch (Exception ex)
        {
            Debug.WriteLine("LlmCallAnalyzers.Runtime telemetry error: " + ex);
        }
    }

    private void Complete(long end)
    {
        int calls = CallCount;
        int failedCalls = FailedCallCount;
        string outcome = Outcome;
        Exception? exception = Exception;
        Activity? activity = Activity;
        if (activity is not null)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(LlmTelemetry.TaskCallsAttribute, calls);
                activity.SetTag(LlmTelemetry.TaskFailedCallsAttribute, failedCalls);
                activity.SetTag(LlmTelemetry.TaskOutcomeAttribute, outcome);
                if (ExceededEstimate)
                {
                    activity.SetTag(LlmTelemetry.EstimateExceeded, true);
                }
            }

            if (IsFailed)
            {
                string errorType = exception?.GetType().FullName ?? "_OTHER";
                activity.SetTag(LlmTelemetry.ErrorType, errorType);
                activity.SetStatus(ActivityStatusCode.Error, errorType);
            }

            activity.Stop();
            if (ReferenceEquals(System.Diagnostics.Activity.Current, activity))
            {
                System.Diagnostics.Activity.Current = _previousActivity;
            }
        }

        var tags = new TagList
        {
            { LlmTelemetry.TaskNameAttribute, Name },
            { LlmTelemetry.TaskOutcomeAttribute, outcome },
        };
        LlmTelemetry.TaskCalls.Record(calls, tags);
        LlmTelemetry.TaskDuration.Record(StopwatchTicksToTimeSpan(end - _startTimestamp).TotalSeconds, tags);
        LlmTelemetry.TaskOutcome.Add(1, tags);
    }

    private static TimeSpan StopwatchTicksToTimeSpan(long ticks) =>
        TimeSpan.FromTicks((long)(ticks * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
}
