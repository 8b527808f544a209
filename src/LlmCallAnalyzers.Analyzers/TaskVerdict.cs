using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers;

/// <summary>How a task fares against its SLO.</summary>
public enum TaskVerdict
{
    /// <summary>The worst case meets the declared SLO.</summary>
    Meets,

    /// <summary>The worst case is below the declared SLO.</summary>
    BelowSlo,

    /// <summary>The code shows no bound on the number of calls.</summary>
    Unbounded,

    /// <summary>No SLO is declared.</summary>
    NoSlo,
}
