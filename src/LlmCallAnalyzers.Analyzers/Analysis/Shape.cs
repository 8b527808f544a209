using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

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

/// <summary>A recognized LLM call (SDK entry point, [LlmCall] wrapper or catalog-file entry).</summary>
internal sealed class CallShape : Shape
{
    public CallShape(string provider, string? model, string label, Location location, LoopContext? loop, int hiddenMaxCalls, string? hiddenReason, ValueFacts receiver)
    {
        Provider = provider;
        Model = model;
        Label = label;
        Location = location;
        Loop = loop;
        HiddenMaxCalls = hiddenMaxCalls;
        HiddenReason = hiddenReason;
        Receiver = receiver;
    }

    public string Provider { get; }

    public string? Model { get; }

    public string Label { get; }

    public Location Location { get; }

    public LoopContext? Loop { get; }

    /// <summary>When above 1, one call makes up to this many model requests (function invocation, auto-invoke).</summary>
    public int HiddenMaxCalls { get; }

    public string? HiddenReason { get; }

    /// <summary>Facts about the receiver that can only be resolved at compilation end (a field's initializer).</summary>
    public ValueFacts Receiver { get; }
}

/// <summary>A call of a method declared in this compilation, resolved to its summary at compilation end.</summary>
internal sealed class InvokeShape : Shape
{
    private readonly SyntaxNode _site;

    /// <summary>Keeps the call's syntax, not a <see cref="Microsoft.CodeAnalysis.Location"/>: most are never reported, and every method call makes one.</summary>
    public InvokeShape(IMethodSymbol target, SyntaxNode site, LoopContext? loop)
    {
        Target = target;
        _site = site;
        Loop = loop;
    }

    public IMethodSymbol Target { get; }

    /// <summary>Where the call is (made on each read).</summary>
    public Location Location => _site.GetLocation();

    /// <summary>The call's syntax (for a place that makes its location only when read).</summary>
    public SyntaxNode Site => _site;

    public LoopContext? Loop { get; }
}

/// <summary>
/// Builds a sequence without allocating for the common cases: empty parts are dropped, nested sequences flattened,
/// and a buffer is taken only once two non-empty parts are seen — from a per-thread pool, so that the only allocation
/// is the final array, of exactly the right size. A mutable struct: keep it in a local.
/// </summary>
internal struct ShapeSequence
{
    /// <summary>Buffers of the sequences being built on this thread (nested visits hold several at once).</summary>
    [System.ThreadStatic]
    private static Stack<List<Shape>>? t_buffers;

    private Shape? _single;
    private List<Shape>? _many;

    public void Add(Shape shape)
    {
        if (shape.IsEmpty)
        {
            return;
        }

        if (_many is null && _single is null)
        {
            _single = shape;
            return;
        }

        if (_many is null)
        {
            _many = t_buffers is { Count: > 0 } buffers ? buffers.Pop() : new List<Shape>();
            AddFlattened(_many, _single!);
            _single = null;
        }

        AddFlattened(_many, shape);
    }

    /// <summary>The sequence so far (the same shape when asked again); its buffer goes back to the pool.</summary>
    public Shape ToShape()
    {
        if (_many is null)
        {
            return _single ?? Shape.Empty;
        }

        JoinStartedTasks(_many);

        // An exact-size builder filled by index and moved out: no second copy, and none of the interface checks and
        // enumerator that ImmutableArray.CreateRange(IEnumerable) goes through.
        var children = ImmutableArray.CreateBuilder<Shape>(_many.Count);
        for (int i = 0; i < _many.Count; i++)
        {
            children.Add(_many[i]);
        }

        var sequence = new SequenceShape(children.MoveToImmutable());
        _many.Clear();
        (t_buffers ??= new Stack<List<Shape>>()).Push(_many);
        _many = null;
        _single = sequence;
        return sequence;
    }

    /// <summary>Tasks started one after another without an await between them run concurrently: one parallel group.</summary>
    private static void JoinStartedTasks(List<Shape> parts)
    {
        int write = 0;
        for (int read = 0; read < parts.Count; read++)
        {
            if (parts[read] is StartedShape && write > 0 && parts[write - 1] is StartedShape previous)
            {
                var group = ImmutableArray.CreateBuilder<Shape>();
                AddStarted(group, previous.Body);
                AddStarted(group, ((StartedShape)parts[read]).Body);
                parts[write - 1] = new StartedShape(new ParallelShape(group.ToImmutable()));
                continue;
            }

            parts[write++] = parts[read];
        }

        parts.RemoveRange(write, parts.Count - write);
    }

    private static void AddStarted(ImmutableArray<Shape>.Builder group, Shape body)
    {
        if (body is ParallelShape parallel)
        {
            group.AddRange(parallel.Children);
        }
        else
        {
            group.Add(body);
        }
    }

    private static void AddFlattened(List<Shape> buffer, Shape shape)
    {
        if (shape is SequenceShape sequence)
        {
            foreach (var child in sequence.Children)
            {
                buffer.Add(child);
            }
        }
        else
        {
            buffer.Add(shape);
        }
    }
}

internal sealed class SequenceShape : Shape
{
    public SequenceShape(ImmutableArray<Shape> children) => Children = children;

    public ImmutableArray<Shape> Children { get; }
}

internal sealed class ParallelShape : Shape
{
    public ParallelShape(ImmutableArray<Shape> children) => Children = children;

    public ImmutableArray<Shape> Children { get; }
}

internal sealed class BranchShape : Shape
{
    public BranchShape(ImmutableArray<Shape> arms) => Arms = arms;

    public ImmutableArray<Shape> Arms { get; }
}

internal sealed class LoopShape : Shape
{
    public LoopShape(Shape body, LoopBound bound, Location location, string? origin = null)
    {
        Body = body;
        Bound = bound;
        Location = location;
        Origin = origin;
    }

    public Shape Body { get; }

    public LoopBound Bound { get; }

    public Location Location { get; }

    /// <summary>The loop and what bounds it, as a report shows it: <c>for i &lt; 4</c>, <c>foreach over string[] (size unknown)</c>.</summary>
    public string? Origin { get; }

    /// <summary><see cref="Origin"/>, else the bound's own source.</summary>
    public string? Describe() => Origin ?? Bound.Source;
}

internal sealed class RetryShape : Shape
{
    public RetryShape(Shape body, int extraAttempts, bool hedged, Location? location = null, string? origin = null)
    {
        Body = body;
        ExtraAttempts = extraAttempts;
        Hedged = hedged;
        Location = location;
        Origin = origin;
    }

    /// <summary>Where the retry is written (the loop keyword of a hand-written retry loop); null when unknown.</summary>
    public Location? Location { get; }

    /// <summary>What the retry comes from, e.g. <c>hand-written retry loop (attempt &lt; 3)</c>.</summary>
    public string? Origin { get; }

    public Shape Body { get; }

    public int ExtraAttempts { get; }

    public bool Hedged { get; }
}

/// <summary>A body run through a Polly pipeline whose strategies may only be known at compilation end.</summary>
internal sealed class PipelineShape : Shape
{
    public PipelineShape(Shape body, ValueFacts pipeline, SyntaxNode? site = null)
    {
        Body = body;
        Pipeline = pipeline;
        Site = site;
    }

    /// <summary>The <c>Execute…</c> call (for a place made only when read); null when unknown.</summary>
    public SyntaxNode? Site { get; }

    public Shape Body { get; }

    public ValueFacts Pipeline { get; }
}

internal sealed class OptionalShape : Shape
{
    public OptionalShape(Shape body) => Body = body;

    public Shape Body { get; }
}

internal sealed class FallbackShape : Shape
{
    public FallbackShape(Shape primary, Shape secondary)
    {
        Primary = primary;
        Secondary = secondary;
    }

    public Shape Primary { get; }

    public Shape Secondary { get; }
}

/// <summary>A local function calling itself: unbounded unless the containing method declares [FanOut].</summary>
internal sealed class LocalRecursionShape : Shape
{
    public LocalRecursionShape(Location location, string name)
    {
        Location = location;
        Name = name;
    }

    public Location Location { get; }

    public string Name { get; }
}
