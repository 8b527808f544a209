using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace LlmCallAnalyzers.Model;

/// <summary>
/// Rebuilds a call tree with some nodes replaced — to ask what a change would do (a smaller loop bound, a retry around
/// each call) without touching the original. Shared subtrees stay shared; places and frames are kept; without recursion.
/// </summary>
public static class CallTreeRewriter
{
    /// <summary>
    /// <paramref name="tree"/> with every node for which <paramref name="replace"/> returns a tree replaced by it (its
    /// subtree is not visited); where it returns null the node is kept and its children are visited.
    /// </summary>
    public static CallTree Rewrite(CallTree tree, Func<CallTree, CallTree?> replace)
    {
        if (tree is null) throw new ArgumentNullException(nameof(tree));
        if (replace is null) throw new ArgumentNullException(nameof(replace));
        var done = new Dictionary<CallTree, CallTree>(CallTreeEvaluator.ReferenceEqualityComparer.Instance);
        CallTreeWalk.ChildrenFirst(
            tree,
            done.ContainsKey,
            settle: node =>
            {
                if (replace(node) is not { } replacement)
                {
                    return false;
                }

                done[node] = replacement;
                return true;
            },
            enter: null,
            complete: node =>
            {
                var children = node.ChildNodes;
                var rebuilt = ImmutableArray.CreateBuilder<CallTree>(children.Length);
                bool changed = false;
                foreach (var child in children)
                {
                    var now = done[child];
                    changed |= !ReferenceEquals(now, child);
                    rebuilt.Add(now);
                }

                done[node] = changed ? With(node, rebuilt.MoveToImmutable()) : node;
            });
        return done[tree];
    }

    private static CallTree With(CallTree node, ImmutableArray<CallTree> children)
    {
        CallTree copy = node switch
        {
            SequenceNode => new SequenceNode(children),
            ParallelNode => new ParallelNode(children),
            BranchNode b => new BranchNode(children, b.DispatchedMember, b.ArmNames),
            LoopNode l => new LoopNode(children[0], l.MinIterations, l.MaxIterations, l.Concurrent, l.UnboundedReason),
            RetryNode r => new RetryNode(children[0], r.ExtraAttempts, r.Hedged, r.HedgeDelayMs),
            FallbackNode => new FallbackNode(children[0], children[1]),
            OptionalNode => new OptionalNode(children[0]),
            DeclaredNode d => new DeclaredNode(children[0], d.MaxCalls),
            _ => throw new NotSupportedException("Unknown call tree node " + node.GetType().Name),
        };
        return copy.AnnotatedLike(node);
    }
}
