namespace LlmCallAnalyzers.Model;

/// <summary>
/// A method the walk from a task enters at a node: the node's subtree is (part of) the tree of <see cref="Method"/>,
/// reached through the call at <see cref="CallSite"/>. Evaluation ignores it.
/// </summary>
public sealed class MethodFrame
{
    /// <summary>Creates a frame for <paramref name="method"/> (e.g. <c>ResearchService.SummarizeAsync</c>).</summary>
    public MethodFrame(string method, NodePlace? callSite)
    {
        Method = method ?? throw new System.ArgumentNullException(nameof(method));
        CallSite = callSite;
    }

    /// <summary>The method entered, as <c>Type.Method</c>.</summary>
    public string Method { get; }

    /// <summary>Where the caller calls it; null when unknown.</summary>
    public NodePlace? CallSite { get; }
}
