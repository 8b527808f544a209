using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// A symbol-keyed dictionary created on first write. A shape builder keeps several per method body and most bodies
/// never write to them; a mutable struct: keep it in a non-readonly field.
/// </summary>
internal struct LazySymbolMap<TKey, TValue>
    where TKey : class, ISymbol
{
    private Dictionary<TKey, TValue>? _map;

    public readonly bool TryGetValue(TKey key, out TValue value)
    {
        if (_map is not null && _map.TryGetValue(key, out var found))
        {
            value = found;
            return true;
        }

        value = default!;
        return false;
    }

    public readonly bool ContainsKey(TKey key) => _map is not null && _map.ContainsKey(key);

    public void Set(TKey key, TValue value) => (_map ??= new Dictionary<TKey, TValue>(SymbolEqualityComparer.Default))[key] = value;

    public readonly bool Remove(TKey key) => _map is not null && _map.Remove(key);
}
