using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>
/// Turns a <see cref="CallTree"/> into <see cref="TreeViewNode"/>s with per-node figures from
/// <see cref="CallTreeEvaluator.Evaluate"/> (availability without outages; the task row has the task figure), the
/// place of each node and a method node wherever the walk enters a callee. <see cref="TreeMode.Pruned"/> keeps only
/// the nodes on a path to a model call. Trees share subtrees across methods, so the view stops after
/// <see cref="MaxNodes"/> nodes.
/// </summary>
public static class TreeView
{
    /// <summary>The most nodes shown per task.</summary>
    public const int MaxNodes = 400;

    /// <summary>The task's method as a frame names it: <c>ResearchService.ResearchAsync</c>.</summary>
    public static string MethodName(LlmCallAnalyzers.Analyzers.TaskReport task)
    {
        string name = task.TaskName;
        int method = name.LastIndexOf('.');
        int type = method > 0 ? name.LastIndexOf('.', method - 1) : -1;
        return type >= 0 ? name.Substring(type + 1) : name;
    }

    /// <summary>Builds the view of <paramref name="tree"/> under <paramref name="parameters"/>.</summary>
    /// <param name="tree">The task's tree.</param>
    /// <param name="parameters">The parameters its figures are evaluated under.</param>
    /// <param name="mode">Pruned (only paths to calls) or full.</param>
    /// <param name="taskMethod">The task's method as <c>Type.Method</c>, the method of the nodes no frame enters.</param>
    public static TreeViewNode Build(CallTree tree, ModelParameters parameters, TreeMode mode = TreeMode.Pruned, string? taskMethod = null)
    {
        var evaluator = new CallTreeEvaluator(parameters);
        int budget = MaxNodes;
        int elided = 0;
        var rootItem = new Item(tree, 0, null);
        var root = new TreeViewNode("root", string.Empty, null);
        // Each list of items is the children of Owner (null for the root), or the part of them an enclosing method took.
        var stack = new Stack<(List<Item> Items, TreeViewNode Parent, string? Method, CallTree? Owner)>();
        stack.Push((new List<Item> { rootItem }, root, taskMethod, null));
        while (stack.Count > 0)
        {
            var (items, parent, method, owner) = stack.Pop();
            bool parallel = owner is ParallelNode;
            var pending = new List<(List<Item>, TreeViewNode, string?, CallTree?)>();
            for (int i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (mode == TreeMode.Pruned && parent != root && evaluator.Evaluate(item.Tree).MaxCalls == 0)
                {
                    continue;
                }

                if (budget <= 0)
                {
                    elided++;
                    continue;
                }

                budget--;
                if (item.FrameOffset < item.Tree.Frames.Length)
                {
                    // The walk enters a method: one node for it (and for the consecutive items entered through the same frame).
                    var frame = item.Tree.Frames[item.FrameOffset];
                    var group = new List<Item> { new(item.Tree, item.FrameOffset + 1, null) };
                    while (i + 1 < items.Count && items[i + 1].FrameOffset < items[i + 1].Tree.Frames.Length
                        && ReferenceEquals(items[i + 1].Tree.Frames[items[i + 1].FrameOffset], frame))
                    {
                        i++;
                        group.Add(new Item(items[i].Tree, items[i].FrameOffset + 1, null));
                    }

                    var trees = group.Select(g => g.Tree).ToList();
                    var figures = evaluator.Evaluate(trees.Count == 1 ? trees[0] : parallel ? CallTree.Parallel(trees) : CallTree.Sequence(trees));
                    string where = frame.CallSite?.ShortText is { } text ? "  " + text : string.Empty;
                    var view = new TreeViewNode("method", Role(item.Role) + "→ " + frame.Method + where, figures)
                    {
                        Method = frame.Method,
                        File = frame.CallSite?.File,
                        Line = frame.CallSite?.Line ?? 0,
                    };
                    parent.Children.Add(view);
                    var entered = group[0].Tree;
                    if (group.Count == 1 && group[0].FrameOffset == entered.Frames.Length
                        && ((owner is SequenceNode && entered is SequenceNode) || (owner is ParallelNode && entered is ParallelNode)))
                    {
                        // The callee's sequence (parallel) within one of the caller: the method node stands for it, and
                        // its parts are listed under it as if spliced into the caller's.
                        pending.Add((entered.ChildNodes.Select(c => new Item(c, 0, null)).ToList(), view, frame.Method, entered));
                    }
                    else
                    {
                        pending.Add((group, view, frame.Method, owner));
                    }

                    continue;
                }

                var node = item.Tree;
                var (kind, label) = Caption(node);

                var nodeView = new TreeViewNode(kind, Role(item.Role) + label, evaluator.Evaluate(node))
                {
                    Method = method,
                    File = node.Place?.File,
                    Line = node.Place?.Line ?? 0,
                    Bound = BoundOf(node),
                    Tree = node,
                };
                parent.Children.Add(nodeView);
                var children = ChildrenOf(node).Select(c => new Item(c.Child, 0, c.Role)).ToList();
                if (children.Count > 0)
                {
                    pending.Add((children, nodeView, method, node));
                }
            }

            for (int i = pending.Count - 1; i >= 0; i--)
            {
                stack.Push(pending[i]);
            }
        }

        var top = root.Children[0];
        if (elided > 0)
        {
            top.Children.Add(new TreeViewNode("elided", $"… {elided} more nodes not shown", null));
        }

        return top;
    }

    /// <summary>The tree as indented text ("├─ loop ×20  for i &lt; 20  Agent.cs:12  calls 20 · 98.02 %"), for Markdown and plain output.</summary>
    public static string ToText(TreeViewNode root)
    {
        var sb = new StringBuilder();
        sb.Append(root.Label).Append("  ").AppendLine(root.FigureText);
        var stack = new Stack<(TreeViewNode Node, string Indent)>();
        Push(stack, root, string.Empty);
        while (stack.Count > 0)
        {
            var (child, indent) = stack.Pop();
            sb.Append(indent).Append(child.Label);
            if (child.Figures is not null)
            {
                sb.Append("  ").Append(child.FigureText);
            }

            sb.AppendLine();
            Push(stack, child, indent);
        }

        return sb.ToString();
    }

    private static void Push(Stack<(TreeViewNode, string)> stack, TreeViewNode node, string indent)
    {
        // indent is the prefix of the node's own line; its children continue it.
        string continuation = indent.EndsWith("├─ ", System.StringComparison.Ordinal) ? indent.Substring(0, indent.Length - 3) + "│  "
            : indent.EndsWith("└─ ", System.StringComparison.Ordinal) ? indent.Substring(0, indent.Length - 3) + "   "
            : indent;
        for (int i = node.Children.Count - 1; i >= 0; i--)
        {
            bool last = i == node.Children.Count - 1;
            stack.Push((node.Children[i], continuation + (last ? "└─ " : "├─ ")));
        }
    }

    private readonly struct Item
    {
        public Item(CallTree tree, int frameOffset, string? role)
        {
            Tree = tree;
            FrameOffset = frameOffset;
            Role = role;
        }

        public CallTree Tree { get; }

        public int FrameOffset { get; }

        public string? Role { get; }
    }

    private static string Role(string? role) => role is null ? string.Empty : role + ": ";

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

    private static TreeBound? BoundOf(CallTree node) => node switch
    {
        LoopNode { MaxIterations: null } l => new TreeBound("unbounded", null, l.Place?.Source ?? l.UnboundedReason),
        LoopNode l => new TreeBound("iterations", l.MaxIterations, l.Place?.Source),
        RetryNode r => new TreeBound("attempts", r.ExtraAttempts, r.Place?.Source),
        DeclaredNode d => new TreeBound("declared", d.MaxCalls, $"[FanOut({d.MaxCalls})]"),
        BranchNode { DispatchedMember: not null } b => new TreeBound("implementations", b.Arms.Length, b.Place?.Source),
        _ => null,
    };

    /// <summary>The node's kind and what a tree line says of it: what it is, the source of its bound, its file:line.</summary>
    public static (string Kind, string Label) Caption(CallTree node)
    {
        var (kind, label) = Describe(node);
        string? source = node.Place?.Source;
        if (source is not null && !label.Contains(source))
        {
            label += "  " + source;
        }

        if (node.Place?.ShortText is { } at)
        {
            label += "  " + at;
        }

        return (kind, label);
    }

    private static (string Kind, string Label) Describe(CallTree node) => node switch
    {
        CallNode c => ("call", "call " + c.Provider + (c.Model is null ? string.Empty : ":" + c.Model) + (c.FineTuned ? " (fine-tuned)" : string.Empty) + (c.Label is null ? string.Empty : " " + c.Label)),
        SequenceNode s => ("sequence", s.Children.Length == 0 ? "no calls" : "sequence"),
        ParallelNode => ("parallel", "parallel (all must succeed)"),
        LoopNode { MaxIterations: null } l => ("loop", "unbounded loop" + (l.UnboundedReason is null || l.Place?.Source is not null ? string.Empty : " (" + l.UnboundedReason + ")")),
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
