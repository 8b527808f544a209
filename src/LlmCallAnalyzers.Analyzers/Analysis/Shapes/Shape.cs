using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// The shape of one method body as far as LLM calls go: calls, calls of other source methods, and the control flow
/// between them. Built once per method from IOperation (<see cref="ShapeBuilder"/>); <see cref="TaskComposer"/> turns
/// it into a model <see cref="Model.CallTree"/> when a tree is first asked for.
/// </summary>
/// <remarks>
/// Why a stage of its own rather than a <see cref="Model.CallTree"/> built directly: a shape is what one method says
/// before anything else is known, and its leaves are unresolved — <see cref="InvokeShape"/>,
/// <see cref="DispatchShape"/> and <see cref="DelegateInvokeShape"/> name Roslyn symbols whose trees are composed later
/// (recursion is only known once the call graph's components are), a <see cref="CallShape"/>'s receiver and a
/// <see cref="PipelineShape"/>'s pipeline are aliases of members whose facts are read on demand, a
/// <see cref="StartedShape"/> marks work whose caller decides whether it is awaited, and <see cref="LoopShape"/> keeps
/// the loop's location and bound text. The same shape is converted more than once (as written, and with every
/// unbounded source assumed to stop, for LLM002's suggested bound), and LLM001 reads the loops around each call
/// (<see cref="CallShape.Loop"/>), which a call tree does not keep. The model has no Roslyn types, so it cannot hold any
/// of this. <see cref="SequenceShape"/>, <see cref="ParallelShape"/>, <see cref="BranchShape"/>,
/// <see cref="OptionalShape"/> and <see cref="FallbackShape"/> do mirror call-tree nodes one to one; they stay because
/// their children are shapes (with unresolved leaves), not trees.
/// </remarks>
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
