using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Edits of one file that changed only the inside of member bodies (what typing in methods does): both versions have
/// the same member bodies (method, accessor, operator and expression bodies) in the same order, the text outside them
/// is the same, and both trees declare the same members at the same places (positions moved by the edited bodies'
/// change in length). Every declaration outside the edited bodies, the edited members' signatures included, is then the
/// same in both versions, so an analysis of the old program still holds for everything but the code in the edited file
/// (see <see cref="EditedSession"/>). Positions outside the edited bodies map both ways.
/// </summary>
internal sealed class TreeEdit
{
    // The edited bodies: old start, old end, new end (in order; the new start is the old start mapped).
    private readonly List<(int OldStart, int OldEnd, int NewStart, int NewEnd)> _edited;

    private TreeEdit(SyntaxTree oldTree, SyntaxTree newTree, List<(int, int, int, int)> edited)
    {
        OldTree = oldTree;
        NewTree = newTree;
        _edited = edited;
    }

    public SyntaxTree OldTree { get; }

    public SyntaxTree NewTree { get; }

    /// <summary>
    /// The files edited from one version of a program's file list to the next, paired in order: a file is unchanged when
    /// it is the same tree object, or, with <paramref name="sameTextIsUnchanged"/> (a build parses every file anew), the
    /// same path, options and text; otherwise it must be an edit inside bodies (<see cref="BodyOnly"/>). Null when the
    /// lists differ in length, a file was edited outside bodies (or added, removed, moved, renamed), or more than
    /// <paramref name="maxEdited"/> files were edited.
    /// </summary>
    public static List<TreeEdit>? Between(IEnumerable<SyntaxTree> before, IEnumerable<SyntaxTree> after, int maxEdited, bool sameTextIsUnchanged, CancellationToken cancellationToken)
    {
        var edits = new List<TreeEdit>();
        using var l = before.GetEnumerator();
        using var r = after.GetEnumerator();
        while (true)
        {
            bool hasLeft = l.MoveNext(), hasRight = r.MoveNext();
            if (hasLeft != hasRight)
            {
                return null;
            }

            if (!hasLeft)
            {
                return edits;
            }

            var (old, @new) = (l.Current, r.Current);
            if (ReferenceEquals(old, @new)
                || (sameTextIsUnchanged && old.FilePath == @new.FilePath && old.Options.Equals(@new.Options)
                    && old.GetText(cancellationToken).ContentEquals(@new.GetText(cancellationToken))))
            {
                continue;
            }

            if (edits.Count == maxEdited || BodyOnly(old, @new, cancellationToken) is not { } edit)
            {
                return null;
            }

            edits.Add(edit);
        }
    }

    /// <summary>The edit from <paramref name="oldTree"/> to <paramref name="newTree"/> when it changed member bodies only; else null.</summary>
    public static TreeEdit? BodyOnly(SyntaxTree oldTree, SyntaxTree newTree, CancellationToken cancellationToken)
    {
        if (oldTree.FilePath != newTree.FilePath || !oldTree.Options.Equals(newTree.Options))
        {
            return null;
        }

        var oldText = oldTree.GetText(cancellationToken);
        var newText = newTree.GetText(cancellationToken);
        var oldBodies = Bodies(oldTree.GetRoot(cancellationToken));
        var newBodies = Bodies(newTree.GetRoot(cancellationToken));
        if (oldBodies.Count != newBodies.Count)
        {
            return null;
        }

        var edited = new List<(int, int, int, int)>();
        int oldAt = 0, newAt = 0;
        for (int i = 0; i <= oldBodies.Count; i++)
        {
            // The text up to the next body (or to the end) is the same in both versions.
            int oldNext = i < oldBodies.Count ? oldBodies[i].SpanStart : oldText.Length;
            int newNext = i < newBodies.Count ? newBodies[i].SpanStart : newText.Length;
            if (!SameText(oldText, oldAt, oldNext, newText, newAt, newNext))
            {
                return null;
            }

            if (i == oldBodies.Count)
            {
                break;
            }

            SyntaxNode oldBody = oldBodies[i], newBody = newBodies[i];
            if (oldBody.RawKind != newBody.RawKind || oldBody.Parent?.RawKind != newBody.Parent?.RawKind)
            {
                return null;
            }

            if (!SameText(oldText, oldBody.SpanStart, oldBody.Span.End, newText, newBody.SpanStart, newBody.Span.End))
            {
                // Directives in a body (#if …) would change how the text after it reads.
                if (oldBody.ContainsDirectives || newBody.ContainsDirectives)
                {
                    return null;
                }

                edited.Add((oldBody.SpanStart, oldBody.Span.End, newBody.SpanStart, newBody.Span.End));
            }

            (oldAt, newAt) = (oldBody.Span.End, newBody.Span.End);
        }

        if (edited.Count == 0)
        {
            return null; // the same text: not an edit this class describes (a new parse of the same file)
        }

        var edit = new TreeEdit(oldTree, newTree, edited);
        return edit.SameDeclarations(cancellationToken) ? edit : null;
    }

    /// <summary>Whether <paramref name="newSpan"/> (of the new tree) contains or meets an edited body.</summary>
    public bool Touches(TextSpan newSpan)
    {
        foreach (var (_, _, newStart, newEnd) in _edited)
        {
            if (newSpan.Start <= newEnd && newSpan.End >= newStart)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A position of the old tree outside the edited bodies, in the new tree.</summary>
    public int ToNew(int oldPosition) => Shift(oldPosition, toNew: true);

    /// <summary>A position of the new tree outside the edited bodies, in the old tree.</summary>
    public int ToOld(int newPosition) => Shift(newPosition, toNew: false);

    /// <summary>A position moved by the change in length of the edited bodies that end at or before it.</summary>
    private int Shift(int position, bool toNew)
    {
        int delta = 0;
        foreach (var (_, oldEnd, _, newEnd) in _edited)
        {
            if (position < (toNew ? oldEnd : newEnd))
            {
                break;
            }

            delta = toNew ? newEnd - oldEnd : oldEnd - newEnd;
        }

        return position + delta;
    }

    /// <summary><paramref name="location"/> in the new tree when it lies in the old one (outside the edited bodies).</summary>
    public Location ToNew(Location location)
        => location.SourceTree == OldTree ? Location.Create(NewTree, TextSpan.FromBounds(ToNew(location.SourceSpan.Start), ToNew(location.SourceSpan.End))) : location;

    /// <summary>The declaration of the old tree that <paramref name="newNode"/> (a declaration of the new tree) corresponds to.</summary>
    public SyntaxNode? OldNodeFor(SyntaxNode newNode, CancellationToken cancellationToken)
        => FindAt(OldTree.GetRoot(cancellationToken), ToOld(newNode.SpanStart), newNode.RawKind);

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

    /// <summary>The member bodies of a file in order (a block or an expression body), read without entering bodies.</summary>
    private static List<SyntaxNode> Bodies(SyntaxNode root)
    {
        var bodies = new List<SyntaxNode>();
        foreach (var node in root.DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax)))
        {
            if (node is BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax }
                or ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax })
            {
                bodies.Add(node);
            }
        }

        return bodies;
    }

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

    private static bool SameText(SourceText left, int leftStart, int leftEnd, SourceText right, int rightStart, int rightEnd)
    {
        if (leftEnd - leftStart != rightEnd - rightStart)
        {
            return false;
        }

        for (int i = 0; i < leftEnd - leftStart; i++)
        {
            if (left[leftStart + i] != right[rightStart + i])
            {
                return false;
            }
        }

        return true;
    }
}
