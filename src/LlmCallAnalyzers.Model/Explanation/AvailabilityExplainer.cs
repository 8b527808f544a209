using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;

namespace LlmCallAnalyzers.Model;

/// <summary>
/// Writes out how <see cref="CallTreeEvaluator"/> composes a task's availability: one step per node on a path to a call,
/// children first, each with the formula a reader can redo with a calculator (a product for a sequence, a power for a
/// loop, the worst arm of a branch, 1 − (correlated + transient × (1 − S)^k) for a retry). Each step's value is
/// computed from its inputs' values by that very formula, so the last one is the evaluator's figure.
/// </summary>
public static class AvailabilityExplainer
{
    /// <summary>Explains <paramref name="tree"/> under <paramref name="parameters"/>.</summary>
    public static AvailabilityExplanation Explain(CallTree tree, ModelParameters parameters)
    {
        if (tree is null) throw new ArgumentNullException(nameof(tree));
        if (parameters is null) throw new ArgumentNullException(nameof(parameters));
        var evaluator = new CallTreeEvaluator(parameters);
        var task = evaluator.EvaluateTask(tree);
        var steps = new List<ExplanationStep>();
        if (task.Availability is null || evaluator.Evaluate(tree).MaxCalls == 0)
        {
            return new AvailabilityExplanation(steps, null, task);
        }

        var done = new Dictionary<CallTree, ExplanationStep>(CallTreeEvaluator.ReferenceEqualityComparer.Instance);
        var stack = new Stack<(CallTree Node, bool Expanded)>();
        stack.Push((tree, false));
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            if (done.ContainsKey(node) || evaluator.Evaluate(node).MaxCalls == 0)
            {
                continue;
            }

            if (!expanded)
            {
                stack.Push((node, true));
                var children = node is DeclaredNode or OptionalNode ? ImmutableArray<CallTree>.Empty : node.ChildNodes;
                for (int i = children.Length - 1; i >= 0; i--)
                {
                    stack.Push((children[i], false));
                }

                continue;
            }

            var step = Step(steps.Count + 1, node, done, evaluator, parameters);
            steps.Add(step);
            done[node] = step;
        }

        return new AvailabilityExplanation(steps, done[tree], task);
    }

    /// <summary>Six decimals, the precision of every operand the steps write out.</summary>
    public static string Number(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);

    private static ExplanationStep Step(int number, CallTree node, Dictionary<CallTree, ExplanationStep> done, CallTreeEvaluator evaluator, ModelParameters parameters)
    {
        switch (node)
        {
            case CallNode call:
            {
                double a = parameters.AvailabilityOf(call.Provider, call.Model);
                string who = call.Provider + (call.Model is null ? string.Empty : "/" + call.Model);
                return new ExplanationStep(number, node, ImmutableArray<int>.Empty, "a(" + who + ") = " + Number(a), a);
            }

            case SequenceNode or ParallelNode:
            {
                var inputs = Inputs(node.ChildNodes, done);
                double value = 1;
                foreach (var input in inputs)
                {
                    value *= input.Value;
                }

                string formula = inputs.Count == 0 ? "1 (no essential call)"
                    : inputs.Count == 1 ? Ref(inputs[0]) + " = " + Number(value)
                    : string.Join(" × ", inputs.Select(Ref)) + " = " + string.Join(" × ", inputs.Select(i => Number(i.Value))) + " = " + Number(value);
                return new ExplanationStep(number, node, Numbers(inputs), formula, value);
            }

            case LoopNode loop:
            {
                var body = done[loop.Body];
                int n = loop.MaxIterations!.Value;
                double value = Math.Pow(body.Value, n);
                string formula = Ref(body) + " ^ " + Count(n) + " (at most " + Count(n) + " iteration" + (n == 1 ? string.Empty : "s") + ") = "
                    + Number(body.Value) + " ^ " + Count(n) + " = " + Number(value);
                return new ExplanationStep(number, node, ImmutableArray.Create(body.Number), formula, value);
            }

            case BranchNode branch:
            {
                var inputs = Inputs(branch.Arms, done);
                bool callFreeArm = inputs.Count < branch.Arms.Length;
                double value = inputs.Count == 0 ? 1 : inputs.Min(i => i.Value);
                if (callFreeArm)
                {
                    value = Math.Min(value, 1);
                }

                var operands = inputs.Select(Ref).Concat(callFreeArm ? new[] { "1" } : Array.Empty<string>());
                var values = inputs.Select(i => Number(i.Value)).Concat(callFreeArm ? new[] { "1" } : Array.Empty<string>());
                string formula = "worst arm: min(" + string.Join(", ", operands) + ") = min(" + string.Join(", ", values) + ") = " + Number(value);
                return new ExplanationStep(number, node, Numbers(inputs), formula, value);
            }

            case RetryNode retry:
            {
                var body = done[retry.Body];
                double s = body.Value;
                double t = evaluator.Evaluate(retry.Body).TransientFailure ?? 0;
                int k = retry.ExtraAttempts;
                double correlated = Math.Max(0, 1 - s - t);
                double stillTransient = t * Math.Pow(1 - s, k);
                double value = 1 - (correlated + stillTransient);
                string formula = (retry.Hedged ? "hedged" : "retried") + " +" + Count(k) + ": S = " + Ref(body) + " = " + Number(s)
                    + ", transient share of its failures T = " + Number(t)
                    + "; 1 − ((1 − S − T) + T × (1 − S)^" + Count(k) + ") = 1 − (" + Number(correlated) + " + " + Number(t) + " × " + Number(1 - s) + "^" + Count(k) + ") = " + Number(value);
                return new ExplanationStep(number, node, ImmutableArray.Create(body.Number), formula, value);
            }

            case FallbackNode fallback:
            {
                var primary = Input(fallback.Primary, done);
                var secondary = Input(fallback.Secondary, done);
                double sp = primary?.Value ?? 1, ss = secondary?.Value ?? 1;
                var p = evaluator.Evaluate(fallback.Primary);
                var q = evaluator.Evaluate(fallback.Secondary);
                double tp = p.TransientFailure ?? 0;
                double pp = 1 - sp, ps = 1 - ss;
                double value;
                string formula;
                string refs = (primary is null ? "1" : Ref(primary)) + " (primary), " + (secondary is null ? "1" : Ref(secondary)) + " (fallback)";
                if (p.Providers.Overlaps(q.Providers))
                {
                    double correlated = Math.Max(0, pp - tp);
                    value = 1 - (correlated + (tp * ps));
                    formula = refs + ", same provider: only a transient failure T = " + Number(tp) + " falls back; 1 − ((1 − Sp − T) + T × (1 − Sf)) = 1 − ("
                        + Number(correlated) + " + " + Number(tp) + " × " + Number(ps) + ") = " + Number(value);
                }
                else
                {
                    value = 1 - (pp * ps);
                    formula = refs + ", another provider: 1 − (1 − Sp) × (1 − Sf) = 1 − " + Number(pp) + " × " + Number(ps) + " = " + Number(value);
                }

                var inputs = new[] { primary, secondary }.Where(i => i is not null).Select(i => i!.Number).ToImmutableArray();
                return new ExplanationStep(number, node, inputs, formula, value);
            }

            case OptionalNode:
                return new ExplanationStep(number, node, ImmutableArray<int>.Empty, "1 (its failure is caught: not essential)", 1);
            case DeclaredNode declared:
            {
                var estimate = evaluator.Evaluate(declared.Body);
                var providers = estimate.Providers;
                double perCall = providers.Count > 0 ? providers.Min(pr => parameters.AvailabilityOf(pr)) : parameters.CallAvailability;
                int n = declared.MaxCalls;
                double value = Math.Pow(perCall, n);
                string formula = "[FanOut(" + Count(n) + ")] declares " + Count(n) + " essential call" + (n == 1 ? string.Empty : "s")
                    + " at the worst provider's availability: " + Number(perCall) + " ^ " + Count(n) + " = " + Number(value);
                return new ExplanationStep(number, node, ImmutableArray<int>.Empty, formula, value);
            }

            default:
                throw new NotSupportedException("Unknown call tree node " + node.GetType().Name);
        }
    }

    private static List<ExplanationStep> Inputs(ImmutableArray<CallTree> children, Dictionary<CallTree, ExplanationStep> done)
    {
        var list = new List<ExplanationStep>();
        foreach (var child in children)
        {
            if (Input(child, done) is { } step)
            {
                list.Add(step);
            }
        }

        return list;
    }

    private static ExplanationStep? Input(CallTree child, Dictionary<CallTree, ExplanationStep> done)
        => done.TryGetValue(child, out var step) ? step : null;

    private static ImmutableArray<int> Numbers(List<ExplanationStep> inputs) => inputs.Select(i => i.Number).ToImmutableArray();

    private static string Ref(ExplanationStep step) => "[" + step.Number.ToString(CultureInfo.InvariantCulture) + "]";

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);
}
