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
            : least.ToString(CultureInfo.InvariantCulture) + "–" + max.ToString(CultureInfo.InvariantCulture) + " calls";
        string text = implementations + ", " + calls;
        return allSame || worst < 0 || dispatch.ArmNames.IsEmpty ? text : text + "; worst: " + dispatch.ArmNames[worst];
    }

    /// <summary>
    /// The virtual call that contributes most calls to <paramref name="tree"/>, with the iterations around it:
    /// "10 × IPlanStep.ExecuteAsync: 3 implementations, 0–2 calls; worst: ReviewStep"; null when the tree has none.
    /// </summary>
    public static string? DescribeLargest(CallTree tree, Func<CallTree, TreeEstimate> probe)
    {
        BranchNode? largest = null;
        long largestCalls = -1, largestTimes = 1;
        var stack = new Stack<(CallTree Node, long Times)>();
        stack.Push((tree, 1));
        while (stack.Count > 0)
        {
            var (node, times) = stack.Pop();
            if (node is BranchNode { DispatchedMember: not null } dispatch)
            {
                long calls = probe(dispatch).MaxCalls is long max ? Saturating(max, times) : long.MaxValue;
                if (calls > largestCalls && calls > 0)
                {
                    largest = dispatch;
                    largestCalls = calls;
                    largestTimes = times;
                }

                continue; // A dispatch inside an implementation is part of that implementation's figure.
            }

            long inner = node is LoopNode loop ? (loop.MaxIterations is int n ? Saturating(times, n) : times) : times;
            foreach (var child in node.ChildNodes)
            {
                stack.Push((child, inner));
            }
        }

        if (largest is null)
        {
            return null;
        }

        string prefix = largestTimes > 1 ? largestTimes.ToString(CultureInfo.InvariantCulture) + " × " : string.Empty;
        return prefix + largest.DispatchedMember + ": " + DescribeImplementations(largest, probe);
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

    private static string Calls(long n) => n == 1 ? "1 call" : n.ToString(CultureInfo.InvariantCulture) + " calls";

    private static long Saturating(long a, long b) => b != 0 && a > long.MaxValue / b ? long.MaxValue : a * b;
}
