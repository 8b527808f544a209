namespace LlmCallAnalyzers.Cli.Output;

/// <summary>Which nodes <c>--tree</c> shows.</summary>
public enum TreeMode
{
    /// <summary>Only nodes on a path to a model call (or to an unbounded loop that makes one).</summary>
    Pruned,

    /// <summary>Every node, call-free branches included.</summary>
    Full,
}
