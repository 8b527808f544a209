using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// What one file's code assigns, found from syntax alone, so that what a field or property holds is found without
/// binding every body: for each name, the declarations whose code assigns a member by that name (<c>x = …</c>,
/// <c>a.x = …</c>, <c>new C { X = … }</c>). A declaration is a
/// method, accessor, arrow-bodied property, field or property initializer, or the top-level statements. Built once per
/// syntax tree and kept while the tree lives: after an edit, a new compilation that reuses the other files' trees
/// does not scan them again.
/// </summary>
internal sealed class TreeIndex
{
    private static readonly ConditionalWeakTable<SyntaxTree, TreeIndex> s_byTree = new();

    private readonly Dictionary<string, List<SyntaxNode>> _assignments = new(System.StringComparer.Ordinal);

    private TreeIndex()
    {
    }

    public static TreeIndex Of(SyntaxTree tree) => s_byTree.GetValue(tree, static t => Build(t.GetRoot()));

    /// <summary>The declarations whose code assigns a member named <paramref name="name"/>.</summary>
    public IReadOnlyList<SyntaxNode> Assigning(string name) => _assignments.TryGetValue(name, out var owners) ? owners : (IReadOnlyList<SyntaxNode>)System.Array.Empty<SyntaxNode>();

    private static TreeIndex Build(SyntaxNode root)
    {
        var index = new TreeIndex();
        var stack = new Stack<SyntaxNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (CodeOf(node) is { } code)
            {
                index.Scan(code.Owner, code.Code);
                if (node is not PropertyDeclarationSyntax)
                {
                    continue; // a property's accessors are declarations of their own, below
                }
            }

            foreach (var child in node.ChildNodes())
            {
                stack.Push(child);
            }
        }

        return index;
    }

    /// <summary>The declaration <paramref name="node"/> stands for and the code in it; null when it has none.</summary>
    private static (SyntaxNode Owner, SyntaxNode Code)? CodeOf(SyntaxNode node) => node switch
    {
        BaseMethodDeclarationSyntax method => (method, method),
        AccessorDeclarationSyntax accessor => (accessor, accessor),
        PropertyDeclarationSyntax { ExpressionBody: { } arrow } => (arrow, arrow),
        PropertyDeclarationSyntax { Initializer: { } initializer } property => (property, initializer),
        IndexerDeclarationSyntax { ExpressionBody: { } arrow } => (arrow, arrow),
        VariableDeclaratorSyntax { Initializer: { } initializer, Parent.Parent: BaseFieldDeclarationSyntax } field => (field, initializer),
        GlobalStatementSyntax statement => (statement.Parent!, statement),
        _ => null,
    };

    private void Scan(SyntaxNode owner, SyntaxNode code)
    {
        foreach (var node in code.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && NameOf(assignment.Left) is { } target)
            {
                Add(_assignments, target, owner);
            }
        }
    }

    private static void Add(Dictionary<string, List<SyntaxNode>> map, string name, SyntaxNode owner)
    {
        if (!map.TryGetValue(name, out var owners))
        {
            map[name] = owners = new List<SyntaxNode>(1);
        }

        if (owners.Count == 0 || owners[owners.Count - 1] != owner)
        {
            owners.Add(owner);
        }
    }

    /// <summary>
    /// Whether <paramref name="owner"/> (a declaration a summary is kept under) is one this index lists under
    /// <paramref name="name"/>: a declaration whose code has an assignment to a member by that name. The same test, for
    /// one declaration, without indexing its file; <paramref name="known"/> (assignments the summary recorded) usually
    /// answers without reading the code.
    /// </summary>
    public static bool Assigns(ISymbol owner, string name, IEnumerable<SyntaxNode> known, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in owner.DeclaringSyntaxReferences)
        {
            var codes = CodesOf(reference.GetSyntax(cancellationToken));
            foreach (var assignment in known)
            {
                if (IsListedUnder(assignment, name) && codes.Any(code => code.SyntaxTree == assignment.SyntaxTree && code.Span.Contains(assignment.Span)))
                {
                    return true;
                }
            }

            foreach (var code in codes)
            {
                foreach (var node in code.DescendantNodes())
                {
                    if (IsListedUnder(node, name))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>The code this index reads for a declaration's syntax (as <see cref="Build"/> finds it); none for other syntax.</summary>
    private static SyntaxNode[] CodesOf(SyntaxNode declaration) => declaration switch
    {
        ArrowExpressionClauseSyntax arrow => new SyntaxNode[] { arrow }, // an expression-bodied property's getter
        CompilationUnitSyntax unit => unit.Members.OfType<GlobalStatementSyntax>().ToArray<SyntaxNode>(),
        _ => CodeOf(declaration) is { } code ? new[] { code.Code } : System.Array.Empty<SyntaxNode>(),
    };

    private static bool IsListedUnder(SyntaxNode node, string name)
        => node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && NameOf(assignment.Left) == name;

    private static string? NameOf(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The symbol whose summary holds the code of a declaration this index returns.</summary>
    public static ISymbol? OwnerSymbol(SyntaxNode owner, SemanticModel model, System.Threading.CancellationToken cancellationToken) => owner switch
    {
        ArrowExpressionClauseSyntax { Parent: { } property } => (model.GetDeclaredSymbol(property, cancellationToken) as IPropertySymbol)?.GetMethod,
        _ => model.GetDeclaredSymbol(owner, cancellationToken),
    };
}
