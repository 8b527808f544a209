
namespace LlmCallAnalyzers.Runtime;

/// <summary>Which bound a task exceeded.</summary>
public enum LlmTaskLimitKind
{
    /// <summary>The maximum of the static estimate embedded with <c>[assembly: LlmTaskEstimate]</c>.</summary>
    Estimate,

    /// <summary>The bound declared with <c>[FanOut]</c>.</summary>
    FanOut,
}
