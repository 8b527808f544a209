using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// How many iterations (recursion levels) the code suggests for a loop or recursion the analyzer cannot bound: a limit
/// it compares a counter with that is a parameter's default value (<c>int maxRounds = 5</c>), an early
/// <c>if (round &gt;= 5) break;</c>, or a <c>depth</c> parameter passed on as <c>depth + 1</c> and compared with a
/// constant. Null when the code says nothing, or when the source sits inside another loop or lambda of the method
/// (where one figure per iteration would be wrong). Read from syntax (with the semantic model for constants and
/// defaults) when LLM002 reports, so that its code fix declares the bound the analyzer computed.
/// </summary>
internal static class SuggestedIterations
{
    /// <summary>
    /// The loop statement or invocation an unbounded source at <paramref name="span"/> is (a loop is reported at its
    /// keyword, a recursive call or a looping LINQ / Parallel call at the invocation).
    /// </summary>
    public static SyntaxNode SourceAt(SyntaxNode root, TextSpan span)
    {
        var token = root.FindToken(span.Start);
        if (token.Parent is ForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax && token.Parent.GetFirstToken() == token)
        {
            return token.Parent;
        }

        var node = root.FindNode(span, getInnermostNodeForTie: true);
        return node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault() ?? node;
    }

    /// <summary>The method or constructor whose body holds <paramref name="node"/> (the one a <c>[FanOut]</c> goes on).</summary>
    public static BaseMethodDeclarationSyntax? EnclosingMethod(SyntaxNode node)
        => node.AncestorsAndSelf().OfType<BaseMethodDeclarationSyntax>().FirstOrDefault(m => m is MethodDeclarationSyntax or ConstructorDeclarationSyntax);

    public static int? Of(SemanticModel model, SyntaxNode source, BaseMethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        foreach (var ancestor in source.Ancestors())
        {
            if (ancestor == method)
            {
                break;
            }

            if (ancestor is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return null;
            }
        }

        return source switch
        {
            WhileStatementSyntax w => FromCondition(model, w.Condition, cancellationToken) ?? FromBreaks(model, w.Statement, cancellationToken),
            DoStatementSyntax d => FromCondition(model, d.Condition, cancellationToken) ?? FromBreaks(model, d.Statement, cancellationToken),
            ForStatementSyntax f => (f.Condition is null ? null : FromCondition(model, f.Condition, cancellationToken)) is int n ? n - Start(model, f, cancellationToken) : FromBreaks(model, f.Statement, cancellationToken),
            ForEachStatementSyntax e => FromBreaks(model, e.Statement, cancellationToken),
            InvocationExpressionSyntax invocation => FromRecursion(model, invocation, method, cancellationToken),
            _ => null,
        };
    }

    /// <summary><c>i &lt; limit</c> (and the like) in the loop condition, with limit known.</summary>
    private static int? FromCondition(SemanticModel model, ExpressionSyntax condition, CancellationToken cancellationToken)
    {
        foreach (var conjunct in Conjuncts(condition))
        {
            if (conjunct is not BinaryExpressionSyntax binary)
            {
                continue;
            }

            int? result = binary.Kind() switch
            {
                SyntaxKind.LessThanExpression when binary.Left is IdentifierNameSyntax => Value(model, binary.Right, cancellationToken),
                SyntaxKind.LessThanOrEqualExpression when binary.Left is IdentifierNameSyntax => Value(model, binary.Right, cancellationToken) + 1,
                SyntaxKind.GreaterThanExpression when binary.Right is IdentifierNameSyntax => Value(model, binary.Left, cancellationToken),
                SyntaxKind.GreaterThanOrEqualExpression when binary.Right is IdentifierNameSyntax => Value(model, binary.Left, cancellationToken) + 1,
                _ => null,
            };

            if (result is int n && n > 0)
            {
                return n;
            }
        }

        return null;
    }

    private static int Start(SemanticModel model, ForStatementSyntax forStatement, CancellationToken cancellationToken)
    {
        var initializer = forStatement.Declaration?.Variables.FirstOrDefault()?.Initializer?.Value;
        return initializer is not null && Value(model, initializer, cancellationToken) is int start && start > 0 ? start : 0;
    }

    /// <summary>A top-level <c>if (counter &gt;= limit) break;</c> (or return) in the loop body.</summary>
    private static int? FromBreaks(SemanticModel model, StatementSyntax body, CancellationToken cancellationToken)
    {
        var statements = body is BlockSyntax block ? block.Statements.ToList() : new List<StatementSyntax> { body };
        foreach (var statement in statements)
        {
            if (statement is not IfStatementSyntax { Condition: BinaryExpressionSyntax condition } ifStatement || !Exits(ifStatement.Statement))
            {
                continue;
            }

            var left = condition.Left is PrefixUnaryExpressionSyntax prefix ? prefix.Operand : condition.Left;
            int? result = condition.Kind() switch
            {
                SyntaxKind.GreaterThanOrEqualExpression when left is IdentifierNameSyntax => Value(model, condition.Right, cancellationToken),
                SyntaxKind.EqualsExpression when left is IdentifierNameSyntax => Value(model, condition.Right, cancellationToken),
                SyntaxKind.GreaterThanExpression when left is IdentifierNameSyntax => Value(model, condition.Right, cancellationToken) + 1,
                _ => null,
            };

            if (result is int n && n > 0)
            {
                return n;
            }
        }

        return null;
    }

    private static bool Exits(StatementSyntax statement)
        => statement is BreakStatementSyntax or ReturnStatementSyntax
            || (statement is BlockSyntax { Statements.Count: > 0 } block && block.Statements.Last() is BreakStatementSyntax or ReturnStatementSyntax);

    /// <summary>A recursive call passing <c>depth + 1</c> where the method compares <c>depth</c> with a known limit.</summary>
    private static int? FromRecursion(SemanticModel model, InvocationExpressionSyntax invocation, BaseMethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        var parameters = method.ParameterList.Parameters;
        var arguments = invocation.ArgumentList.Arguments;
        for (int i = 0; i < arguments.Count && i < parameters.Count; i++)
        {
            string name = parameters[i].Identifier.ValueText;
            if (arguments[i].NameColon is not null
                || arguments[i].Expression is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression, Left: IdentifierNameSyntax id } increment
                || id.Identifier.ValueText != name
                || Value(model, increment.Right, cancellationToken) != 1)
            {
                continue;
            }

            SyntaxNode? body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
            foreach (var comparison in body?.DescendantNodes().OfType<BinaryExpressionSyntax>() ?? Enumerable.Empty<BinaryExpressionSyntax>())
            {
                if (comparison.Left is not IdentifierNameSyntax left || left.Identifier.ValueText != name)
                {
                    continue;
                }

                int? levels = comparison.Kind() switch
                {
                    SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.EqualsExpression or SyntaxKind.LessThanExpression => Value(model, comparison.Right, cancellationToken) + 1,
                    SyntaxKind.GreaterThanExpression or SyntaxKind.LessThanOrEqualExpression => Value(model, comparison.Right, cancellationToken) + 2,
                    _ => null,
                };

                if (levels is int n && n > 0)
                {
                    return n;
                }
            }
        }

        return null;
    }

    private static IEnumerable<ExpressionSyntax> Conjuncts(ExpressionSyntax condition)
    {
        while (condition is ParenthesizedExpressionSyntax parenthesized)
        {
            condition = parenthesized.Expression;
        }

        if (condition is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and)
        {
            foreach (var left in Conjuncts(and.Left))
            {
                yield return left;
            }

            foreach (var right in Conjuncts(and.Right))
            {
                yield return right;
            }
        }
        else
        {
            yield return condition;
        }
    }

    /// <summary>An int constant, or a parameter's explicit int default.</summary>
    private static int? Value(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        var constant = model.GetConstantValue(expression, cancellationToken);
        if (constant.HasValue && constant.Value is int value)
        {
            return value;
        }

        if (model.GetSymbolInfo(expression, cancellationToken).Symbol is IParameterSymbol { HasExplicitDefaultValue: true, ExplicitDefaultValue: int fallback })
        {
            return fallback;
        }

        return null;
    }
}
