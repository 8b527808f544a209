using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// The walks that name a figure's largest part visit each node of a composed tree once: composed trees share their
/// callees' trees, so the paths through them can be exponentially many. On small random DAGs they agree with a walk
/// over every path, the way these walks were first written; on a DAG of 2^62 paths they finish.
/// </summary>
public class TreeWalkTests
{
    private static readonly Func<CallTree, TreeEstimate> Probe = new CallTreeEvaluator().Evaluate;

    [Fact]
    public void The_largest_dispatch_is_the_one_a_walk_over_every_path_finds_first()
    {
        int named = 0, multiplied = 0, unbounded = 0;
        for (int seed = 0; seed < 2000; seed++)
        {
            var tree = RandomDag(new Random(seed));
            string? expected = LargestDispatchOverEveryPath(tree);
            Assert.Equal(expected, DispatchText.DescribeLargest(tree, Probe));
            named += expected is null ? 0 : 1;
            multiplied += expected?.Contains(" × ") == true ? 1 : 0;
            unbounded += expected?.Contains("IC.Run") == true ? 1 : 0;
        }

        // The samples cover every case: no dispatch, a dispatch in loops, an unbounded one.
        Assert.InRange(named, 500, 1900);
        Assert.InRange(multiplied, 100, 1900);
        Assert.InRange(unbounded, 100, 1900);
    }

    [Fact]
    public void The_largest_dispatch_of_a_dag_of_2_to_the_62_paths_is_found()
    {
        var dispatch = CallTree.Dispatch("IStep.RunAsync", new[] { ("Light", CallTree.Call("openai")), ("Heavy", CallTree.Sequence(CallTree.Call("openai"), CallTree.Call("openai"))) });
        var tree = CallTree.Loop(dispatch, 3, 3);
        for (int i = 0; i < 62; i++)
        {
            tree = CallTree.Sequence(CallTree.Loop(tree, 1, 1), CallTree.Loop(tree, 1, 1));
        }

        Assert.Equal("3 × IStep.RunAsync: 2 implementations, 1–2 calls; worst: Heavy", DispatchText.DescribeLargest(tree, Probe));
    }

    [Fact]
    public void The_path_to_the_largest_call_weighs_a_callees_sequence_by_its_parts()
    {
        int named = 0;
        for (int seed = 0; seed < 2000; seed++)
        {
            var tree = RandomComposition(new Random(seed));
            var expected = PathOverSplicedParts(tree);
            Assert.Equal(expected, Contributors.PathToLargestCall(tree, Probe));
            named += expected.Count > 1 ? 1 : 0;
        }

        Assert.InRange(named, 200, 1900);
    }

    [Fact]
    public void The_path_to_the_largest_call_of_a_dag_of_2_to_the_62_paths_is_found()
    {
        var tree = CallTree.Call("openai");
        for (int i = 62; i > 0; i--)
        {
            tree = CallTree.Sequence(tree.WithFrame(new MethodFrame("Agent.M" + i, null)), tree.WithFrame(new MethodFrame("Agent.M" + i, null)));
        }

        Assert.Equal(Enumerable.Range(1, 62).Select(i => "M" + i), Contributors.PathToLargestCall(tree, Probe));
    }

    [Theory]
    [InlineData("Calls")]
    [InlineData("EssentialCalls")]
    [InlineData("Latency")]
    public void Contributors_do_not_depend_on_what_the_thread_walked_before(string measureName)
    {
        var measure = Enum.Parse<ContributionMeasure>(measureName);
        // The walk keeps its tables per thread from one task to the next, and drops them after a very large task: a
        // tree's contributors are the same first, after other trees, and after one of 20,000 calls.
        var trees = Enumerable.Range(0, 300).Select(seed => RandomPlacedDag(new Random(seed))).ToList();
        var huge = CallTree.Sequence(Enumerable.Range(0, 20_000).Select(i => Placed(CallTree.Call("openai"), 100_000 + i)).ToList());
        var first = new List<string>();
        foreach (var tree in trees)
        {
            first.Add(Describe(Contributors.Of(tree, measure, new CallTreeEvaluator().Evaluate)));
        }

        Assert.Equal(20_000, Contributors.Of(huge, measure, Probe).Count);
        var evaluate = new CallTreeEvaluator().Evaluate;
        for (int i = trees.Count - 1; i >= 0; i--)
        {
            Assert.Equal(first[i], Describe(Contributors.Of(trees[i], measure, evaluate)));
        }

        Assert.Contains(first, text => text.Split(';').Length > 3); // the samples have several contributors
    }

    /// <summary>A DAG of up to 14 nodes whose calls and loops have places, as composed trees of a build have.</summary>
    private static CallTree RandomPlacedDag(Random random)
    {
        int place = 0;
        var nodes = new List<CallTree> { Placed(CallTree.Call("openai"), place++), Placed(CallTree.Call("anthropic"), place++) };
        int count = random.Next(1, 13);
        for (int i = 0; i < count; i++)
        {
            CallTree Pick() => nodes[random.Next(nodes.Count)];
            nodes.Add(random.Next(7) switch
            {
                0 => Placed(CallTree.Loop(Pick(), 1, random.Next(1, 5)), place++),
                1 => Placed(CallTree.Loop(Pick(), 1, random.Next(1, 5), concurrent: true), place++),
                2 => CallTree.Retry(Pick(), 2),
                3 => CallTree.Branch(Pick(), Pick()),
                4 => CallTree.Parallel(Pick(), Pick()),
                5 => Placed(CallTree.Call("openai"), place++),
                _ => CallTree.Sequence(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Pick()).ToList()),
            });
        }

        return nodes[^1];
    }

    private static CallTree Placed(CallTree node, int start)
        => node.WithPlace(new SourcePlace(Microsoft.CodeAnalysis.Location.Create("Agent.cs", new Microsoft.CodeAnalysis.Text.TextSpan(start, 1), new Microsoft.CodeAnalysis.Text.LinePositionSpan(new(start, 0), new(start, 1))), "place " + start));

    private static string Describe(List<Contributor> contributors)
        => string.Join("; ", contributors.Select(c => c.Place.ShortText + (c.IsLoop ? " loop " : " call ") + c.AmountText));

    /// <summary>A composed tree of up to 12 nodes: calls, loops, sequences and parallels, some entered through a method.</summary>
    private static CallTree RandomComposition(Random random)
    {
        var nodes = new List<CallTree> { CallTree.Call("openai"), CallTree.Loop(CallTree.Call("openai"), 2, 2) };
        int count = random.Next(1, 11);
        for (int i = 0; i < count; i++)
        {
            CallTree Pick() => nodes[random.Next(nodes.Count)];
            List<CallTree> Some() => Enumerable.Range(0, random.Next(2, 4)).Select(_ => Pick()).ToList();
            nodes.Add(random.Next(5) switch
            {
                0 => CallTree.Loop(Pick(), 0, random.Next(1, 4)),
                1 => CallTree.Parallel(Some()),
                2 or 3 => Pick().WithFrame(new MethodFrame("Agent.M" + i, null)),
                _ => CallTree.Sequence(Some()),
            });
        }

        return nodes[^1];
    }

    /// <summary>
    /// The path as <see cref="Contributors.PathToLargestCall"/> was first written, over a tree whose sequences had a
    /// callee's sequence spliced in, each part carrying the callee's frames before its own.
    /// </summary>
    private static List<string> PathOverSplicedParts(CallTree tree)
    {
        var path = new List<string>();
        void Enter(IEnumerable<MethodFrame> frames)
        {
            foreach (var frame in frames)
            {
                string name = frame.Method.Substring(frame.Method.LastIndexOf('.') + 1);
                if (path.Count == 0 || path[^1] != name)
                {
                    path.Add(name);
                }
            }
        }

        var node = tree;
        Enter(node.Frames);
        while (!(node is CallNode or DeclaredNode || node.ChildNodes.IsEmpty))
        {
            var parts = new List<(CallTree Part, List<MethodFrame> Outer)>();
            Splice(node, new List<MethodFrame>(), parts);
            (CallTree Part, List<MethodFrame> Outer)? next = null;
            double most = 0;
            foreach (var part in parts)
            {
                double amount = Probe(part.Part).MaxCalls ?? double.PositiveInfinity;
                if (amount > most)
                {
                    next = part;
                    most = amount;
                }
            }

            if (next is not { } chosen)
            {
                break;
            }

            Enter(chosen.Outer);
            Enter(chosen.Part.Frames);
            node = chosen.Part;
        }

        return path;
    }

    private static void Splice(CallTree group, List<MethodFrame> outer, List<(CallTree, List<MethodFrame>)> parts)
    {
        foreach (var child in group.ChildNodes)
        {
            if (!child.Frames.IsEmpty && ((group is SequenceNode && child is SequenceNode) || (group is ParallelNode && child is ParallelNode)))
            {
                Splice(child, outer.Concat(child.Frames).ToList(), parts);
            }
            else
            {
                parts.Add((child, outer));
            }
        }
    }

    /// <summary>A DAG of up to 12 nodes over calls and dispatches: each new node takes earlier ones as children.</summary>
    private static CallTree RandomDag(Random random)
    {
        var nodes = new List<CallTree>
        {
            CallTree.Call("openai"),
            CallTree.Dispatch("IA.Run", new[] { ("A1", CallTree.Call("openai")), ("A2", CallTree.Sequence(CallTree.Call("openai"), CallTree.Call("openai"))) }),
            CallTree.Dispatch("IB.Run", new[] { ("B1", (CallTree)CallTree.Sequence(CallTree.Call("openai"), CallTree.Call("openai"))) }),
            CallTree.Dispatch("IC.Run", new[] { ("C1", CallTree.Unbounded(CallTree.Call("openai"), "loop")) }),
        };
        int count = random.Next(1, 9);
        for (int i = 0; i < count; i++)
        {
            CallTree Pick() => nodes[random.Next(nodes.Count)];
            nodes.Add(random.Next(7) switch
            {
                0 => CallTree.Loop(Pick(), 0, random.Next(0, 4)),
                1 => CallTree.Unbounded(Pick(), "loop"),
                2 => CallTree.Retry(Pick(), 1),
                3 => CallTree.Branch(Pick(), Pick()),
                4 => Pick().WithFrame(new MethodFrame("Agent.M" + i, null)),
                _ => CallTree.Sequence(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Pick()).ToList()),
            });
        }

        return nodes[^1];
    }

    /// <summary>The walk over every path, as <see cref="DispatchText.DescribeLargest"/> was first written.</summary>
    private static string? LargestDispatchOverEveryPath(CallTree tree)
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
                long calls = Probe(dispatch).MaxCalls is long max ? Saturating(max, times) : long.MaxValue;
                if (calls > largestCalls && calls > 0)
                {
                    largest = dispatch;
                    largestCalls = calls;
                    largestTimes = times;
                }

                continue;
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

        string prefix = largestTimes > 1 ? largestTimes + " × " : string.Empty;
        return prefix + largest.DispatchedMember + ": " + DispatchText.DescribeImplementations(largest, Probe);
    }

    private static long Saturating(long a, long b) => b != 0 && a > long.MaxValue / b ? long.MaxValue : a * b;
}
