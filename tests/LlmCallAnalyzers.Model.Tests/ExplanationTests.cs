using CsCheck;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Model.Tests;

/// <summary>
/// Places and frames explain a figure without changing it, and the written-out arithmetic ends in the evaluator's
/// figure, over random call trees and parameters.
/// </summary>
public class ExplanationTests
{
    private const long Iterations = 300;

    private static readonly Gen<(CallTree Tree, ModelParameters Parameters)> TreeAndParameters =
        Gen.Select(CallTreeGen.Tree(unbounded: true), CallTreeGen.Parameters);

    private static readonly NodePlace Here = new("/src/Agent.cs", 12, "for i < 4");

    private static readonly MethodFrame Entered = new("Agent.StepAsync", new NodePlace("/src/Agent.cs", 30, null));

    /// <summary>Every node of <paramref name="tree"/> with a place and a frame (rebuilt bottom-up through the public factories).</summary>
    private static CallTree Annotated(CallTree tree)
        => CallTreeRewriter.Rewrite(tree, node => node.ChildNodes.IsEmpty ? node.WithPlace(Here).WithFrame(Entered) : null)
            .WithPlace(Here).WithFrame(Entered);

    [Fact]
    public void Places_and_frames_change_no_figure()
    {
        TreeAndParameters.Sample(
            tp =>
            {
                var plain = new CallTreeEvaluator(tp.Parameters).EvaluateTask(tp.Tree);
                var annotated = Annotated(tp.Tree);
                var placed = new CallTreeEvaluator(tp.Parameters).EvaluateTask(annotated);
                Assert.Equal(plain.Availability, placed.Availability);
                Assert.Equal(plain.MinCalls, placed.MinCalls);
                Assert.Equal(plain.MaxCalls, placed.MaxCalls);
                Assert.Equal(plain.LatencyP99Ms, placed.LatencyP99Ms);
                Assert.Equal(tp.Tree.ToString(), annotated.ToString());
            },
            iter: Iterations,
            print: tp => tp.Tree + " | " + CallTreeGen.Print(tp.Parameters));
    }

    [Fact]
    public void A_callees_sequence_stays_one_shared_child_with_its_method_and_figures()
    {
        var calleeTree = CallTree.Sequence(CallTree.Call("openai"), CallTree.Loop(CallTree.Call("openai"), 3, 3));
        var task = CallTree.Sequence(CallTree.Call("anthropic"), calleeTree.WithFrame(Entered), CallTree.Call("anthropic"));

        var parts = ((SequenceNode)task).Children;
        Assert.Equal(3, parts.Length);
        Assert.Empty(parts[0].Frames);
        Assert.Same(Entered, Assert.Single(parts[1].Frames));
        Assert.Equal(((SequenceNode)calleeTree).Children, ((SequenceNode)parts[1]).Children); // shared, not copied
        Assert.Empty(parts[2].Frames);
        var unframed = CallTree.Sequence(CallTree.Call("anthropic"), CallTree.Call("openai"), CallTree.Loop(CallTree.Call("openai"), 3, 3), CallTree.Call("anthropic"));
        Assert.Equal(new CallTreeEvaluator().EvaluateTask(unframed).Availability!.Value, new CallTreeEvaluator().EvaluateTask(task).Availability!.Value, 15);

        // A sequence not entered through a method is spliced in as before.
        Assert.Equal(4, ((SequenceNode)CallTree.Sequence(CallTree.Call("anthropic"), calleeTree, CallTree.Call("anthropic"))).Children.Length);
    }

    [Fact]
    public void The_steps_end_in_the_evaluators_figure()
    {
        TreeAndParameters.Sample(
            tp =>
            {
                var evaluator = new CallTreeEvaluator(tp.Parameters);
                var explanation = AvailabilityExplainer.Explain(tp.Tree, tp.Parameters);
                var tree = evaluator.Evaluate(tp.Tree);
                if (evaluator.EvaluateTask(tp.Tree).Availability is null || tree.MaxCalls == 0)
                {
                    Assert.Empty(explanation.Steps);
                    return;
                }

                Assert.NotNull(explanation.Root);
                Assert.Equal(tree.CallAvailability!.Value, explanation.Root!.Value, 12);
                foreach (var step in explanation.Steps)
                {
                    Assert.Equal(evaluator.Evaluate(step.Node).CallAvailability!.Value, step.Value, 12);
                    Assert.All(step.Inputs, i => Assert.True(i < step.Number, "a step uses only earlier steps"));
                }
            },
            iter: Iterations,
            print: tp => tp.Tree + " | " + CallTreeGen.Print(tp.Parameters));
    }

    [Fact]
    public void A_loop_of_calls_is_written_as_a_power_a_reader_can_redo()
    {
        var tree = CallTree.Sequence(CallTree.Call("openai"), CallTree.Loop(CallTree.Call("openai"), 0, 4).WithPlace(Here));
        var explanation = AvailabilityExplainer.Explain(tree, ModelParameters.Default);

        Assert.Equal(
            new[] { "a(openai) = 0.999000", "a(openai) = 0.999000", "[2] ^ 4 (at most 4 iterations) = 0.999000 ^ 4 = 0.996006", "[1] × [3] = 0.999000 × 0.996006 = 0.995010" },
            explanation.Steps.Select(s => s.Formula));
        Assert.Equal("[4] × 1.000000 (provider outages, once per provider) = 0.995010 → 99.50 %", explanation.TaskFormula);
        Assert.Equal(Math.Pow(0.999, 5), explanation.Task.Availability!.Value, 12);
    }

    [Fact]
    public void A_rewrite_keeps_what_it_does_not_replace()
    {
        var loop = CallTree.Loop(CallTree.Call("openai"), 4, 4).WithPlace(Here);
        var tree = CallTree.Sequence(CallTree.Call("anthropic").WithFrame(Entered), loop);
        var shorter = CallTreeRewriter.Rewrite(tree, n => ReferenceEquals(n, loop) ? CallTree.Loop(CallTree.Call("openai"), 2, 2) : null);

        Assert.Equal("seq(call anthropic, loop[2](call openai))", shorter.ToString());
        Assert.Same(((SequenceNode)tree).Children[0], ((SequenceNode)shorter).Children[0]);
        Assert.Same(tree, CallTreeRewriter.Rewrite(tree, _ => null));
    }
}
