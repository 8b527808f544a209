using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers;

/// <summary>Why a method is reported as a task.</summary>
public enum TaskKind
{
    /// <summary>The method declares <c>[TaskSlo]</c>.</summary>
    TaskSlo,

    /// <summary>The method declares <c>[AgentStep]</c> (and no SLO).</summary>
    AgentStep,

    /// <summary>A public method that reaches LLM calls.</summary>
    PublicEntryPoint,
}
