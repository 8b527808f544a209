using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Feeds a <see cref="MethodSummarizer"/> from semantic models, for the callers that are not analyzers: the
/// <c>llmslo</c> CLI and the estimate generator (which runs only at build time). The analyzer itself never does this.
/// </summary>
internal static class SemanticModelSummaries
{
    /// <summary>
    /// Summarizes the bodies of <paramref name="compilation"/>: all of them, or those in <paramref name="only"/>
    /// (initializers always). The files are bound in parallel (semantic models and the summarizer are thread-safe, and
    /// which thread summarizes what changes no result): this binding is the estimate generator's main cost, and it
    /// runs before the compiler's own (parallel) binding starts, with the machine's cores otherwise idle.
    /// </summary>
    public static void Collect(Compilation compilation, MethodSummarizer summarizer, CancellationToken cancellationToken, HashSet<SyntaxNode>? only = null)
    {
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        try
        {
            Parallel.ForEach(compilation.SyntaxTrees, parallel, tree => CollectTree(compilation, tree, summarizer, only, cancellationToken));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }

    private static void CollectTree(Compilation compilation, SyntaxTree tree, MethodSummarizer summarizer, HashSet<SyntaxNode>? only, CancellationToken cancellationToken)
    {
        // Shapes never read nullability, and nullable analysis is about half the cost of binding a body through a
        // semantic model (this pass is the estimate generator's whole cost: it binds the compilation a second time).
        // SemanticModelOptions is marked experimental but is in every compiler this package loads in (4.9 and later).
#pragma warning disable RS1030 // Not an analyzer: the CLI and the build-time generator need whole-compilation summaries.
#pragma warning disable RSEXPERIMENTAL001
        var model = compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
#pragma warning restore RS1030
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax)))
        {
            switch (node)
            {
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                    if ((only is null || only.Contains(node)) && model.GetDeclaredSymbol(node, cancellationToken) is IMethodSymbol method && model.GetOperation(node, cancellationToken) is { } body)
                    {
                        summarizer.SummarizeMethod(method, new[] { body });
                    }

                    break;
                case PropertyDeclarationSyntax { ExpressionBody: { } arrow } property:
                    if ((only is null || only.Contains(property)) && model.GetDeclaredSymbol(property, cancellationToken) is IPropertySymbol { GetMethod: { } getter } && model.GetOperation(arrow, cancellationToken) is { } getterBody)
                    {
                        summarizer.SummarizeMethod(getter, new[] { getterBody });
                    }

                    break;
                case PropertyDeclarationSyntax { Initializer: { } propertyInitializer } initialized:
                    if (model.GetDeclaredSymbol(initialized, cancellationToken) is { } propertySymbol && model.GetOperation(propertyInitializer.Value, cancellationToken) is { } propertyValue)
                    {
                        summarizer.RecordInitializer(propertySymbol, propertyValue);
                    }

                    break;
                case VariableDeclaratorSyntax { Initializer: { } initializer, Parent.Parent: FieldDeclarationSyntax } declarator:
                    if (model.GetDeclaredSymbol(declarator, cancellationToken) is IFieldSymbol field && model.GetOperation(initializer.Value, cancellationToken) is { } value)
                    {
                        summarizer.RecordInitializer(field, value);
                    }

                    break;
            }
        }
    }
}
