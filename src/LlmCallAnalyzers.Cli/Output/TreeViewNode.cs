using System.Collections.Generic;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>One node of a task's call tree as shown by <c>--tree</c>: what it is, where it is, and its own figures.</summary>
public sealed class TreeViewNode
{
    internal TreeViewNode(string kind, string label, TreeEstimate? figures)
    {
        Kind = kind;
        Label = label;
        Figures = figures;
    }

    /// <summary>
    /// The node kind: method (the walk enters a callee), call, sequence, parallel, loop, branch, dispatch, retry, hedge,
    /// fallback, optional, fanout, elided.
    /// </summary>
    public string Kind { get; }

    /// <summary>What the node is, e.g. "loop ×20  for i &lt; 20  Agent.cs:12" or "→ ResearchService.PlanAsync  Research.cs:30".</summary>
    public string Label { get; }

    /// <summary>The node's figures (calls, availability, latency); null for the elision marker.</summary>
    public TreeEstimate? Figures { get; }

    /// <summary>The method the node belongs to (for a method node: the method entered), as <c>Type.Method</c>.</summary>
    public string? Method { get; internal set; }

    /// <summary>The source file of the node (for a method node: of the call that enters it); null when unknown.</summary>
    public string? File { get; internal set; }

    /// <summary>The 1-based line in <see cref="File"/>; 0 when unknown.</summary>
    public int Line { get; internal set; }

    /// <summary>What bounds the node, for loops, retries, hedges, [FanOut] and dispatch; else null.</summary>
    public TreeBound? Bound { get; internal set; }

    /// <summary>The tree node this view shows; null for method and elision nodes.</summary>
    public CallTree? Tree { get; internal set; }

    /// <summary>The children.</summary>
    public List<TreeViewNode> Children { get; } = new();

    /// <summary>"calls 20 · 98.02 % · p99 16.0 s".</summary>
    public string FigureText
        => Figures is null ? string.Empty
            : $"calls {Output.Figures.Calls(Figures.MinCalls, Figures.MaxCalls)} · {Output.Figures.Availability(Figures.CallAvailability)} · p99 {Output.Figures.Latency(Figures.LatencyP99MsWithoutColdStarts)}";
}
