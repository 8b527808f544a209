namespace LlmCallAnalyzers.Analyzers;

/// <summary>
/// The keys of the properties a diagnostic carries for its code fix: the analyzer's figures, so that a fix acts on what
/// the analyzer computed instead of computing it again. Written by the analyzer, read by LlmCallAnalyzers.CodeFixes.
/// Values are invariant-culture numbers.
/// </summary>
public static class DiagnosticPropertyKeys
{
    /// <summary>LLM003: the task's most essential logical calls (the hedging fix shares the latency budget among them).</summary>
    public const string EssentialCalls = "essentialCalls";

    /// <summary>LLM002: the LLM calls one iteration (or recursion level) of the unbounded source makes.</summary>
    public const string CallsPerIteration = "callsPerIteration";

    /// <summary>LLM002: the method's calls with the unbounded source stopped after <see cref="AssumedIterations"/>.</summary>
    public const string SuggestedFanOut = "suggestedFanOut";

    /// <summary>LLM002: the iterations (levels) <see cref="SuggestedFanOut"/> assumes.</summary>
    public const string AssumedIterations = "assumedIterations";

    /// <summary>LLM006: the step's composed availability, which the fix declares as its <c>[TaskSlo]</c> (rounded down).</summary>
    public const string Availability = "availability";
}
