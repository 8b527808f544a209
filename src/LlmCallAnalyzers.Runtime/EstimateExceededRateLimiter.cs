using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace LlmCallAnalyzers.Runtime;

/// <summary>Raises the <c>llm.task.estimate_exceeded</c> span event and .NET event at most once per interval per task name and kind.</summary>
internal static class EstimateExceededRateLimiter
{
    private static readonly ConcurrentDictionary<(string Name, LlmTaskLimitKind Kind), Slot> s_slots =
        new ConcurrentDictionary<(string Name, LlmTaskLimitKind Kind), Slot>();

    private static long s_intervalTicks = TimeSpan.FromMinutes(1).Ticks;

    private static EventHandler<LlmTaskEstimateExceededEventArgs>? s_handlers;

    internal static TimeSpan Interval
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref s_intervalTicks));
        set => Volatile.Write(ref s_intervalTicks, value.Ticks);
    }

    internal static void Reset() => s_slots.Clear();

    internal static void AddHandler(EventHandler<LlmTaskEstimateExceededEventArgs>? handler)
    {
        EventHandler<LlmTaskEstimateExceededEventArgs>? current, updated;
        do
        {
            current = Volatile.Read(ref s_handlers);
            updated = (EventHandler<LlmTaskEstimateExceededEventArgs>?)Delegate.Combine(current, handler);
        }
        while (Interlocked.CompareExchange(ref s_handlers, updated, current) != current);
    }

    internal static void RemoveHandler(EventHandler<LlmTaskEstimateExceededEventArgs>? handler)
    {
        EventHandler<LlmTaskEstimateExceededEventArgs>? current, updated;
        do
        {
            current = Volatile.Read(ref s_handlers);
            updated = (EventHandler<LlmTaskEstimateExceededEventArgs>?)Delegate.Remove(current, handler);
        }
        while (Interlocked.CompareExchange(ref s_handlers, updated, current) != current);
    }

    internal static void Report(LlmTaskScope scope, LlmTaskLimitKind kind, string kindName, int limit, int observed)
    {
        Slot slot = s_slots.GetOrAdd((scope.Name, kind), _ => new Slot());
        long now = Stopwatch.GetTimestamp();
        long intervalStopwatchTicks = (long)(Interval.Ticks * ((double)Stopwatch.Frequency / TimeSpan.TicksPerSecond));
        long last = Volatile.Read(ref slot.LastReport);
        if (last != 0 && now - last < intervalStopwatchTicks)
        {
            Interlocked.Increment(ref slot.Suppressed);
            return;
        }

        if (Interlocked.CompareExchange(ref slot.LastReport, now, last) != last)
        {
            Interlocked.Increment(ref slot.Suppressed);
            return;
        }

        long suppressed = Interlocked.Exchange(ref slot.Suppressed, 0);
        Activity? activity = scope.Activity;
        if (activity is not null && activity.IsAllDataRequested)
        {
            var tags = new ActivityTagsCollection
            {
                { LlmTelemetry.TaskNameAttribute, scope.Name },
                { LlmTelemetry.EstimateExceededKindAttribute, kindName },
                { LlmTelemetry.EstimateExceededLimitAttribute, limit },
                { LlmTelemetry.TaskCallsAttribute, observed },
            };
            activity.AddEvent(new ActivityEvent(LlmTelemetry.EstimateExceeded, tags: tags));
        }

        EventHandler<LlmTaskEstimateExceededEventArgs>? handlers = Volatile.Read(ref s_handlers);
        if (handlers is null)
        {
            return;
        }

        var args = new LlmTaskEstimateExceededEventArgs(scope.Name, kind, limit, observed, suppressed);
        foreach (Delegate handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<LlmTaskEstimateExceededEventArgs>)handler)(null, args);
            }
            catch (Exception ex)
            {
                Debug.WriteLine("LlmCallAnalyzers.Runtime: an EstimateExceeded handler threw: " + ex);
            }
        }
    }

    private sealed class Slot
    {
        public long LastReport;
        public long Suppressed;
    }
}
