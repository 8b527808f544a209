using CsCheck;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Model.Tests;

/// <summary>Algebraic properties of the closed-form model over random call trees and parameters.</summary>
public class PropertyTests
{
    private const double Eps = 1e-12;
    private const long Iterations = 300;

    private static readonly Gen<(CallTree Tree, ModelParameters Parameters)> TreeAndParameters =
        Gen.Select(CallTreeGen.Tree(unbounded: true), CallTreeGen.Parameters);

    /// <summary>A tree, parameters, and the pre-order index of one of its nodes.</summary>
    private static readonly Gen<(CallTree Tree, ModelParameters Parameters, int Index)> TreeParametersAndNode =
        TreeAndParameters.SelectMany(tp => Gen.Int[0, CallTreeGen.Count(tp.Tree) - 1].Select(i => (tp.Tree, tp.Parameters, i)));

    private static string Print((CallTree Tree, ModelParameters Parameters) t) => t.Tree + " | " + CallTreeGen.Print(t.Parameters);

    private static string Print((CallTree Tree, ModelParameters Parameters, int Index) t) => t.Tree + " @" + t.Index + " | " + CallTreeGen.Print(t.Parameters);

    /// <summary>Availability with "unbounded" (null) as the worst value.</summary>
    private static double Availability(CallTree tree, ModelParameters parameters)
        => new CallTreeEvaluator(parameters).EvaluateTask(tree).Availability ?? -1;

    [Fact]
    public void Adding_a_call_never_raises_availability()
    {
        Gen.Select(TreeAndParameters, CallTreeGen.Call).Sample(
            (tp, call) =>
            {
                double before = Availability(tp.Tree, tp.Parameters);
                Assert.True(Availability(CallTree.Sequence(tp.Tree, call), tp.Parameters) <= before + Eps, "sequence");
                Assert.True(Availability(CallTree.Sequence(call, tp.Tree), tp.Parameters) <= before + Eps, "sequence, call first");
                Assert.True(Availability(CallTree.Parallel(tp.Tree, call), tp.Parameters) <= before + Eps, "parallel");
            },
            iter: Iterations,
            print: t => Print(t.Item1) + " + " + t.Item2);
    }

    [Fact]
    public void Adding_a_call_anywhere_never_raises_availability()
    {
        Gen.Select(TreeParametersAndNode, CallTreeGen.Call).Sample(
            (t, call) =>
            {
                if (CallTreeGen.IsUnderDeclared(t.Tree, t.Index))
                {
                    // A declared bound counts its own calls: a call added to its body adds none to the task.
                    return;
                }

                double before = Availability(t.Tree, t.Parameters);
                var after = CallTreeGen.ReplaceAt(t.Tree, t.Index, node => CallTree.Sequence(node, call));
                Assert.True(Availability(after, t.Parameters) <= before + Eps, after.ToString());
            },
            iter: Iterations,
            print: t => Print(t.Item1) + " + " + t.Item2);
    }

    [Fact]
    public void Retrying_or_hedging_the_whole_tree_never_lowers_availability()
    {
        Gen.Select(TreeAndParameters, Gen.Int[1, 4], Gen.Bool).Sample(
            (tp, k, hedge) =>
            {
                double before = Availability(tp.Tree, tp.Parameters);
                var wrapped = hedge ? CallTree.Hedge(tp.Tree, k, 200) : CallTree.Retry(tp.Tree, k);
                Assert.True(Availability(wrapped, tp.Parameters) >= before - Eps);
            },
            iter: Iterations,
            print: t => Print(t.Item1) + (t.Item3 ? " hedge " : " retry ") + t.Item2);
    }

    [Fact]
    public void Retrying_or_hedging_any_subtree_never_lowers_availability()
    {
        Gen.Select(TreeParametersAndNode, Gen.Int[1, 4], Gen.Bool).Sample(
            (t, k, hedge) =>
            {
                double before = Availability(t.Tree, t.Parameters);
                var after = CallTreeGen.ReplaceAt(t.Tree, t.Index, node => hedge ? CallTree.Hedge(node, k) : CallTree.Retry(node, k));
                Assert.True(Availability(after, t.Parameters) >= before - Eps, after.ToString());
            },
            iter: Iterations,
            print: t => Print(t.Item1) + (t.Item3 ? " hedge " : " retry ") + t.Item2);
    }

    [Fact]
    public void More_attempts_never_lower_availability()
    {
        Gen.Select(TreeParametersAndNode, Gen.Int[1, 3]).Sample(
            (t, k) =>
            {
                var fewer = CallTreeGen.ReplaceAt(t.Tree, t.Index, node => CallTree.Retry(node, k));
                var more = CallTreeGen.ReplaceAt(t.Tree, t.Index, node => CallTree.Retry(node, k + 1));
                Assert.True(Availability(more, t.Parameters) >= Availability(fewer, t.Parameters) - Eps);
            },
            iter: Iterations,
            print: t => Print(t.Item1) + " retry " + t.Item2);
    }

    [Fact]
    public void Optional_never_lowers_availability()
    {
        TreeParametersAndNode.Sample(
            t =>
            {
                double before = Availability(t.Tree, t.Parameters);
                var after = CallTreeGen.ReplaceAt(t.Tree, t.Index, CallTree.Optional);
                Assert.True(Availability(after, t.Parameters) >= before - Eps, after.ToString());
                Assert.Equal(1.0, Availability(CallTree.Optional(t.Tree), t.Parameters));
            },
            iter: Iterations,
            print: Print);
    }

    [Fact]
    public void A_fallback_of_the_whole_tree_never_lowers_availability()
    {
        Gen.Select(TreeAndParameters, CallTreeGen.Tree(maxDepth: 2)).Sample(
            (tp, secondary) =>
            {
                double before = Availability(tp.Tree, tp.Parameters);
                Assert.True(Availability(CallTree.Fallback(tp.Tree, secondary), tp.Parameters) >= before - Eps);
            },
            iter: Iterations,
            print: t => Print(t.Item1) + " fallback " + t.Item2);
    }

    [Fact]
    public void A_fallback_of_any_subtree_to_another_provider_never_lowers_availability()
    {
        // A secondary on a provider the tree does not call (one that shares a provider can turn an enclosing
        // fallback into a same-provider fallback, which recovers less: that is the model, not a fault). Excluded:
        // subtrees that make no call (a fallback there adds calls an unbounded loop would repeat without bound) and
        // subtrees inside a declared bound (which counts its calls at the least available provider of its body).
        Gen.Select(TreeParametersAndNode, Gen.Int[1, 3]).Sample(
            (t, calls) =>
            {
                var node = t.Tree.DescendantsAndSelf().ElementAt(t.Index);
                if (new CallTreeEvaluator(t.Parameters).Evaluate(node).MaxCalls == 0 || CallTreeGen.IsUnderDeclared(t.Tree, t.Index))
                {
                    return;
                }

                double before = Availability(t.Tree, t.Parameters);
                var secondary = CallTree.Loop(CallTree.Call("mistral"), calls, calls);
                var after = CallTreeGen.ReplaceAt(t.Tree, t.Index, node => CallTree.Fallback(node, secondary));
                Assert.True(Availability(after, t.Parameters) >= before - Eps, after.ToString());
            },
            iter: Iterations,
            print: t => Print(t.Item1) + " fallback mistral x" + t.Item2);
    }

    [Fact]
    public void Higher_per_call_availability_never_lowers_task_availability()
    {
        Gen.Select(TreeAndParameters, Gen.Double[0.9, 0.99999], Gen.Double[0.9, 0.99999]).Sample(
            (tp, x, y) =>
            {
                double lo = Math.Min(x, y), hi = Math.Max(x, y);
                double atLo = Availability(tp.Tree, tp.Parameters.WithUniformAvailability(lo));
                double atHi = Availability(tp.Tree, tp.Parameters.WithUniformAvailability(hi));
                Assert.True(atHi >= atLo - Eps);
            },
            iter: Iterations,
            print: t => Print(t.Item1));
    }

    [Fact]
    public void Availability_is_a_probability_and_the_call_counts_are_ordered()
    {
        TreeAndParameters.Sample(
            tp =>
            {
                var estimate = new CallTreeEvaluator(tp.Parameters).EvaluateTask(tp.Tree);
                Assert.True(estimate.MinCalls >= 0);
                if (estimate.MaxCalls is long max)
                {
                    Assert.True(estimate.MinCalls <= max, "min <= max");
                    Assert.NotNull(estimate.EssentialCalls);
                    Assert.True(estimate.EssentialCalls <= max, "essential <= max");
                    Assert.NotNull(estimate.Availability);
                    Assert.InRange(estimate.Availability!.Value, 0.0, 1.0);
                    Assert.InRange(estimate.OutageFactor, 0.0, 1.0);
                    Assert.NotNull(estimate.LatencyP99Ms);
                    Assert.True(estimate.LatencyP99Ms >= 0);
                }
                else
                {
                    // No maximum: an unbounded loop over calls must be in the tree, outside every [FanOut] bound.
                    Assert.True(CallTreeGen.HasUnboundedLoopOfCalls(tp.Tree), "unbounded without an unbounded loop of calls");
                }

                if (estimate.Availability is null)
                {
                    // Unknown availability never meets a target (an unbounded loop whose calls are all optional
                    // does not make the task's availability unknown, only its cost).
                    Assert.True(estimate.IsUnbounded);
                    Assert.False(estimate.Meets(0.5));
                }
            },
            iter: Iterations,
            print: Print);
    }

    [Fact]
    public void Reusing_availability_independent_subtrees_changes_no_figure()
    {
        // The requirement solver evaluates a tree under many availabilities and reuses, from a first evaluation, the
        // subtrees whose figures cannot depend on them (best-effort calls and what they reach). The trees share
        // subtrees (as callers share callee trees) so reused and re-evaluated paths meet.
        Gen.Select(TreeAndParameters, CallTreeGen.Tree(maxDepth: 3), Gen.Double[0.5, 1.0]).Sample(
            (tp, other, a) =>
            {
                var shared = CallTree.Sequence(tp.Tree, CallTree.Optional(CallTree.Sequence(other, tp.Tree)), CallTree.Fallback(other, CallTree.Optional(tp.Tree)));
                var reference = CallTreeEvaluator.ForAvailabilityScan(tp.Parameters.WithUniformAvailability(0.97));
                reference.EvaluateTask(shared);
                var parameters = tp.Parameters.WithUniformAvailability(a);
                var reused = reference.WithAvailabilityOf(parameters).EvaluateTask(shared);
                var fresh = new CallTreeEvaluator(parameters).EvaluateTask(shared);
                Assert.Equal(fresh.Availability, reused.Availability);
                Assert.Equal(fresh.MinCalls, reused.MinCalls);
                Assert.Equal(fresh.MaxCalls, reused.MaxCalls);
                Assert.Equal(fresh.EssentialCalls, reused.EssentialCalls);
                Assert.Equal(fresh.LatencyP99Ms, reused.LatencyP99Ms);
                Assert.Equal(fresh.OutageFactor, reused.OutageFactor);
            },
            iter: Iterations,
            print: t => Print(t.Item1) + " + " + t.Item2 + " at " + t.Item3);
    }

    [Fact]
    public void A_solver_shared_by_tasks_that_share_subtrees_answers_as_a_fresh_one()
    {
        Gen.Select(TreeAndParameters, CallTreeGen.Tree(maxDepth: 3), Gen.Double[0.5, 0.999]).Sample(
            (tp, other, target) =>
            {
                // Three tasks over one shared subtree, one of it best-effort, solved in turn by one solver.
                var tasks = new[]
                {
                    CallTree.Sequence(other, CallTree.Optional(tp.Tree)),
                    CallTree.Sequence(tp.Tree, other),
                    CallTree.Fallback(CallTree.Optional(other), tp.Tree),
                };
                var shared = new RequirementSolver(tp.Parameters);
                foreach (var task in tasks)
                {
                    Assert.Equal(RequirementSolver.RequiredPerCallAvailability(task, tp.Parameters, target), shared.RequiredPerCallAvailability(task, target));
                }
            },
            iter: Iterations,
            print: t => Print(t.Item1) + " + " + t.Item2 + " target " + t.Item3);
    }

    [Fact]
    public void The_back_solved_per_call_availability_meets_the_target_and_slightly_less_does_not()
    {
        Gen.Select(TreeAndParameters, Gen.Double[0.5, 0.999]).Sample(
            (tp, target) =>
            {
                double? At(double a) => new CallTreeEvaluator(tp.Parameters.WithUniformAvailability(a)).EvaluateTask(tp.Tree).Availability;

                double? required = RequirementSolver.RequiredPerCallAvailability(tp.Tree, tp.Parameters, target);
                if (required is not double q)
                {
                    // Unbounded, or the outages alone break the target.
                    Assert.True(At(1.0) is not double best || best < target);
                    return;
                }

                Assert.InRange(q, 0.0, 1.0);
                if (q == 0)
                {
                    Assert.True(At(1e-12) >= target);
                    return;
                }

                var meets = new CallTreeEvaluator(tp.Parameters.WithUniformAvailability(q)).EvaluateTask(tp.Tree);
                Assert.True(meets.Meets(target), $"at {q:R}: {meets.Availability:R} < {target:R}");
                if (q > 1e-6)
                {
                    Assert.True(At(q - 1e-6) < target, $"at {q - 1e-6:R}: {At(q - 1e-6):R} >= {target:R}");
                }
            },
            iter: 150,
            print: t => Print(t.Item1) + " target " + t.Item2);
    }

    [Fact]
    public void Sequential_calls_back_solve_to_the_nth_root()
    {
        Gen.Select(Gen.Int[1, 60], Gen.Double[0.5, 0.9999]).Sample(
            (n, target) =>
            {
                var tree = CallTree.Sequence(Enumerable.Range(0, n).Select(_ => CallTree.Call("openai")));
                double? required = RequirementSolver.RequiredPerCallAvailability(tree, ModelParameters.Default, target);
                Assert.NotNull(required);
                Assert.Equal(AvailabilityMath.RequiredPerCall(target, n), required!.Value, 1e-9);
            },
            iter: 40);
    }
}
