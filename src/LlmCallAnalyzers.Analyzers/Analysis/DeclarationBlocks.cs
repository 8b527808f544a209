using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// The operation blocks of a declaration, read from its declaring syntax: what an operation-block callback would be
/// given for it, for a method the analysis reaches in a file it is not analyzing (the way roslyn-analyzers' data-flow
/// analysis reaches a callee's body).
/// </summary>
internal static class DeclarationBlocks
{
    public static List<IOperation> Of(ISymbol owner, Func<SyntaxTree, SemanticModel> modelOf, CancellationToken cancellationToken)
    {
        var blocks = new List<IOperation>(1);
        foreach (var reference in owner.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            if (CodeOf(owner, declaration) is not { } code)
            {
                continue;
            }

            if (modelOf(code.SyntaxTree).GetOperation(code, cancellationToken) is { } operation)
            {
                blocks.Add(operation);
            }
        }

        return blocks;
    }

    /// <summary>The node whose operation is the declaration's code; null when it has none.</summary>
    private static SyntaxNode? CodeOf(ISymbol owner, SyntaxNode declaration) => declaration switch
    {
        BaseMethodDeclarationSyntax method when method.Body is not null || method.ExpressionBody is not null
            || method is ConstructorDeclarationSyntax { Initializer: not null } => method,
        AccessorDeclarationSyntax accessor when accessor.Body is not null || accessor.ExpressionBody is not null => accessor,
        ArrowExpressionClauseSyntax arrow => arrow,
        CompilationUnitSyntax unit when owner is IMethodSymbol => unit,
        TypeDeclarationSyntax type when owner is IMethodSymbol { MethodKind: MethodKind.Constructor } => PrimaryConstructorBase(type),
        VariableDeclaratorSyntax { Initializer: { } initializer } => initializer,
        PropertyDeclarationSyntax { Initializer: { } initializer } when owner is IPropertySymbol => initializer,
        _ => null,
    };

    private static SyntaxNode? PrimaryConstructorBase(TypeDeclarationSyntax type)
    {
        if (type.BaseList is { } bases)
        {
            foreach (var baseType in bases.Types)
            {
                if (baseType is PrimaryConstructorBaseTypeSyntax primary)
                {
                    return primary;
                }
            }
        }

        return null;
    }
}
