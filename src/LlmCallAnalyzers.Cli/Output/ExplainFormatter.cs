using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>
/// Writes <c>llmslo explain</c>: one task's figures, the path to its calls, its availability written out step by step
/// (<see cref="AvailabilityExplainer"/>, ending in the percentage LLM003 states) and what would change the verdict.
/// </summary>
public static class ExplainFormatter
{
    /// <summary>The most extra attempts tried when looking for a retry that would meet the SLO.</summary>
    public const int MaxRetryTried = 3;

    /// <summary>Writes the explanation of <paramref name="task"/>.</summary>
    public static void Write(TextWriter writer, TaskReport task, TreeMode mode)
    {
        var e = task.Estimate;
        string at = task.FilePath is null ? string.Empty : "  " + Path.GetFileName(task.FilePath) + ":" + task.Line.ToString(CultureInfo.InvariantCulture);
        writer.WriteLine(task.TaskName + at);
        var (composed, slo) = Figures.AvailabilityAgainstSlo(e.Availability, task.Slo);
        writer.WriteLine($"calls {Figures.Calls(e.MinCalls, e.MaxCalls)} · availability {composed} · SLO {slo} · p99 {Figures.Latency(e.LatencyP99Ms)} · {Figures.VerdictKey(task.Verdict).Replace('_', ' ')}");
        writer.WriteLine();
        writer.WriteLine(mode == TreeMode.Full ? "The call tree (every node):" : "Where the calls are (only the paths to model calls):");
        writer.Write(TreeView.ToText(TreeView.Build(task.Tree, task.Parameters, mode, TreeView.MethodName(task))));
        writer.WriteLine();

        if (e.Availability is not double availability)
        {
            writer.WriteLine("No arithmetic: the code does not bound how many calls the task makes (the unbounded loops above).");
            writer.WriteLine("What would change that: a bound the code states (for i < n, .Take(n)) or [FanOut(n)] on the method.");
            return;
        }

        var explanation = AvailabilityExplainer.Explain(task.Tree, task.Parameters);
        writer.WriteLine("The arithmetic (worst case: every loop at its most iterations, the worst arm of every branch;");
        writer.WriteLine("a(provider) = one call's availability after the SDK's own retries; [n] = the value of step n):");
        foreach (var step in explanation.Steps)
        {
            string number = "[" + step.Number.ToString(CultureInfo.InvariantCulture) + "]";
            writer.WriteLine($"  {number,5} {TreeView.Caption(step.Node).Label}");
            writer.WriteLine($"        {step.Formula}");
        }

        string root = explanation.Root is null ? "1" : "[" + explanation.Root.Number.ToString(CultureInfo.InvariantCulture) + "]";
        writer.WriteLine($"  task  {root} × {AvailabilityExplainer.Number(e.OutageFactor)} (provider outages, once per provider) = {AvailabilityExplainer.Number(availability)} → {composed}");
        if (task.Slo is double target)
        {
            writer.WriteLine($"        {composed} {(task.Verdict == TaskVerdict.Meets ? "≥" : "<")} {slo} (TaskSlo): {(task.Verdict == TaskVerdict.Meets ? "meets" : "below SLO")}");
            writer.WriteLine();
            WhatWouldChange(writer, task, target);
        }
    }

    private static void WhatWouldChange(TextWriter writer, TaskReport task, double target)
    {
        bool meets = task.Verdict == TaskVerdict.Meets;
        writer.WriteLine(meets ? "What would break the verdict:" : "What would change the verdict:");
        double now = task.Parameters.CallAvailability;
        if (RequirementSolver.RequiredPerCallAvailability(task.Tree, task.Parameters, target) is double needed)
        {
            writer.WriteLine(meets
                ? $"  - per-call availability: it meets down to {Percent.FormatRequirement(needed)} per call (now {Percent.Format(now)})"
                : $"  - per-call availability: needs ≥ {Percent.FormatRequirement(needed)} per call (now {Percent.Format(now)})");
        }
        else
        {
            writer.WriteLine("  - per-call availability: no per-call availability is enough (provider outages alone break the SLO)");
        }

        var evaluator = new CallTreeEvaluator(task.Parameters);
        var loops = task.Tree.DescendantsAndSelf().OfType<LoopNode>()
            .Where(l => l.MaxIterations > 0 && evaluator.Evaluate(l).CallAvailability < 1)
            .Distinct(new ReferenceComparer()).ToList();
        foreach (var loop in loops)
        {
            string caption = TreeView.Caption(loop).Label;
            if (meets)
            {
                int? most = LargestMeetingBound(task, loop, target, loop.MaxIterations!.Value, 4096);
                writer.WriteLine(most is int m && m >= 4096
                    ? $"  - {caption}: still meets at 4096 iterations"
                    : $"  - {caption}: meets up to {most} iterations (now {loop.MaxIterations}); one more breaks the SLO");
            }
            else
            {
                int? most = LargestMeetingBound(task, loop, target, 0, loop.MaxIterations!.Value - 1);
                writer.WriteLine(most is int m
                    ? $"  - {caption}: at most {m} iteration{(m == 1 ? string.Empty : "s")} (now {loop.MaxIterations}) would meet it: {Percent.Format(Availability(task, WithBound(task.Tree, loop, m))!.Value)}"
                    : $"  - {caption}: no bound on this loop alone meets it (even 0 iterations)");
            }
        }

        if (!meets)
        {
            for (int k = 1; k <= MaxRetryTried; k++)
            {
                var retried = CallTreeRewriter.Rewrite(task.Tree, n => n switch
                {
                    RetryNode => n,
                    CallNode => CallTree.Retry(n, k),
                    _ => null,
                });
                if (Availability(task, retried) is double a && a >= target - 1e-12)
                {
                    writer.WriteLine($"  - a retry +{k} around every call not yet retried (e.g. a Polly retry pipeline) would give {Percent.Format(a)}: meets");
                    return;
                }

                if (k == MaxRetryTried)
                {
                    writer.WriteLine($"  - a retry around every call is not enough: +{k} gives {Percent.Format(Availability(task, retried) ?? 0)} (a retry to the same provider recovers only transient failures)");
                }
            }
        }
    }

    /// <summary>The largest bound in [<paramref name="low"/>, <paramref name="high"/>] at which the task meets the SLO (availability falls as the bound grows).</summary>
    private static int? LargestMeetingBound(TaskReport task, LoopNode loop, double target, int low, int high)
    {
        bool Meets(int n) => Availability(task, WithBound(task.Tree, loop, n)) is double a && a >= target - 1e-12;
        if (!Meets(low))
        {
            return null;
        }

        while (low < high)
        {
            int mid = low + ((high - low + 1) / 2);
            if (Meets(mid)) low = mid;
            else high = mid - 1;
        }

        return low;
    }

    private static CallTree WithBound(CallTree tree, LoopNode loop, int n)
        => CallTreeRewriter.Rewrite(tree, node => ReferenceEquals(node, loop)
            ? CallTree.Loop(loop.Body, System.Math.Min(loop.MinIterations, n), n, loop.Concurrent).WithPlace(loop.Place)
            : null);

    private static double? Availability(TaskReport task, CallTree tree) => new CallTreeEvaluator(task.Parameters).EvaluateTask(tree).Availability;

    private sealed class ReferenceComparer : IEqualityComparer<LoopNode>
    {
        public bool Equals(LoopNode? x, LoopNode? y) => ReferenceEquals(x, y);

        public int GetHashCode(LoopNode obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
