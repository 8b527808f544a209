namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>How many model requests one call can hide, per library (see docs/recognized-calls.md for sources).</summary>
internal static class HiddenFanOut
{
    /// <summary>Microsoft.Extensions.AI <c>FunctionInvokingChatClient.MaximumIterationsPerRequest</c> default (10.x).</summary>
    public const int FunctionInvocationDefaultIterations = 40;

    /// <summary>Semantic Kernel's cap on automatic function-invocation rounds (FunctionCallsProcessor.MaximumAutoInvokeAttempts); with the first request, 129 model calls.</summary>
    public const int SemanticKernelAutoInvokeRounds = 128;

    /// <summary>
    /// Model requests one function-invoking request makes at most, for a given iteration cap: N + 1.
    /// FunctionInvokingChatClient's loop calls the inner client before it checks <c>iteration &lt; MaximumIterationsPerRequest</c>,
    /// so the call at iteration N still happens (its tool calls are returned rather than run). Measured on 10.11:
    /// caps 40 / 3 / 1 gave 41 / 4 / 2 inner calls.
    /// </summary>
    public static int FunctionInvocationMaxCalls(int maximumIterationsPerRequest) => maximumIterationsPerRequest < 1 ? 2 : maximumIterationsPerRequest + 1;
}
