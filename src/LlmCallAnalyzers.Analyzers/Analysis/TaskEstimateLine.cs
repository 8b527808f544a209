using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// One task's line of the embedded estimates, as the generator's pipeline carries it: strings and numbers only, so
/// that an unchanged estimate compares equal from one build to the next and nothing after it runs again.
/// </summary>
/// <param name="TaskName"><c>Namespace.Type.Method</c>, the order of the generated file.</param>
/// <param name="TreeOrder">The index of the method's file in the compilation, then ...</param>
/// <param name="Position">... its position there: the order of overloads, which share a task name.</param>
/// <param name="Line">The rendered <c>[assembly: LlmTaskEstimate(...)]</c> line.</param>
internal sealed record TaskEstimateLine(string TaskName, int TreeOrder, int Position, string Line);
