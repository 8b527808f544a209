
namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>The multi-agent orchestrations whose runs the analyzer expands into the agents' turns.</summary>
internal enum OrchestrationKind
{
    /// <summary>Each participant once, one after the other.</summary>
    Sequential,

    /// <summary>Each participant once, all at the same time.</summary>
    Concurrent,

    /// <summary>A manager picks one participant per iteration, up to its maximum iteration count.</summary>
    GroupChat,

    /// <summary>Agents hand the conversation to each other through handoff tools.</summary>
    Handoff,

    /// <summary>A manager agent plans, picks a participant per round and replans on stalls.</summary>
    Magentic,
}
