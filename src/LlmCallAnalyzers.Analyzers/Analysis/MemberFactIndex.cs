using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// What a field or property holds, found on demand: its initializer and the code that assigns it. Only code that can
/// assign the member is read — its own type's declarations when it is private, read-only or has no accessible setter,
/// else every file, narrowed by name from syntax (<see cref="TreeIndex"/>). A member assigned in several places
/// takes the facts of the first in source order (compilation order of the files, then position), whichever path or
/// thread asked first. Thread-safe.
/// </summary>
internal sealed class MemberFactIndex
{
    private readonly SummaryStore _store;
    private readonly ConcurrentDictionary<ISymbol, ValueFacts?> _facts;
    private Dictionary<SyntaxTree, int>? _treeOrder;

    public MemberFactIndex(SummaryStore store)
    {
        _store = store;
        _facts = DeclarationMaps.Create<ISymbol, ValueFacts?>(store.Compilation, SymbolEqualityComparer.Default);
    }

    public ValueFacts? FactsOf(ISymbol member, CancellationToken cancellationToken)
    {
        var key = member.OriginalDefinition;
        if (_facts.TryGetValue(key, out var cached))
        {
            return cached;
        }

        return _facts.GetOrAdd(key, Find(key, cancellationToken));
    }

    private ValueFacts? Find(ISymbol member, CancellationToken cancellationToken)
    {
        if (member is not (IFieldSymbol or IPropertySymbol) || member.DeclaringSyntaxReferences.IsEmpty)
        {
            return null; // declared in metadata: nothing in this compilation says what it holds
        }

        MemberFact? first = null;
        Consider(_store.Owner(member, null, cancellationToken), member, ref first);
        foreach (var (tree, span) in Scope(member))
        {
            foreach (var ownerNode in TreeIndex.Of(tree).Assigning(member.Name))
            {
                if (span is { } within && !within.Contains(ownerNode.Span))
                {
                    continue;
                }

                if (TreeIndex.OwnerSymbol(ownerNode, _store.ModelOf(ownerNode.SyntaxTree), cancellationToken) is { } owner)
                {
                    Consider(_store.Owner(owner, null, cancellationToken), member, ref first);
                }
            }
        }

        return first?.Facts;
    }

    private void Consider(OwnerSummary owner, ISymbol member, ref MemberFact? first)
    {
        foreach (var assignment in owner.Assignments)
        {
            if (SymbolEqualityComparer.Default.Equals(assignment.Member, member) && (first is not { } kept || Precedes(assignment.Source, kept.Source)))
            {
                first = assignment;
            }
        }
    }

    /// <summary>The places that can assign <paramref name="member"/>: its type's declarations, or every file (span null).</summary>
    private IEnumerable<(SyntaxTree Tree, Microsoft.CodeAnalysis.Text.TextSpan? Span)> Scope(ISymbol member)
    {
        if (AssignableOnlyInItsType(member) && member.ContainingType is { } type)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                yield return (reference.SyntaxTree, reference.Span);
            }

            yield break;
        }

        foreach (var tree in _store.Compilation.SyntaxTrees)
        {
            yield return (tree, null);
        }
    }

    private static bool AssignableOnlyInItsType(ISymbol member) => member switch
    {
        IFieldSymbol field => field.IsReadOnly || field.IsConst || field.DeclaredAccessibility == Accessibility.Private,
        IPropertySymbol property => property.DeclaredAccessibility == Accessibility.Private
            || property.SetMethod is null
            || property.SetMethod.DeclaredAccessibility == Accessibility.Private,
        _ => false,
    };

    private bool Precedes(SyntaxNode candidate, SyntaxNode kept)
    {
        if (candidate.SyntaxTree != kept.SyntaxTree)
        {
            var order = _treeOrder;
            if (order is null)
            {
                order = new Dictionary<SyntaxTree, int>();
                int index = 0;
                foreach (var tree in _store.Compilation.SyntaxTrees)
                {
                    order[tree] = index++;
                }

                _treeOrder = order;
            }

            int candidateIndex = order.TryGetValue(candidate.SyntaxTree, out var c) ? c : int.MaxValue;
            int keptIndex = order.TryGetValue(kept.SyntaxTree, out var k) ? k : int.MaxValue;
            if (candidateIndex != keptIndex)
            {
                return candidateIndex < keptIndex;
            }

            return string.CompareOrdinal(candidate.SyntaxTree.FilePath, kept.SyntaxTree.FilePath) < 0;
        }

        return candidate.SpanStart < kept.SpanStart;
    }
}
