using System.Collections.Generic;
using System.Collections.Immutable;

namespace LlmCallAnalyzers.Analyzers.Analysis;

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
