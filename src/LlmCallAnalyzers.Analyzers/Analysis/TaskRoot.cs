using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// A method declaration that carries <c>[TaskSlo]</c> or <c>[AgentStep]</c>, by where it is: its file's path and the
/// declaration's start. (Not by symbol, which must not outlive the pipeline's first step; not by documentation ID, which
/// does not find a method again when its signature has an error type.)
/// </summary>
internal sealed record TaskRoot(string Path, int Position);
