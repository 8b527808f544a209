using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Semantic models for the callers that are not analyzers — the <c>llmslo</c> CLI and the estimate generator (which
/// runs only at build time) — and, for the CLI, whole compilations summarized up front. The analyzer itself never does
/// this: it summarizes each declaration in its own callback and reads callees on demand, as the generator does from
/// its task roots.
/// </summary>
internal static class SemanticModelSummaries
{
    /// <summary>
    /// Makes semantic models without nullable analysis: shapes never read nullability, and nullable analysis is about
    /// half the cost of binding a body through a semantic model. The session's <see cref="SummaryStore"/> keeps one a
    /// tree (<see cref="SummaryStore.ModelOf"/>), so that a body is bound once.
    /// </summary>
    public static Func<SyntaxTree, SemanticModel> ModelsOf(Compilation compilation)
    {
        // SemanticModelOptions is marked experimental but is in every compiler this package loads in (4.9 and later).
#pragma warning disable RS1030 // Bodies the analysis reaches in other files; the driver's models are left to the driver.
#pragma warning disable RSEXPERIMENTAL001
        return tree => compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
#pragma warning restore RS1030
    }

    /// <summary>
    /// Summarizes every declaration of <paramref name="compilation"/> into <paramref name="store"/>. The files are bound
    /// in parallel (the store is thread-safe, and which thread summarizes what changes no result).
    /// </summary>
    public static void Collect(Compilation compilation, SummaryStore store, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        try
        {
            Parallel.ForEach(compilation.SyntaxTrees, parallel, tree => CollectTree(tree, store, cancellationToken));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }

    private static void CollectTree(SyntaxTree tree, SummaryStore store, CancellationToken cancellationToken)
    {
        var model = store.ModelOf(tree);
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax)))
        {
            ISymbol? owner = node switch
            {
                BaseMethodDeclarationSyntax or AccessorDeclarationSyntax => model.GetDeclaredSymbol(node, cancellationToken),
                PropertyDeclarationSyntax { ExpressionBody: not null } property => (model.GetDeclaredSymbol(property, cancellationToken) as IPropertySymbol)?.GetMethod,
                PropertyDeclarationSyntax { Initializer: not null } property => model.GetDeclaredSymbol(property, cancellationToken),
                VariableDeclaratorSyntax { Initializer: not null, Parent.Parent: FieldDeclarationSyntax } declarator => model.GetDeclaredSymbol(declarator, cancellationToken),
                _ => null,
            };

            if (owner is not null)
            {
                store.Owner(owner, null, cancellationToken);
            }
        }
    }
}
