using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LlmCallAnalyzers.Model;

/// <summary>
/// An immutable tree describing the LLM calls one task makes: single calls composed in sequence, in parallel,
/// in loops, in branches, under retries, hedges and fallbacks. Evaluate it with <see cref="CallTreeEvaluator"/>.
/// </summary>
public abstract class CallTree
{
    private protected CallTree()
    {
    }

    /// <summary>The tree that makes no call.</summary>
    public static CallTree Empty { get; } = new SequenceNode(ImmutableArray<CallTree>.Empty);

    /// <summary>One logical LLM call to <paramref name="provider"/> (and optionally <paramref name="model"/>).</summary>
    public static CallTree Call(string provider, string? model = null, bool fineTuned = false, string? label = null)
        => new CallNode(provider ?? throw new ArgumentNullException(nameof(provider)), model, fineTuned, label);

    /// <summary>Children run one after another; all must succeed.</summary>
    public static CallTree Sequence(params CallTree[] children) => Sequence((IEnumerable<CallTree>)children);

    /// <summary>
    /// Children run one after another; all must succeed. A child sequence is spliced in, unless it was entered through
    /// a method (it has <see cref="Frames"/>): that is a callee's tree, shared by all its callers, and splicing copies of
    /// its parts into every caller would make a tree exponential in the depth of the call graph (a method calling the
    /// next one twice, thirty levels deep, has 2^30 paths to its one call). It stays one child, and evaluates the same.
    /// </summary>
    public static CallTree Sequence(IEnumerable<CallTree> children)
    {
        var list = Flatten<SequenceNode>(children, static s => s.Children);
        return list.Length == 1 ? list[0] : new SequenceNode(list);
    }

    /// <summary>Children run concurrently (<c>Task.WhenAll</c>); all must succeed.</summary>
    public static CallTree Parallel(params CallTree[] children) => Parallel((IEnumerable<CallTree>)children);

    /// <summary>
    /// Children run concurrently (<c>Task.WhenAll</c>); all must succeed. A child parallel is spliced in unless it was
    /// entered through a method (see <see cref="Sequence(IEnumerable{CallTree})"/>).
    /// </summary>
    public static CallTree Parallel(IEnumerable<CallTree> children)
    {
        var list = Flatten<ParallelNode>(children, static p => p.Children);
        return list.Length switch
        {
            0 => Empty,
            1 => list[0],
            _ => new ParallelNode(list),
        };
    }

    /// <summary>
    /// The body runs between <paramref name="minIterations"/> and <paramref name="maxIterations"/> times;
    /// a null maximum means the code shows no bound. When <paramref name="concurrent"/> the iterations run in
    /// parallel (latency takes the max rather than the sum).
    /// </summary>
    public static CallTree Loop(CallTree body, int minIterations, int? maxIterations, bool concurrent = false)
    {
        if (body is null) throw new ArgumentNullException(nameof(body));
        if (minIterations < 0) throw new ArgumentOutOfRangeException(nameof(minIterations));
        if (maxIterations < minIterations) throw new ArgumentOutOfRangeException(nameof(maxIterations));
        return new LoopNode(body, minIterations, maxIterations, concurrent);
    }

    /// <summary>Exactly one arm runs (if / switch / conditional); the worst arm is the basis of the SLO check.</summary>
    public static CallTree Branch(params CallTree[] arms) => Branch((IEnumerable<CallTree>)arms);

    /// <summary>Exactly one arm runs (if / switch / conditional); the worst arm is the basis of the SLO check.</summary>
    public static CallTree Branch(IEnumerable<CallTree> arms)
    {
        var list = arms.ToImmutableArray();
        return list.Length switch
        {
            0 => Empty,
            1 => list[0],
            _ => new BranchNode(list),
        };
    }

    /// <summary>
    /// A virtual call: one of the implementations of <paramref name="member"/> runs, which one is decided at run time.
    /// Evaluated as a <see cref="Branch(IEnumerable{CallTree})"/> over the implementations (the worst one is the basis
    /// of the SLO check); the names are kept so that a report can say which implementation is the worst.
    /// </summary>
    public static CallTree Dispatch(string member, IEnumerable<(string Implementation, CallTree Tree)> implementations)
    {
        if (member is null) throw new ArgumentNullException(nameof(member));
        var list = implementations.ToImmutableArray();
        return list.Length switch
        {
            0 => Empty,
            _ => new BranchNode(list.Select(i => i.Tree).ToImmutableArray(), member, list.Select(i => i.Implementation).ToImmutableArray()),
        };
    }

    /// <summary>The body is retried up to <paramref name="extraAttempts"/> more times against the same provider.</summary>
    public static CallTree Retry(CallTree body, int extraAttempts)
    {
        if (body is null) throw new ArgumentNullException(nameof(body));
        if (extraAttempts < 0) throw new ArgumentOutOfRangeException(nameof(extraAttempts));
        return extraAttempts == 0 ? body : new RetryNode(body, extraAttempts, hedged: false, hedgeDelayMs: 0);
    }

    /// <summary>
    /// The body is hedged: up to <paramref name="extraAttempts"/> more concurrent attempts against the same provider,
    /// each started <paramref name="delayMs"/> after the previous one if it has not completed.
    /// </summary>
    public static CallTree Hedge(CallTree body, int extraAttempts, double delayMs = 0)
    {
        if (body is null) throw new ArgumentNullException(nameof(body));
        if (extraAttempts < 0) throw new ArgumentOutOfRangeException(nameof(extraAttempts));
        return extraAttempts == 0 ? body : new RetryNode(body, extraAttempts, hedged: true, hedgeDelayMs: delayMs);
    }

    /// <summary>When <paramref name="primary"/> fails, <paramref name="secondary"/> (usually another provider) runs.</summary>
    public static CallTree Fallback(CallTree primary, CallTree secondary)
        => new FallbackNode(primary ?? throw new ArgumentNullException(nameof(primary)), secondary ?? throw new ArgumentNullException(nameof(secondary)));

    /// <summary>The body's failure is caught and degraded: its calls are made but are not essential to the task.</summary>
    public static CallTree Optional(CallTree body) => new OptionalNode(body ?? throw new ArgumentNullException(nameof(body)));

    /// <summary>The body runs a number of times the code does not bound (recursion, a loop over data).</summary>
    public static CallTree Unbounded(CallTree body, string reason)
        => new LoopNode(body ?? throw new ArgumentNullException(nameof(body)), 0, null, concurrent: false, reason);

    /// <summary>
    /// A declared bound (<c>[FanOut(max)]</c>) replaces whatever the body computes: at most <paramref name="maxCalls"/>
    /// calls, modelled as that many essential calls to the body's providers.
    /// </summary>
    public static CallTree Declared(CallTree body, int maxCalls)
    {
        if (body is null) throw new ArgumentNullException(nameof(body));
        if (maxCalls < 0) throw new ArgumentOutOfRangeException(nameof(maxCalls));
        return new DeclaredNode(body, maxCalls);
    }

    /// <summary>
    /// Visits the tree depth-first, parents before children, without recursion; a subtree shared by several parents (a
    /// method's tree is shared by its callers) is visited once, where it is first reached, so the walk is linear in the
    /// nodes even when the paths through them are exponentially many.
    /// </summary>
    public IEnumerable<CallTree> DescendantsAndSelf()
    {
        var seen = new HashSet<CallTree>(CallTreeEvaluator.ReferenceEqualityComparer.Instance);
        var stack = new Stack<CallTree>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            yield return node;
            var children = node.ChildNodes;
            for (int i = children.Length - 1; i >= 0; i--)
            {
                if (!seen.Contains(children[i]))
                {
                    stack.Push(children[i]);
                }
            }
        }
    }

    /// <summary>The direct children of this node.</summary>
    public abstract ImmutableArray<CallTree> ChildNodes { get; }

    /// <summary>Where this node comes from in source and what states its bound; null when unknown. Evaluation ignores it.</summary>
    public NodePlace? Place { get; private set; }

    /// <summary>
    /// The methods the walk from the task enters at this node, outermost first: this node is (part of) the tree of the
    /// last one. Empty when the node belongs to the method of its parent. Evaluation ignores them.
    /// </summary>
    public ImmutableArray<MethodFrame> Frames { get; private set; } = ImmutableArray<MethodFrame>.Empty;

    /// <summary>
    /// This node with <paramref name="place"/>: a shallow copy (children are shared) that evaluates exactly as this one.
    /// The tree that makes no call has no place and comes back unchanged.
    /// </summary>
    public CallTree WithPlace(NodePlace? place)
    {
        if (IsEmptySequence(this) || ReferenceEquals(place, Place))
        {
            return this;
        }

        var copy = (CallTree)MemberwiseClone();
        copy.Place = place;
        return copy;
    }

    /// <summary>
    /// This node entered through <paramref name="frame"/> (placed before the frames it already has): a shallow copy that
    /// evaluates exactly as this one. The tree that makes no call comes back unchanged.
    /// </summary>
    public CallTree WithFrame(MethodFrame frame)
    {
        if (frame is null) throw new ArgumentNullException(nameof(frame));
        return WithFrames(ImmutableArray.Create(frame));
    }

    private CallTree WithFrames(ImmutableArray<MethodFrame> outer)
    {
        if (outer.IsEmpty || IsEmptySequence(this))
        {
            return this;
        }

        var copy = (CallTree)MemberwiseClone();
        copy.Frames = outer.AddRange(Frames);
        return copy;
    }

    /// <summary>This node (a fresh one) with the place and frames of <paramref name="original"/>.</summary>
    internal CallTree AnnotatedLike(CallTree original)
    {
        Place = original.Place;
        Frames = original.Frames;
        return this;
    }

    private static bool IsEmptySequence(CallTree tree) => tree is SequenceNode { Children.Length: 0 };

    /// <inheritdoc />
    public override string ToString() => CallTreeFormatter.Format(this);

    private static ImmutableArray<CallTree> Flatten<T>(IEnumerable<CallTree> children, Func<T, ImmutableArray<CallTree>> inner)
        where T : CallTree
    {
        var builder = ImmutableArray.CreateBuilder<CallTree>();
        foreach (var child in children)
        {
            if (child is null) throw new ArgumentException("A call tree child is null.", nameof(children));
            if (child is T same && same.Frames.IsEmpty)
            {
                builder.AddRange(inner(same));
            }
            else if (!(child is SequenceNode { Children.Length: 0 }))
            {
                builder.Add(child);
            }
        }

        return builder.ToImmutable();
    }
}
