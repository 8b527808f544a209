using System.Collections.Generic;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>Enumerates the leaves of a shape without recursion.</summary>
internal static class ShapeWalker
{
    public static IEnumerable<CallShape> Calls(Shape root)
    {
        foreach (var leaf in Leaves(root))
        {
            if (leaf is CallShape call)
            {
                yield return call;
            }
        }
    }

    public static IEnumerable<InvokeShape> Invocations(Shape root)
    {
        foreach (var leaf in Leaves(root))
        {
            if (leaf is InvokeShape invoke)
            {
                yield return invoke;
            }
        }
    }

    public static IEnumerable<Shape> Leaves(Shape root)
    {
        if (root.IsEmpty)
        {
            yield break;
        }

        if (root is CallShape or InvokeShape)
        {
            yield return root;
            yield break;
        }

        var stack = new Stack<Shape>(16);
        stack.Push(root);
        while (stack.Count > 0)
        {
            var shape = stack.Pop();
            if (!PushChildren(stack, shape))
            {
                yield return shape;
            }
        }
    }

    /// <summary>Every shape under <paramref name="root"/>, composites included, depth first.</summary>
    public static IEnumerable<Shape> All(Shape root)
    {
        var stack = new Stack<Shape>(16);
        stack.Push(root);
        while (stack.Count > 0)
        {
            var shape = stack.Pop();
            yield return shape;
            PushChildren(stack, shape);
        }
    }

    /// <summary>Pushes a composite shape's children (last first, so they pop in order); false for a leaf.</summary>
    private static bool PushChildren(Stack<Shape> stack, Shape shape)
    {
        switch (shape)
        {
            case SequenceShape s:
                for (int i = s.Children.Length - 1; i >= 0; i--) stack.Push(s.Children[i]);
                return true;
            case ParallelShape p:
                for (int i = p.Children.Length - 1; i >= 0; i--) stack.Push(p.Children[i]);
                return true;
            case BranchShape b:
                for (int i = b.Arms.Length - 1; i >= 0; i--) stack.Push(b.Arms[i]);
                return true;
            case LoopShape l:
                stack.Push(l.Body);
                return true;
            case RetryShape r:
                stack.Push(r.Body);
                return true;
            case PipelineShape pl:
                stack.Push(pl.Body);
                return true;
            case StartedShape st:
                stack.Push(st.Body);
                return true;
            case OptionalShape o:
                stack.Push(o.Body);
                return true;
            case FallbackShape f:
                stack.Push(f.Secondary);
                stack.Push(f.Primary);
                return true;
            default:
                return false;
        }
    }
}
