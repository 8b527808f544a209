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
    // Set once every declaration of the compilation is summarized (a build's compilation end): the assignments the
    // summaries recorded, by member, so that finding a member's assigners reads no file it does not need.
    private volatile AssignmentsByMember? _complete;

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

    /// <summary>
    /// From now on, finds a member's assigners among the summaries kept in the store rather than by indexing files:
    /// every declaration of the compilation has been summarized (a build, at compilation end; those in
    /// <paramref name="generatedCode"/> excepted: files that hold generated declarations are still indexed). Same
    /// answers either way: an assigner is still a declaration whose code assigns a member by the member's name
    /// (<see cref="TreeIndex.Assigns"/>), within the member's scope. Call before any member's facts are asked for.
    /// </summary>
    public void Complete(IEnumerable<KeyValuePair<ISymbol, OwnerSummary>> owners, GeneratedCodeRegions generatedCode)
    {
        var byMember = new Dictionary<ISymbol, List<ISymbol>>(SymbolEqualityComparer.Default);
        foreach (var owner in owners)
        {
            foreach (var assignment in owner.Value.Assignments)
            {
                if (!byMember.TryGetValue(assignment.Member, out var assigners))
                {
                    byMember[assignment.Member] = assigners = new List<ISymbol>(1);
                }

                if (assigners.Count == 0 || !ReferenceEquals(assigners[assigners.Count - 1], owner.Key))
                {
                    assigners.Add(owner.Key);
                }
            }
        }

        _complete = new AssignmentsByMember(byMember, generatedCode);
    }

    private ValueFacts? Find(ISymbol member, CancellationToken cancellationToken)
    {
        if (member is not (IFieldSymbol or IPropertySymbol) || member.DeclaringSyntaxReferences.IsEmpty)
        {
            return null; // declared in metadata: nothing in this compilation says what it holds
        }

        MemberFact? first = null;
        Consider(_store.Owner(member, null, cancellationToken), member, ref first);
        if (_complete is { } complete)
        {
            FindInSummaries(member, complete, ref first, cancellationToken);
            return first?.Facts;
        }

        foreach (var (tree, span) in Scope(member))
        {
            ConsiderAssignersIn(tree, span, member, ref first, cancellationToken);
        }

        return first?.Facts;
    }

    private void FindInSummaries(ISymbol member, AssignmentsByMember complete, ref MemberFact? first, CancellationToken cancellationToken)
    {
        // The type's declarations, or null for every file (a member assignable anywhere: no list of every file is made).
        var scope = IsTypeScoped(member) ? new List<(SyntaxTree Tree, Microsoft.CodeAnalysis.Text.TextSpan? Span)>(Scope(member)) : null;
        if (!complete.GeneratedCode.IsEmpty)
        {
            foreach (var (tree, span) in scope ?? Scope(member))
            {
                if (complete.GeneratedCode.HasRegionsIn(tree))
                {
                    ConsiderAssignersIn(tree, span, member, ref first, cancellationToken);
                }
            }
        }

        if (!complete.Assigners.TryGetValue(member, out var assigners))
        {
            return;
        }

        foreach (var owner in assigners)
        {
            var summary = _store.Owner(owner, null, cancellationToken);
            var sources = AssignmentsTo(summary, member);
            if ((scope is null || InScope(sources, scope)) && TreeIndex.Assigns(owner, member.Name, sources, cancellationToken))
            {
                Consider(summary, member, ref first);
            }
        }
    }

    private static List<SyntaxNode> AssignmentsTo(OwnerSummary owner, ISymbol member)
    {
        var sources = new List<SyntaxNode>(1);
        foreach (var assignment in owner.Assignments)
        {
            if (SymbolEqualityComparer.Default.Equals(assignment.Member, member))
            {
                sources.Add(assignment.Source);
            }
        }

        return sources;
    }

    /// <summary>Whether the assignments lie in the member's scope (its type's declarations): then so does their declaration.</summary>
    private static bool InScope(List<SyntaxNode> sources, List<(SyntaxTree Tree, Microsoft.CodeAnalysis.Text.TextSpan? Span)> scope)
    {
        foreach (var source in sources)
        {
            foreach (var (tree, span) in scope)
            {
                if (source.SyntaxTree == tree && (span is not { } within || within.Contains(source.Span)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Considers the declarations of <paramref name="tree"/> (within <paramref name="span"/>) that assign a member by <paramref name="member"/>'s name.</summary>
    private void ConsiderAssignersIn(SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan? span, ISymbol member, ref MemberFact? first, CancellationToken cancellationToken)
    {
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

    private static bool IsTypeScoped(ISymbol member) => AssignableOnlyInItsType(member) && member.ContainingType is not null;

    /// <summary>The places that can assign <paramref name="member"/>: its type's declarations, or every file (span null).</summary>
    private IEnumerable<(SyntaxTree Tree, Microsoft.CodeAnalysis.Text.TextSpan? Span)> Scope(ISymbol member)
    {
        if (IsTypeScoped(member) && member.ContainingType is { } type)
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

    private sealed class AssignmentsByMember
    {
        public AssignmentsByMember(Dictionary<ISymbol, List<ISymbol>> assigners, GeneratedCodeRegions generatedCode)
        {
            Assigners = assigners;
            GeneratedCode = generatedCode;
        }

        /// <summary>For each member, the declarations whose summaries record an assignment to it.</summary>
        public Dictionary<ISymbol, List<ISymbol>> Assigners { get; }

        public GeneratedCodeRegions GeneratedCode { get; }
    }
}
