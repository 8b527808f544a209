namespace LlmCallAnalyzers.CodeFixes;

/// <summary>
/// The equivalence keys of the code actions. One key per kind of fix (never per diagnostic), so that Fix All and
/// <c>dotnet format analyzers --diagnostics</c> apply the same kind of fix to every occurrence.
/// </summary>
public static class FixKeys
{
    /// <summary>LLM003: wrap each essential LLM call of the task in a Polly retry pipeline (the first fix offered).</summary>
    public const string AddRetry = "LLM003.AddRetry";

    /// <summary>LLM003: hedge each essential LLM call of the task with a Polly hedging pipeline.</summary>
    public const string AddHedging = "LLM003.AddHedging";

    /// <summary>LLM003: fall back to a second LLM client of the type when a call fails.</summary>
    public const string AddFallback = "LLM003.AddFallback";

    /// <summary>LLM002: declare the method's fan-out with <c>[FanOut(n)]</c>.</summary>
    public const string DeclareFanOut = "LLM002.DeclareFanOut";

    /// <summary>LLM002: bound a foreach with <c>.Take(n)</c> on its source.</summary>
    public const string TakeAtMost = "LLM002.TakeAtMost";

    /// <summary>LLM006: declare <c>[TaskSlo(x)]</c> at the currently composed availability.</summary>
    public const string AddTaskSlo = "LLM006.AddTaskSlo";
}
