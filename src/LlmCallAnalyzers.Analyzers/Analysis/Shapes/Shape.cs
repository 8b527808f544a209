using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// The shape of one method body as far as LLM calls go: calls, calls of other source methods (resolved once every
/// method is summarized), and the control flow between them. Built once per method from IOperation; converted to a
/// model <see cref="Model.CallTree"/> at compilation end.
/// </summary>
internal abstract class Shape
{
    public static readonly Shape Empty = new SequenceShape(ImmutableArray<Shape>.Empty);

    public bool IsEmpty => this is SequenceShape { Children.Length: 0 };

    public static Shape Sequence(ImmutableArray<Shape> children)
    {
        var sequence = default(ShapeSequence);
        foreach (var child in children)
        {
            sequence.Add(child);
        }

        return sequence.ToShape();
    }

    /// <summary><paramref name="first"/> then <paramref name="second"/>; allocates only when both are non-empty.</summary>
    public static Shape Sequence(Shape first, Shape second)
    {
        if (first.IsEmpty)
        {
            return second;
        }

        if (second.IsEmpty)
        {
            return first;
        }

        var sequence = default(ShapeSequence);
        sequence.Add(first);
        sequence.Add(second);
        return sequence.ToShape();
    }

    public static Shape Parallel(ImmutableArray<Shape> children)
    {
        var nonEmpty = children.RemoveAll(c => c.IsEmpty);
        return nonEmpty.Length switch
        {
            0 => Empty,
            1 => nonEmpty[0],
            _ => new ParallelShape(nonEmpty),
        };
    }

    public static Shape Branch(ImmutableArray<Shape> arms)
    {
        if (arms.IsEmpty || arms.All(a => a.IsEmpty))
        {
            return Empty;
        }

        return arms.Length == 1 ? arms[0] : new BranchShape(arms);
    }

    /// <summary>One of two arms (an empty arm is the path that makes no call); empty when both are.</summary>
    public static Shape Branch(Shape first, Shape second)
        => first.IsEmpty && second.IsEmpty ? Empty : new BranchShape(ImmutableArray.Create(first, second));
}
