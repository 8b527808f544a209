using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// An edit of one file that changed only the inside of one member body (what typing in a method does): the text before
/// and after one span is the same in both versions, that span lies within a method, accessor or operator body of the
/// old tree, and both trees declare the same members at the same places (positions after the edit moved by its length).
/// Every declaration outside that body, the edited member's signature included, is then the same in both versions, so
/// an analysis of the old program still holds for everything but the code in the edited file (see
/// <see cref="EditedSession"/>). Positions outside the edited body map both ways.
/// </summary>
internal sealed class TreeEdit
{
    private readonly int _start;
    private readonly int _oldEnd;
    private readonly int _delta;

    private TreeEdit(SyntaxTree oldTree, SyntaxTree newTree, int start, int oldEnd, int delta)
    {
        OldTree = oldTree;
        NewTree = newTree;
        _start = start;
        _oldEnd = oldEnd;
        _delta = delta;
    }

    public SyntaxTree OldTree { get; }

    public SyntaxTree NewTree { get; }

    /// <summary>The edit from <paramref name="oldTree"/> to <paramref name="newTree"/> when it changed one member body only; else null.</summary>
    public static TreeEdit? BodyOnly(SyntaxTree oldTree, SyntaxTree newTree, CancellationToken cancellationToken)
    {
        if (oldTree.FilePath != newTree.FilePath || !oldTree.Options.Equals(newTree.Options))
        {
            return null;
        }

        var oldText = oldTree.GetText(cancellationToken);
        var newText = newTree.GetText(cancellationToken);
        int prefix = CommonPrefix(oldText, newText);
        if (prefix == oldText.Length && prefix == newText.Length)
        {
            return null; // the same text: not an edit this class describes (a new parse of the same file)
        }

        int suffix = CommonSuffix(oldText, newText, prefix);
        var edit = new TreeEdit(oldTree, newTree, prefix, oldText.Length - suffix, newText.Length - oldText.Length);
        return edit.IsInsideOneBody(cancellationToken) && edit.SameDeclarations(cancellationToken) ? edit : null;
    }

    /// <summary>Whether <paramref name="newSpan"/> (of the new tree) meets the edited text.</summary>
    public bool Touches(TextSpan newSpan) => newSpan.Start <= _oldEnd + _delta && newSpan.End >= _start;

    /// <summary>A position of the old tree outside the edited span, in the new tree.</summary>
    public int ToNew(int oldPosition) => oldPosition < _oldEnd ? oldPosition : oldPosition + _delta;

    /// <summary>A position of the new tree outside the edited span, in the old tree.</summary>
    public int ToOld(int newPosition) => newPosition < _oldEnd + _delta ? newPosition : newPosition - _delta;

    /// <summary><paramref name="location"/> in the new tree when it lies in the old one (outside the edited span).</summary>
    public Location ToNew(Location location)
        => location.SourceTree == OldTree ? Location.Create(NewTree, TextSpan.FromBounds(ToNew(location.SourceSpan.Start), ToNew(location.SourceSpan.End))) : location;

    /// <summary>The declaration of the old tree that <paramref name="newNode"/> (a declaration of the new tree) corresponds to.</summary>
    public SyntaxNode? OldNodeFor(SyntaxNode newNode, CancellationToken cancellationToken)
        => FindAt(OldTree.GetRoot(cancellationToken), ToOld(newNode.SpanStart), newNode.RawKind);

    /// <summary>The declaration of the new tree that <paramref name="oldNode"/> (a declaration of the old tree) corresponds to.</summary>
    public SyntaxNode? NewNodeFor(SyntaxNode oldNode, CancellationToken cancellationToken)
        => FindAt(NewTree.GetRoot(cancellationToken), ToNew(oldNode.SpanStart), oldNode.RawKind);

    private static SyntaxNode? FindAt(SyntaxNode root, int position, int kind)
    {
        if (position < 0 || position >= root.FullSpan.End)
        {
            return null;
        }

        for (var node = root.FindToken(position).Parent; node is not null; node = node.Parent)
        {
            if (node.SpanStart != position)
            {
                return null;
            }

            if (node.RawKind == kind)
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>Whether the changed span lies inside one body of the old tree and a body of the same kind encloses it in the new one.</summary>
    private bool IsInsideOneBody(CancellationToken cancellationToken)
    {
        var oldBody = EnclosingBody(OldTree.GetRoot(cancellationToken), _start, _oldEnd);
        if (oldBody is null)
        {
            return false;
        }

        var newBody = FindAt(NewTree.GetRoot(cancellationToken), oldBody.SpanStart, oldBody.RawKind);
        return newBody is not null
            && newBody.Span.End == oldBody.Span.End + _delta
            && newBody.Parent?.RawKind == oldBody.Parent?.RawKind
            && EnclosingBody(NewTree.GetRoot(cancellationToken), _start, _oldEnd + _delta) == newBody;
    }

    /// <summary>The outermost member body (a block or an expression body) strictly containing the span; null when none does.</summary>
    private static SyntaxNode? EnclosingBody(SyntaxNode root, int start, int end)
    {
        SyntaxNode? body = null;
        // From the character before the edit: text inserted at the end of an expression body lies before its ';'.
        for (var node = root.FindToken(System.Math.Max(0, start - 1)).Parent; node is not null; node = node.Parent)
        {
            if (IsMemberBody(node) && Inside(node, start, end))
            {
                body = node;
            }
        }

        return body;
    }

    private static bool Inside(SyntaxNode body, int start, int end) => body switch
    {
        BlockSyntax block => start >= block.OpenBraceToken.Span.End && end <= block.CloseBraceToken.SpanStart && !block.CloseBraceToken.IsMissing,
        ArrowExpressionClauseSyntax arrow => start >= arrow.ArrowToken.Span.End && end <= arrow.Span.End,
        _ => false,
    };

    private static bool IsMemberBody(SyntaxNode node) => node switch
    {
        BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax } => true,
        ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax } => true,
        _ => false,
    };

    /// <summary>Both trees declare the same kinds of members and bodies at the same places (mapped), read without entering bodies.</summary>
    private bool SameDeclarations(CancellationToken cancellationToken)
    {
        var oldShape = Declarations(OldTree.GetRoot(cancellationToken));
        var newShape = Declarations(NewTree.GetRoot(cancellationToken));
        if (oldShape.Count != newShape.Count)
        {
            return false;
        }

        for (int i = 0; i < oldShape.Count; i++)
        {
            var (oldKind, oldStart, oldEnd) = oldShape[i];
            var (newKind, newStart, newEnd) = newShape[i];
            if (oldKind != newKind || ToNew(oldStart) != newStart || ToNew(oldEnd) != newEnd)
            {
                return false;
            }
        }

        return true;
    }

    private static List<(int Kind, int Start, int End)> Declarations(SyntaxNode root)
    {
        var declarations = new List<(int, int, int)>();
        foreach (var node in root.DescendantNodesAndSelf(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax or AttributeListSyntax or ParameterListSyntax or EqualsValueClauseSyntax)))
        {
            if (node is MemberDeclarationSyntax or AccessorDeclarationSyntax or BlockSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax)
            {
                declarations.Add((node.RawKind, node.SpanStart, node.Span.End));
            }
        }

        return declarations;
    }

    private static int CommonPrefix(SourceText left, SourceText right)
    {
        int length = System.Math.Min(left.Length, right.Length);
        int i = 0;
        while (i < length && left[i] == right[i])
        {
            i++;
        }

        return i;
    }

    private static int CommonSuffix(SourceText left, SourceText right, int prefix)
    {
        int max = System.Math.Min(left.Length, right.Length) - prefix;
        int i = 0;
        while (i < max && left[left.Length - 1 - i] == right[right.Length - 1 - i])
        {
            i++;
        }

        return i;
    }
}
