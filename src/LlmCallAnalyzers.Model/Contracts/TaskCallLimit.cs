namespace LlmCallAnalyzers.Model.Contracts;

/// <summary>
/// When a task exceeds what the build allows: more calls in one invocation than the smaller of its bounded static
/// estimate and its declared <c>[FanOut]</c>. The runtime flags such an invocation as it happens
/// (<c>llm.task.estimate_exceeded</c>); <c>llmslo confirm</c> counts them in the telemetry.
/// </summary>
public static class TaskCallLimit
{
    /// <summary>The limit; null when neither bounds the task.</summary>
    /// <param name="estimateMaxCalls">The estimate's most calls; null or negative when unbounded or unknown.</param>
    /// <param name="declaredFanOut">The declared <c>[FanOut]</c>; null or negative when none.</param>
    public static long? Of(long? estimateMaxCalls, long? declaredFanOut)
    {
        long? limit = estimateMaxCalls is long max && max >= 0 ? max : null;
        if (declaredFanOut is long fanOut && fanOut >= 0 && (limit is null || fanOut < limit))
        {
            limit = fanOut;
        }

        return limit;
    }

    /// <summary>True when the declared <c>[FanOut]</c>, not the estimate, sets the limit.</summary>
    public static bool IsSetByFanOut(long? estimateMaxCalls, long? declaredFanOut)
        => declaredFanOut is long fanOut && fanOut >= 0 && Of(estimateMaxCalls, declaredFanOut) == fanOut
            && !(estimateMaxCalls is long max && max >= 0 && max <= fanOut);

    /// <summary>True when an invocation that made <paramref name="calls"/> calls exceeded the limit.</summary>
    public static bool IsExceeded(long calls, long? estimateMaxCalls, long? declaredFanOut)
        => Of(estimateMaxCalls, declaredFanOut) is long limit && calls > limit;
}
