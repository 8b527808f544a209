using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LlmCallAnalyzers.Analyzers.Tests.Live;

/// <summary>
/// Random edits inside one method, accessor or expression body of a file — statements duplicated, deleted, wrapped in
/// bounded and unbounded loops, literals changed, half-typed <c>client.</c>, blank lines — as typing makes them, for
/// tests that compare an analysis carried over an edit with a new analysis of the same text.
/// </summary>
internal static class BodyEdits
{
    /// <summary>One edit inside a body of <paramref name="tree"/>; null when the file has no body to edit.</summary>
    public static TextChange? Next(SyntaxTree tree, Random random)
    {
        var bodies = tree.GetRoot().DescendantNodes()
            .Where(n => n is BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax, Statements.Count: > 0 } or ArrowExpressionClauseSyntax)
            .ToList();
        if (bodies.Count == 0)
        {
            return null;
        }

        var chosen = bodies[random.Next(bodies.Count)];
        if (chosen is ArrowExpressionClauseSyntax arrow)
        {
            var expression = arrow.Expression;
            return random.Next(4) switch
            {
                0 => new TextChange(new TextSpan(arrow.ArrowToken.Span.End, 0), "\n            "),
                1 => new TextChange(expression.Span, "(" + expression + ")"),
                2 => new TextChange(new TextSpan(expression.SpanStart, 0), "client."),
                _ => new TextChange(new TextSpan(expression.Span.End, 0), " ?? throw new InvalidOperationException()"),
            };
        }

        var body = (BlockSyntax)chosen;
        var statement = body.Statements[random.Next(body.Statements.Count)];
        string text = statement.ToString();
        return random.Next(8) switch
        {
            0 => new TextChange(new TextSpan(body.OpenBraceToken.Span.End, 0), "\n\n"),
            1 => new TextChange(new TextSpan(statement.Span.End, 0), "\n        " + text),
            2 when body.Statements.Count > 1 => new TextChange(statement.Span, string.Empty),
            3 => new TextChange(statement.Span, "for (int edited = 0; edited < 3; edited++) { " + text + " }"),
            4 => new TextChange(statement.Span, "while (DateTime.Now.Ticks > 0) { " + text + " }"),
            5 => new TextChange(new TextSpan(statement.SpanStart, 0), "client."),
            6 when statement.DescendantTokens().FirstOrDefault(t => t.IsKind(SyntaxKind.NumericLiteralToken)) is { RawKind: not 0 } number
                => new TextChange(number.Span, random.Next(1, 30).ToString(CultureInfo.InvariantCulture)),
            _ => new TextChange(new TextSpan(statement.SpanStart, 0), "_ = 0; "),
        };
    }
}
