using System.Collections.Immutable;

namespace LlmCallAnalyzers.Model;

/// <summary>
/// One step of the written-out arithmetic of a task's availability: a node of its call tree, the formula that gives the
/// node's availability from its children's steps, and the value.
/// </summary>
public sealed class ExplanationStep
{
    internal ExplanationStep(int number, CallTree node, ImmutableArray<int> inputs, string formula, double value)
    {
        Number = number;
        Node = node;
        Inputs = inputs;
        Formula = formula;
        Value = value;
    }

    /// <summary>The step's number, from 1; later steps refer to earlier ones as <c>[n]</c>.</summary>
    public int Number { get; }

    /// <summary>The node the step computes.</summary>
    public CallTree Node { get; }

    /// <summary>The numbers of the steps the formula uses.</summary>
    public ImmutableArray<int> Inputs { get; }

    /// <summary>The formula with its operands written out, e.g. <c>[2] ^ 4 = 0.997003 ^ 4 = 0.988054</c>.</summary>
    public string Formula { get; }

    /// <summary>The node's availability (outages excluded), exactly as the formula computes it.</summary>
    public double Value { get; }
}
