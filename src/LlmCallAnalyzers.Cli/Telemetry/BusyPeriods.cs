using System;
using System.Collections.Generic;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>
/// When one model was busy: the union of its calls' [start, end] (nanoseconds since the epoch) as sorted, disjoint
/// periods, whatever the order the calls arrive in. The idle gap before a call is then the time from the end of the
/// previous period to the call's start (0 when the call starts inside a period another call opened).
/// </summary>
/// <remarks>
/// Memory is bounded by <c>maxPeriods</c>: when there are more, the shortest idle gaps are closed — every gap up to the
/// new <see cref="MergedGapNanos"/> — until half as many periods remain. Gaps longer than <see cref="MergedGapNanos"/>
/// stay exact; shorter ones read as 0 (still warm). Periods live in chunks of at most 256, so an insertion anywhere
/// costs a binary search and a short copy, never a shift of the whole set.
/// </remarks>
public sealed class BusyPeriods
{
    private const int ChunkCapacity = 256;
    private readonly List<Chunk> _chunks = new();
    private readonly int _maxPeriods;

    /// <summary>Creates an empty set.</summary>
    /// <param name="maxPeriods">The most periods kept (at least 16).</param>
    public BusyPeriods(int maxPeriods)
    {
        if (maxPeriods < 16) throw new ArgumentOutOfRangeException(nameof(maxPeriods), maxPeriods, "At least 16 periods.");
        _maxPeriods = maxPeriods;
    }

    /// <summary>The periods kept.</summary>
    public int Count { get; private set; }

    /// <summary>Idle gaps up to this long (nanoseconds) were closed to keep memory bounded; 0 while every gap is exact.</summary>
    public long MergedGapNanos { get; private set; }

    /// <summary>The start of the first period; 0 when empty.</summary>
    public long FirstStart => Count == 0 ? 0 : _chunks[0].Starts[0];

    /// <summary>The end of the last period; 0 when empty.</summary>
    public long LastEnd => Count == 0 ? 0 : _chunks[_chunks.Count - 1].Ends[_chunks[_chunks.Count - 1].Count - 1];

    /// <summary>Adds a busy interval (a call).</summary>
    /// <param name="start">Its start.</param>
    /// <param name="end">Its end (taken as <paramref name="start"/> when earlier).</param>
    public void Add(long start, long end)
    {
        if (end < start) end = start;
        var at = LastStartingAtOrBefore(start);
        if (at.Valid && End(at) + MergedGapNanos >= start)
        {
            SetEnd(at, Math.Max(End(at), end));
        }
        else
        {
            at = InsertAfter(at, start, end);
        }

        while (Next(at) is { Valid: true } next && Start(next) <= End(at) + MergedGapNanos)
        {
            SetEnd(at, Math.Max(End(at), End(next)));
            RemoveAt(next);
        }

        if (Count > _maxPeriods)
        {
            Coarsen();
        }
    }

    /// <summary>
    /// The idle gap before a call that starts at <paramref name="start"/> and was added: 0 when another call kept the
    /// model busy up to it, the time since the previous period ended otherwise; null when nothing was busy before it.
    /// </summary>
    /// <param name="start">The call's start.</param>
    /// <returns>The gap in milliseconds, or null.</returns>
    public double? IdleGapBeforeMs(long start)
    {
        var at = LastStartingAtOrBefore(start);
        if (!at.Valid)
        {
            return null;
        }

        if (Start(at) < start)
        {
            return 0;
        }

        var previous = Previous(at);
        return previous.Valid ? (start - End(previous)) / 1e6 : null;
    }

    /// <summary>Every idle gap between two periods, in nanoseconds, in time order.</summary>
    /// <returns>The gaps.</returns>
    public IEnumerable<long> IdleGaps()
    {
        long? previousEnd = null;
        foreach (var chunk in _chunks)
        {
            for (int i = 0; i < chunk.Count; i++)
            {
                if (previousEnd is long end) yield return chunk.Starts[i] - end;
                previousEnd = chunk.Ends[i];
            }
        }
    }

    private long Start(Position p) => _chunks[p.Chunk].Starts[p.Index];

    private long End(Position p) => _chunks[p.Chunk].Ends[p.Index];

    private void SetEnd(Position p, long end) => _chunks[p.Chunk].Ends[p.Index] = end;

    private Position Next(Position p)
    {
        if (p.Index + 1 < _chunks[p.Chunk].Count) return new Position(p.Chunk, p.Index + 1);
        return p.Chunk + 1 < _chunks.Count ? new Position(p.Chunk + 1, 0) : Position.None;
    }

    private Position Previous(Position p)
    {
        if (p.Index > 0) return new Position(p.Chunk, p.Index - 1);
        return p.Chunk > 0 ? new Position(p.Chunk - 1, _chunks[p.Chunk - 1].Count - 1) : Position.None;
    }

    /// <summary>The period with the greatest start ≤ <paramref name="time"/>, or <see cref="Position.None"/>.</summary>
    private Position LastStartingAtOrBefore(long time)
    {
        int lo = 0, hi = _chunks.Count - 1, chunk = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_chunks[mid].Starts[0] <= time) { chunk = mid; lo = mid + 1; }
            else hi = mid - 1;
        }

        if (chunk < 0) return Position.None;
        var starts = _chunks[chunk].Starts;
        lo = 0;
        hi = _chunks[chunk].Count - 1;
        int index = 0;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= time) { index = mid; lo = mid + 1; }
            else hi = mid - 1;
        }

        return new Position(chunk, index);
    }

    private Position InsertAfter(Position at, long start, long end)
    {
        Count++;
        if (_chunks.Count == 0)
        {
            var first = new Chunk();
            _chunks.Add(first);
            first.Set(0, start, end);
            first.Count = 1;
            return new Position(0, 0);
        }

        int c = at.Valid ? at.Chunk : 0;
        int i = at.Valid ? at.Index + 1 : 0;
        var chunk = _chunks[c];
        if (chunk.Count == ChunkCapacity)
        {
            if (i == ChunkCapacity)
            {
                // Appending after a full chunk (time-ordered input): start a new chunk rather than halve this one.
                var next = new Chunk();
                next.Set(0, start, end);
                next.Count = 1;
                _chunks.Insert(c + 1, next);
                return new Position(c + 1, 0);
            }

            var upper = chunk.SplitUpperHalf();
            _chunks.Insert(c + 1, upper);
            if (i > chunk.Count)
            {
                i -= chunk.Count;
                c++;
                chunk = upper;
            }
        }

        Array.Copy(chunk.Starts, i, chunk.Starts, i + 1, chunk.Count - i);
        Array.Copy(chunk.Ends, i, chunk.Ends, i + 1, chunk.Count - i);
        chunk.Set(i, start, end);
        chunk.Count++;
        return new Position(c, i);
    }

    private void RemoveAt(Position p)
    {
        var chunk = _chunks[p.Chunk];
        Array.Copy(chunk.Starts, p.Index + 1, chunk.Starts, p.Index, chunk.Count - p.Index - 1);
        Array.Copy(chunk.Ends, p.Index + 1, chunk.Ends, p.Index, chunk.Count - p.Index - 1);
        chunk.Count--;
        Count--;
        if (chunk.Count == 0) _chunks.RemoveAt(p.Chunk);
    }

    /// <summary>Closes the shortest gaps until at most half of <see cref="_maxPeriods"/> periods remain.</summary>
    private void Coarsen()
    {
        var gaps = new long[Count - 1];
        int g = 0;
        foreach (long gap in IdleGaps()) gaps[g++] = gap;
        Array.Sort(gaps);

        // At most maxPeriods / 2 − 1 gaps may stay open: close every gap up to the one just below them.
        int keepOpen = (_maxPeriods / 2) - 1;
        MergedGapNanos = Math.Max(MergedGapNanos, gaps[gaps.Length - keepOpen - 1]);

        var old = _chunks.ToArray();
        _chunks.Clear();
        Count = 0;
        Chunk? current = null;
        foreach (var chunk in old)
        {
            for (int i = 0; i < chunk.Count; i++)
            {
                if (current is not null && chunk.Starts[i] <= current.Ends[current.Count - 1] + MergedGapNanos)
                {
                    current.Ends[current.Count - 1] = Math.Max(current.Ends[current.Count - 1], chunk.Ends[i]);
                    continue;
                }

                if (current is null || current.Count == ChunkCapacity)
                {
                    current = new Chunk();
                    _chunks.Add(current);
                }

                current.Set(current.Count++, chunk.Starts[i], chunk.Ends[i]);
                Count++;
            }
        }
    }

    private readonly record struct Position(int Chunk, int Index)
    {
        public static Position None => new(-1, -1);

        public bool Valid => Chunk >= 0;
    }

    private sealed class Chunk
    {
        public long[] Starts { get; } = new long[ChunkCapacity];

        public long[] Ends { get; } = new long[ChunkCapacity];

        public int Count { get; set; }

        public void Set(int index, long start, long end)
        {
            Starts[index] = start;
            Ends[index] = end;
        }

        public Chunk SplitUpperHalf()
        {
            var upper = new Chunk();
            int keep = Count / 2;
            int move = Count - keep;
            Array.Copy(Starts, keep, upper.Starts, 0, move);
            Array.Copy(Ends, keep, upper.Ends, 0, move);
            upper.Count = move;
            Count = keep;
            return upper;
        }
    }
}
