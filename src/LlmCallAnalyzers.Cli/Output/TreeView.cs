using System.Collections.Generic;
using System.Globalization;
using System.Text;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>One node of a task's call tree as shown by <c>--tree</c>: what it is and its own figures.</summary>
public sealed class TreeViewNode
{
    internal TreeViewNode(string kind, string label, TreeEstimate? figures)
    {
        Kind = kind;
        Label = label;
        Figures = figures;
    }

    /// <summary>The node kind: call, sequence, parallel, loop, branch, retry, hedge, fallback, optional, fanout, elided.</summary>
    public string Kind { get; }

    /// <summary>What the node is, e.g. "loop ×20" or "call chat-client GetResponseAsync".</summary>
    public string Label { get; }

    /// <summary>The node's figures (calls, availability, latency); null for the elision marker.</summary>
    public TreeEstimate? Figures { get; }

    /// <summary>The children.</summary>
    public List<TreeViewNode> Children { get; } = new();

    /// <summary>"calls 20 · 98.02 % · p99 16.0 s".</summary>
    public string FigureText
        => Figures is null ? string.Empty
            : $"calls {Output.Figures.Calls(Figures.MinCalls, Figures.MaxCalls)} · {Output.Figures.Availability(Figures.CallAvailability)} · p99 {Output.Figures.Latency(Figures.LatencyP99MsWithoutColdStarts)}";
}

/// <summary>
/// Turns a <see cref="CallTree"/> into <see cref="TreeViewNode"/>s with per-node figures from
/// <see cref="CallTreeEvaluator.Evaluate"/> (availability without outages; the task row has the task figure).
/// Trees share subtrees across methods, so the view stops after <see cref="MaxNodes"/> nodes.
/// </summary>
public static class TreeView
{
    /// <summary>The most nodes shown per task.</summary>
    public const int MaxNodes = 400;

    /// <summary>Builds the view of <paramref name="tree"/> under <paramref name="parameters"/>.</summary>
    public static TreeViewNode Build(CallTree tree, ModelParameters parameters)
    {
        var evaluator = new CallTreeEvaluator(parameters);
        int budget = MaxNodes;
        var root = Node(tree, evaluator);
        budget--;
        var stack = new Stack<(CallTree Tree, TreeViewNode View)>();
        stack.Push((tree, root));
        int elided = 0;
        while (stack.Count > 0)
        {
            var (node, view) = stack.Pop();
            var children = ChildrenOf(node);
            var pending = new List<(CallTree, TreeViewNode)>();
            foreach (var (child, role) in children)
            {
                if (budget <= 0)
                {
                    elided++;
                    continue;
                }

                var childView = Node(child, evaluator, role);
                budget--;
                view.Children.Add(childView);
                pending.Add((child, childView));
            }

            for (int i = pending.Count - 1; i >= 0; i--)
            {
                stack.Push(pending[i]);
            }
        }

        if (elided > 0)
        {
            root.Children.Add(new TreeViewNode("elided", $"… {elided} more nodes not shown", null));
        }

        return root;
    }

    /// <summary>The tree as indented text ("├─ loop ×20  calls 20 · 98.02 %"), for Markdown and plain output.</summary>
    public static string ToText(TreeViewNode root)
    {
        var sb = new StringBuilder();
        sb.Append(root.Label).Append("  ").AppendLine(root.FigureText);
        Write(sb, root, string.Empty);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, TreeViewNode node, string indent)
    {
        for (int i = 0; i < node.Children.Count; i++)
        {
            bool last = i == node.Children.Count - 1;
            var child = node.Children[i];
            sb.Append(indent).Append(last ? "└─ " : "├─ ").Append(child.Label);
            if (child.Figures is not null)
            {
                sb.Append("  ").Append(child.FigureText);
            }

            sb.AppendLine();
            Write(sb, child, indent + (last ? "   " : "│  "));
        }
    }

    private static TreeViewNode Node(CallTree node, CallTreeEvaluator evaluator, string? role = null)
    {
        var (kind, label) = Describe(node);
        return new TreeViewNode(kind, role is null ? label : role + ": " + label, evaluator.Evaluate(node));
    }

    private static IEnumerable<(CallTree Child, string? Role)> ChildrenOf(CallTree node)
    {
        if (node is FallbackNode fallback)
        {
            yield return (fallback.Primary, "primary");
            yield return (fallback.Secondary, "fallback");
            yield break;
        }

        if (node is BranchNode branch)
        {
            for (int i = 0; i < branch.Arms.Length; i++)
            {
                yield return (branch.Arms[i], branch.ArmNames.IsEmpty ? "arm " + (i + 1).ToString(CultureInfo.InvariantCulture) : branch.ArmNames[i]);
            }

            yield break;
        }

        foreach (var child in node.ChildNodes)
        {
            yield return (child, null);
        }
    }

    private static (string Kind, string Label) Describe(CallTree node) => node switch
    {
        CallNode c => ("call", "call " + c.Provider + (c.Model is null ? string.Empty : ":" + c.Model) + (c.FineTuned ? " (fine-tuned)" : string.Empty) + (c.Label is null ? string.Empty : " " + c.Label)),
        SequenceNode s => ("sequence", s.Children.Length == 0 ? "no calls" : "sequence"),
        ParallelNode => ("parallel", "parallel (all must succeed)"),
        LoopNode { MaxIterations: null } l => ("loop", "unbounded loop" + (l.UnboundedReason is null ? string.Empty : " (" + l.UnboundedReason + ")")),
        LoopNode l => ("loop", (l.Concurrent ? "concurrent loop ×" : "loop ×") + (l.MinIterations == l.MaxIterations ? Figures.Count(l.MinIterations) : Figures.Count(l.MinIterations) + ".." + Figures.Count(l.MaxIterations!.Value))),
        BranchNode { DispatchedMember: { } member } b => ("dispatch", $"{member} ({Figures.Count(b.Arms.Length)} implementation{(b.Arms.Length == 1 ? string.Empty : "s")}, worst counts)"),
        BranchNode b => ("branch", $"branch ({b.Arms.Length} arms, worst arm counts)"),
        RetryNode { Hedged: true } r => ("hedge", $"hedge +{r.ExtraAttempts} after {Figures.Latency(r.HedgeDelayMs)}"),
        RetryNode r => ("retry", $"retry +{r.ExtraAttempts}"),
        FallbackNode => ("fallback", "fallback"),
        OptionalNode => ("optional", "optional (failure caught)"),
        DeclaredNode d => ("fanout", $"[FanOut({d.MaxCalls})]"),
        _ => ("node", node.GetType().Name),
    };
}
