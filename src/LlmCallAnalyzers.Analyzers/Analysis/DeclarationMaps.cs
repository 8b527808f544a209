using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Thread-safe maps with an entry per declaration of a compilation, sized up front. The default size and lock count
/// (31 entries, one lock per core) made a build's callbacks wait on each other: the map grows a dozen times, taking
/// every lock each time, and two cores share two locks.
/// </summary>
internal static class DeclarationMaps
{
    /// <summary>Enough locks that the compiler's threads rarely meet on one (an entry's lock is held for an instant).</summary>
    private const int Locks = 32;

    /// <summary>A map sized for <paramref name="compilation"/>'s declarations, keyed with <paramref name="comparer"/>.</summary>
    public static ConcurrentDictionary<TKey, TValue> Create<TKey, TValue>(Compilation compilation, IEqualityComparer<TKey> comparer)
        where TKey : notnull
        => new(Locks, Math.Max(31, compilation.SyntaxTrees.Count() * 16), comparer);
}
