namespace LlmCallAnalyzers.Analyzers;

/// <summary>
/// The keys of the properties a diagnostic carries for its code fix: the analyzer's figures, so that a fix acts on what
/// the analyzer computed instead of computing it again. Written by the analyzer, read by LlmCallAnalyzers.CodeFixes.
/// Values are invariant-culture numbers, or <c>true</c> for a flag (absent when false).
/// </summary>
public static class DiagnosticPropertyKeys
{
    /// <summary>LLM003: the task's most essential logical calls (the hedging fix shares the latency budget among them).</summary>
    public const string EssentialCalls = "essentialCalls";

    /// <summary>
    /// LLM002: what <c>[FanOut(n)]</c> on the method would declare — its calls with the unbounded source stopped after
    /// <see cref="SuggestedIterations"/>, or after <see cref="AssumedIterations"/> when the code suggests none. Absent
    /// when unknown.
    /// </summary>
    public const string SuggestedFanOut = "suggestedFanOut";

    /// <summary>
    /// LLM002: the iterations (recursion levels) the code suggests for the source — a limit it compares a counter or a
    /// <c>depth</c> parameter with, a parameter's default, an early <c>break</c>. Absent when the code says nothing.
    /// </summary>
    public const string SuggestedIterations = "suggestedIterations";

    /// <summary>LLM002: the iterations (levels) <see cref="SuggestedFanOut"/> assumes when the code suggests none.</summary>
    public const string AssumedIterations = "assumedIterations";

    /// <summary>LLM002: <c>true</c> when the source is a recursive call (the bound counts levels of recursion, not iterations).</summary>
    public const string Recursive = "recursive";

    /// <summary>LLM006: the step's composed availability, which the fix declares as its <c>[TaskSlo]</c> (rounded down).</summary>
    public const string Availability = "availability";
}
