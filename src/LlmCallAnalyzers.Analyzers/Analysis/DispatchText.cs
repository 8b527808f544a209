using System;
using System.Collections.Generic;
using System.Globalization;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>How messages name the virtual calls behind a figure: the member, its implementations and the worst one.</summary>
internal static class DispatchText
{
    /// <summary>"3 implementations, 0–2 calls; worst: ReviewStep" or "2 implementations, 1 call each".</summary>
    public static string DescribeImplementations(BranchNode dispatch, Func<CallTree, TreeEstimate> probe)
    {
        int count = dispatch.Arms.Length;
        long least = long.MaxValue;
        long? most = 0;
        int worst = -1;
        bool allSame = true;
        TreeEstimate? first = null, worstEstimate = null;
        for (int i = 0; i < count; i++)
        {
            var arm = probe(dispatch.Arms[i]);
            least = Math.Min(least, arm.MaxCalls ?? long.MaxValue);
            most = most is long m && arm.MaxCalls is long a ? Math.Max(m, a) : null;
            first ??= arm;
            allSame &= arm.MaxCalls == first.MaxCalls && arm.MinCalls == first.MinCalls && arm.CallAvailability == first.CallAvailability;
            if (worstEstimate is null || IsWorse(arm, worstEstimate))
            {
                worst = i;
                worstEstimate = arm;
            }
        }

        string implementations = count == 1 ? "1 implementation" : count.ToString(CultureInfo.InvariantCulture) + " implementations";
        string calls = most is not long max ? "unbounded calls"
            : least == max ? Calls(max) + (count > 1 ? " each" : string.Empty)
            : CallCounts.Format(least) + "–" + CallCounts.Format(max) + " calls";
        string text = implementations + ", " + calls;
        return allSame || worst < 0 || dispatch.ArmNames.IsEmpty ? text : text + "; worst: " + dispatch.ArmNames[worst];
    }

    /// <summary>
    /// The virtual call that contributes most calls to <paramref name="tree"/>, with the iterations around it:
    /// "10 × IPlanStep.ExecuteAsync: 3 implementations, 0–2 calls; worst: ReviewStep"; null when the tree has none.
    /// A dispatch weighs its calls times the iterations of the loops around it on one path from the root (an unbounded
    /// dispatch weighs the most); the first such path, depth first with the last child first, that reaches the largest
    /// weight names the dispatch. The tree is a DAG whose paths can outnumber its nodes exponentially (a method calling
    /// the next one twice, sixty levels deep), so paths are never enumerated: the largest weight under each node is
    /// computed once per node, and then one path is followed down to it. Linear in the nodes reached.
    /// </summary>
    public static string? DescribeLargest(CallTree tree, Func<CallTree, TreeEstimate> probe)
    {
        var reach = LargestBelow(tree, probe);
        var (unbounded, most) = reach[tree];
        long largest = unbounded ? long.MaxValue : most;
        if (largest <= 0)
        {
            return null;
        }

        // Follow the first child, in the order of the walk, whose subtree reaches the largest weight.
        var node = tree;
        long times = 1;
        while (node is not BranchNode { DispatchedMember: not null })
        {
            long inner = node is LoopNode { MaxIterations: int n } ? CallCounts.Multiply(times, n) : times;
            var children = node.ChildNodes;
            CallTree? next = null;
            for (int i = children.Length - 1; i >= 0 && next is null; i--)
            {
                var (u, b) = reach[children[i]];
                if ((u ? long.MaxValue : CallCounts.Multiply(b, inner)) == largest)
                {
                    next = children[i];
                }
            }

            if (next is null)
            {
                return null; // unreachable: some child reaches what its parent reaches
            }

            node = next;
            times = inner;
        }

        var dispatch = (BranchNode)node;
        string prefix = times > 1 ? CallCounts.Format(times) + " × " : string.Empty;
        return prefix + dispatch.DispatchedMember + ": " + DescribeImplementations(dispatch, probe);
    }

    /// <summary>
    /// For each node reached from <paramref name="tree"/> without entering a dispatch: whether an unbounded dispatch is
    /// below it, and the largest calls × iterations of a bounded one (0 when none), saturated. Children before parents,
    /// each node once, without recursion.
    /// </summary>
    private static Dictionary<CallTree, (bool Unbounded, long Most)> LargestBelow(CallTree tree, Func<CallTree, TreeEstimate> probe)
    {
        var reach = new Dictionary<CallTree, (bool, long)>(CallTreeEvaluator.ReferenceEqualityComparer.Instance);
        CallTreeWalk.ChildrenFirst(
            tree,
            reach.ContainsKey,
            settle: node =>
            {
                if (node is BranchNode { DispatchedMember: not null } dispatch)
                {
                    // A dispatch inside an implementation is part of that implementation's figure: not entered.
                    long? max = probe(dispatch).MaxCalls;
                    reach[node] = (max is null, max ?? 0);
                    return true;
                }

                if (probe(node).MaxCalls == 0)
                {
                    reach[node] = (false, 0); // call-free: no dispatch below it weighs anything
                    return true;
                }

                return false;
            },
            enter: null,
            complete: node =>
            {
                bool unbounded = false;
                long most = 0;
                foreach (var child in node.ChildNodes)
                {
                    var (u, b) = reach[child];
                    unbounded |= u;
                    most = Math.Max(most, b);
                }

                reach[node] = (unbounded, node is LoopNode { MaxIterations: int n } ? CallCounts.Multiply(most, n) : most);
            });
        return reach;
    }

    private static bool IsWorse(TreeEstimate candidate, TreeEstimate current)
    {
        double a = candidate.CallAvailability ?? -1, b = current.CallAvailability ?? -1;
        if (a != b)
        {
            return a < b;
        }

        return (candidate.MaxCalls ?? long.MaxValue) > (current.MaxCalls ?? long.MaxValue);
    }

    private static string Calls(long n) => n == 1 ? "1 call" : CallCounts.Format(n) + " calls";
}
