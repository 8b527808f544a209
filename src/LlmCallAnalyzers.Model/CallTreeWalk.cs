using System;
using System.Collections.Generic;

namespace LlmCallAnalyzers.Model;

/// <summary>
/// The one walk every bottom-up computation over a composed call tree needs: each node reached once, its children
/// before it, without recursion (callees nest as deep as the call graph, and a shared subtree is visited once however
/// many paths reach it). The caller keeps the results; the walk asks it which nodes are done.
/// </summary>
public static class CallTreeWalk
{
    /// <summary>Walks the nodes reached from <paramref name="root"/>, children first.</summary>
    /// <param name="root">Where the walk starts.</param>
    /// <param name="isDone">Whether a node has its result already (it and what is below it are skipped).</param>
    /// <param name="settle">Called when a node is first reached: true when it has set the node's result itself (its children are not walked).</param>
    /// <param name="enter">Whether to walk the child of a parent (null: every child).</param>
    /// <param name="complete">Sets a node's result once the results of the children it entered are set.</param>
    public static void ChildrenFirst(CallTree root, Func<CallTree, bool> isDone, Func<CallTree, bool>? settle, Func<CallTree, CallTree, bool>? enter, Action<CallTree> complete)
    {
        if (root is null) throw new ArgumentNullException(nameof(root));
        var stack = new Stack<(CallTree Node, bool Expanded)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            if (isDone(node))
            {
                continue;
            }

            if (expanded)
            {
                complete(node);
                continue;
            }

            if (settle is not null && settle(node))
            {
                continue;
            }

            stack.Push((node, true));
            foreach (var child in node.ChildNodes)
            {
                if ((enter is null || enter(node, child)) && !isDone(child))
                {
                    stack.Push((child, false));
                }
            }
        }
    }
}
