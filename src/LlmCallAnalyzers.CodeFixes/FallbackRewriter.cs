using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.CodeFixes;

/// <summary>
/// The fallback fix: <c>try { primary call } catch (OperationCanceledException) { throw; } catch (Exception) { the same
/// call on the second client }</c>. The analyzer reads a catch that swallows and makes a call as a fallback; the
/// cancellation clause rethrows, so cancelling the task still cancels it.
/// </summary>
internal static class FallbackRewriter
{
    public static FallbackSite? Plan(SemanticModel model, ImportPlan names, LlmCallSite site, CancellationToken cancellationToken)
    {
        if (site.Invocation.Expression is not MemberAccessExpressionSyntax access)
        {
            return null;
        }

        var receiver = access.Expression;
        var receiverName = receiver switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax id } => id.Identifier.ValueText,
            _ => null,
        };

        var receiverSymbol = model.GetSymbolInfo(receiver, cancellationToken).Symbol;
        var receiverType = model.GetTypeInfo(receiver, cancellationToken).Type;
        if (receiverName is null || receiverSymbol is not (IFieldSymbol or IPropertySymbol or IParameterSymbol) || receiverType is null)
        {
            return null;
        }

        var (statement, local) = StatementOf(model, site.Invocation, cancellationToken);
        if (statement is null)
        {
            return null;
        }

        string? alternative = FindAlternative(model, site, receiverSymbol, receiverType, cancellationToken);
        if (alternative is null)
        {
            return null;
        }

        int position = statement.SpanStart;
        return new FallbackSite(
            site, statement, receiver, receiverName, alternative, local,
            names.Name(position, "System", "OperationCanceledException"),
            names.Name(position, "System", "Exception"),
            local is null ? null : names.Type(position, local.Type));
    }

    private static string? FindAlternative(SemanticModel model, LlmCallSite site, ISymbol receiver, ITypeSymbol receiverType, CancellationToken cancellationToken)
    {
        bool staticContext = site.Member.Modifiers.Any(SyntaxKind.StaticKeyword);
        var candidates = new List<ISymbol>();
        if (model.GetDeclaredSymbol(site.Member, cancellationToken) is IMethodSymbol method)
        {
            foreach (var member in method.ContainingType.GetMembers())
            {
                if (member is (IFieldSymbol { IsImplicitlyDeclared: false } or IPropertySymbol) && (member.IsStatic || !staticContext))
                {
                    candidates.Add(member);
                }
            }

            candidates.Sort((a, b) => (a.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0).CompareTo(b.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0));
            candidates.AddRange(method.Parameters);
        }

        foreach (var candidate in candidates)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, receiver))
            {
                continue;
            }

            var type = candidate switch
            {
                IFieldSymbol f => f.Type,
                IPropertySymbol p => p.Type,
                IParameterSymbol p => p.Type,
                _ => null,
            };

            if (type is not null && model.Compilation.ClassifyCommonConversion(type, receiverType).IsImplicit && model.IsAccessible(site.Invocation.SpanStart, candidate)
                && !Exposes(candidate, receiver, cancellationToken))
            {
                return candidate.Name;
            }
        }

        return null;
    }

    /// <summary>A property that merely returns the receiver (<c>IChatClient Client =&gt; _client;</c>) is not a second client.</summary>
    private static bool Exposes(ISymbol candidate, ISymbol receiver, CancellationToken cancellationToken)
    {
        if (candidate is not IPropertySymbol)
        {
            return false;
        }

        foreach (var reference in candidate.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken).DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == receiver.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The statement whose whole value is the (awaited) call, and the local it declares if any.</summary>
    private static (StatementSyntax? Statement, ILocalSymbol? Local) StatementOf(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        SyntaxNode value = invocation;
        if (value.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } && value.Parent.Parent is InvocationExpressionSyntax configured)
        {
            value = configured;
        }

        while (value.Parent is ParenthesizedExpressionSyntax or AwaitExpressionSyntax)
        {
            value = value.Parent;
        }

        switch (value.Parent)
        {
            case ExpressionStatementSyntax statement:
                return (statement, null);
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment when assignment.Right == value && assignment.Parent is ExpressionStatementSyntax assigned:
                return (assigned, null);
            case ReturnStatementSyntax returned:
                return (returned, null);
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration } } declarator }
                when declaration.Modifiers.Count == 0 && declaration.UsingKeyword.IsKind(SyntaxKind.None) && declaration.AwaitKeyword.IsKind(SyntaxKind.None)
                    && declaration.Parent is BlockSyntax:
                return model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local ? (declaration, local) : (null, null);
            default:
                return (null, null);
        }
    }

    /// <summary>The statements that replace <see cref="FallbackSite.Statement"/>.</summary>
    public static IEnumerable<StatementSyntax> Rewrite(FallbackSite site, string endOfLine)
    {
        string indentation = FixSupport.IndentationOf(site.Statement);
        string unit = FixSupport.IndentUnit(indentation);
        var statement = site.Statement;
        var result = new List<StatementSyntax>();
        string primaryText;
        string fallbackText;
        var alternativeReceiver = site.Receiver is MemberAccessExpressionSyntax thisAccess
            ? (ExpressionSyntax)thisAccess.WithName(SyntaxFactory.IdentifierName(site.Alternative))
            : SyntaxFactory.IdentifierName(site.Alternative).WithTriviaFrom(site.Receiver);
        var fallbackStatement = statement.ReplaceNode(site.Receiver, alternativeReceiver.WithTriviaFrom(site.Receiver));
        if (site.DeclaredLocal is { } local && statement is LocalDeclarationStatementSyntax declaration)
        {
            var initializer = declaration.Declaration.Variables[0].Initializer!.Value;
            var fallbackDeclaration = (LocalDeclarationStatementSyntax)fallbackStatement;
            var fallbackInitializer = fallbackDeclaration.Declaration.Variables[0].Initializer!.Value;
            primaryText = local.Name + " = " + initializer.WithoutTrivia().ToFullString() + ";";
            fallbackText = local.Name + " = " + fallbackInitializer.WithoutTrivia().ToFullString() + ";";
            var declared = SyntaxFactory.ParseStatement(site.LocalType + " " + local.Name + ";")
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine));
            result.Add(declared);
        }
        else
        {
            primaryText = statement.WithoutTrivia().ToFullString();
            fallbackText = fallbackStatement.WithoutTrivia().ToFullString();
        }

        bool reindent = !statement.DescendantTokens().Any(t => t.IsKind(SyntaxKind.StringLiteralToken) && t.Text.Contains("\n")
            || t.IsKind(SyntaxKind.InterpolatedStringTextToken) || t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken));
        string Indent(string text) => reindent ? text.Replace(endOfLine, endOfLine + unit) : text;

        var text = new StringBuilder();
        text.Append("try").Append(endOfLine);
        text.Append(indentation).Append('{').Append(endOfLine);
        text.Append(indentation).Append(unit).Append(Indent(primaryText)).Append(endOfLine);
        text.Append(indentation).Append('}').Append(endOfLine);
        text.Append(indentation).Append("catch (").Append(site.Cancelled).Append(')').Append(endOfLine);
        text.Append(indentation).Append('{').Append(endOfLine);
        text.Append(indentation).Append(unit).Append("throw;").Append(endOfLine);
        text.Append(indentation).Append('}').Append(endOfLine);
        text.Append(indentation).Append("catch (").Append(site.Exception).Append(')').Append(endOfLine);
        text.Append(indentation).Append('{').Append(endOfLine);
        text.Append(indentation).Append(unit).Append("// LLM003: '").Append(site.Primary).Append("' failed; fall back to '").Append(site.Alternative).Append("'.").Append(endOfLine);
        text.Append(indentation).Append(unit).Append(Indent(fallbackText)).Append(endOfLine);
        text.Append(indentation).Append('}');
        var tryStatement = (TryStatementSyntax)SyntaxFactory.ParseStatement(text.ToString());
        tryStatement = tryStatement
            .WithLeadingTrivia(site.DeclaredLocal is null ? statement.GetLeadingTrivia() : SyntaxFactory.TriviaList(SyntaxFactory.Whitespace(indentation)))
            .WithTrailingTrivia(statement.GetTrailingTrivia());
        result.Add(tryStatement);
        return result;
    }
}
