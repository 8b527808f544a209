using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Where a file assigns something by name (<c>x = …</c>, <c>a.x = …</c>, <c>new C { X = … }</c>), found from syntax
/// alone: for each assigned name, the declarations whose code does it (methods, accessors, initializers). Computed
/// once per syntax tree and kept as long as the tree lives, so an edit in another file (a new compilation that reuses
/// this tree) does not scan it again.
/// </summary>
internal static class AssignmentSites
{
    private static readonly ConditionalWeakTable<SyntaxTree, Dictionary<string, List<SyntaxNode>>> s_byTree = new();

    /// <summary>The declarations of <paramref name="tree"/> that assign a member named <paramref name="name"/>.</summary>
    public static IReadOnlyList<SyntaxNode> Owners(SyntaxTree tree, string name)
    {
        var index = s_byTree.GetValue(tree, static t => Scan(t.GetRoot()));
        return index.TryGetValue(name, out var owners) ? owners : (IReadOnlyList<SyntaxNode>)System.Array.Empty<SyntaxNode>();
    }

    private static Dictionary<string, List<SyntaxNode>> Scan(SyntaxNode root)
    {
        var index = new Dictionary<string, List<SyntaxNode>>(System.StringComparer.Ordinal);
        foreach (var node in root.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                && NameOf(assignment.Left) is { } name
                && OwnerOf(assignment) is { } owner)
            {
                if (!index.TryGetValue(name, out var owners))
                {
                    index[name] = owners = new List<SyntaxNode>(1);
                }

                if (owners.Count == 0 || owners[owners.Count - 1] != owner)
                {
                    owners.Add(owner);
                }
            }
        }

        return index;
    }

    private static string? NameOf(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The declaration whose code contains <paramref name="node"/>: what <see cref="DeclarationBlocks"/> reads.</summary>
    private static SyntaxNode? OwnerOf(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                    return current;
                case ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax }:
                    return current;
                case VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax }:
                    return current;
                case PropertyDeclarationSyntax:
                    return current; // reached from its initializer (accessors and arrow bodies stop earlier)
                case GlobalStatementSyntax:
                    return current.Parent;
                case BaseTypeDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }
}
