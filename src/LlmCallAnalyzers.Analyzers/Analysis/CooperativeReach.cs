using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Reads the callees of everything some roots reach, with every thread that needs the result taking part: a thread
/// that calls <see cref="Complete"/> takes methods from a shared queue until none is left, instead of waiting on a lock
/// while one thread reads (and binds) the whole reach. The callees land in the <see cref="CallGraph"/>'s cache; what
/// reads them afterwards, in order, finds them there. Thread-safe; a cancelled thread puts its method back.
/// </summary>
internal sealed class CooperativeReach
{
    private readonly CallGraph _graph;
    private readonly ConcurrentQueue<IMethodSymbol> _queue = new();
    private readonly ConcurrentDictionary<IMethodSymbol, byte> _seen = new(SymbolEqualityComparer.Default);
    private int _pending;

    public CooperativeReach(CallGraph graph, IEnumerable<IMethodSymbol> roots)
    {
        _graph = graph;
        foreach (var root in roots)
        {
            Add(root);
        }
    }

    /// <summary>Returns once the callees of every reached method have been read (by this thread or another).</summary>
    public void Complete(CancellationToken cancellationToken)
    {
        var spin = default(SpinWait);
        while (Volatile.Read(ref _pending) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_queue.TryDequeue(out var method))
            {
                spin.SpinOnce(); // another thread is reading the last methods; theirs may add more
                continue;
            }

            spin = default;
            try
            {
                foreach (var callee in _graph.Callees(method, cancellationToken))
                {
                    Add(callee);
                }
            }
            catch
            {
                _queue.Enqueue(method);
                throw;
            }

            // After its callees were counted, so that the count reaches zero only when nothing is left anywhere.
            Interlocked.Decrement(ref _pending);
        }
    }

    private void Add(IMethodSymbol method)
    {
        if (_seen.TryAdd(method, 0))
        {
            Interlocked.Increment(ref _pending);
            _queue.Enqueue(method);
        }
    }
}
