using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Analyzers.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.CodeFixes;

/// <summary>
/// Finds the LLM calls of a task that nothing protects yet: in the task method's body and in the bodies of the methods of
/// the same type declaration (same file) it calls, transitively — the calls the analyzer counts as essential there.
/// A call is left alone when it already runs inside a Polly <c>Execute*</c> callback, inside the <c>try</c> block or a
/// <c>catch</c> clause of a try/catch that the analyzer reads as optional or fallback (<see cref="CatchClauses"/>: a
/// handler swallows the failure) or that is the attempt of a hand-written retry loop (<see cref="RetryLoops"/>), or when
/// it streams (a stream cannot be replayed by a pipeline). A call inside
/// <c>try { } catch { log; throw; }</c> is essential for the analyzer, and so it is here.
/// </summary>
internal static class LlmCallFinder
{
    public static List<LlmCallSite> FindUnprotected(SemanticModel model, CallSiteCatalog catalog, BaseMethodDeclarationSyntax task, CancellationToken cancellationToken)
    {
        var result = new List<LlmCallSite>();
        var symbols = new WellKnownSymbols(model.Compilation);
        var type = task.Parent as TypeDeclarationSyntax;
        var visited = new HashSet<SyntaxNode> { task };
        var queue = new Queue<BaseMethodDeclarationSyntax>();
        queue.Enqueue(task);
        while (queue.Count > 0)
        {
            var member = queue.Dequeue();
            SyntaxNode? body = (SyntaxNode?)member.Body ?? member.ExpressionBody;
            if (body is null)
            {
                continue;
            }

            foreach (var invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
                {
                    continue;
                }

                if (catalog.Recognize(method) is RecognizedCall call)
                {
                    if (call.Kind != EntryPointKind.Streaming && !IsProtected(model, symbols, invocation, member, cancellationToken))
                    {
                        result.Add(new LlmCallSite(invocation, method, call, member));
                    }

                    continue;
                }

                // A helper of the same type declaration in this file: its calls are the task's too.
                var target = (method.ReducedFrom ?? method).OriginalDefinition;
                if (target.MethodKind == MethodKind.Ordinary && type is not null)
                {
                    foreach (var reference in target.DeclaringSyntaxReferences)
                    {
                        if (reference.SyntaxTree == task.SyntaxTree
                            && reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax helper
                            && helper.Parent == type
                            && visited.Add(helper))
                        {
                            queue.Enqueue(helper);
                        }
                    }
                }
            }
        }

        return result;
    }

    /// <summary>True when a pipeline, or a try/catch whose failure the analyzer counts as handled, already protects the call.</summary>
    public static bool IsProtected(SemanticModel model, WellKnownSymbols symbols, SyntaxNode node, SyntaxNode stopAt, CancellationToken cancellationToken)
    {
        SyntaxNode? previous = node;
        for (var current = node.Parent; current is not null && current != stopAt; previous = current, current = current.Parent)
        {
            switch (current)
            {
                case CatchClauseSyntax { Parent: TryStatementSyntax handled } when SwallowsFailures(model, symbols, handled, cancellationToken):
                    return true;
                case TryStatementSyntax tryStatement when tryStatement.Catches.Count > 0 && previous == tryStatement.Block
                    && (SwallowsFailures(model, symbols, tryStatement, cancellationToken) || IsRetryAttempt(model, tryStatement, cancellationToken)):
                    return true;
                case ArgumentSyntax when current.Parent?.Parent is InvocationExpressionSyntax outer
                    && model.GetSymbolInfo(outer, cancellationToken).Symbol is IMethodSymbol outerMethod
                    && IsResiliencePipeline(outerMethod.ContainingType)
                    && outerMethod.Name.StartsWith("Execute", System.StringComparison.Ordinal):
                    return true;
            }
        }

        return false;
    }

    /// <summary>The try block of a hand-written retry loop (<see cref="RetryLoops"/>): the analyzer counts its calls retried.</summary>
    private static bool IsRetryAttempt(SemanticModel model, TryStatementSyntax tryStatement, CancellationToken cancellationToken)
        => tryStatement.Parent is BlockSyntax { Parent: ForStatementSyntax loop }
            && model.GetOperation(loop, cancellationToken) is ILoopOperation operation && RetryLoops.IsRetryLoop(operation);

    private static bool SwallowsFailures(SemanticModel model, WellKnownSymbols symbols, TryStatementSyntax tryStatement, CancellationToken cancellationToken)
        => model.GetOperation(tryStatement, cancellationToken) is ITryOperation operation && CatchClauses.AnySwallows(operation, symbols);

    public static bool IsResiliencePipeline(ITypeSymbol? type)
        => type is INamedTypeSymbol { Name: "ResiliencePipeline", ContainingNamespace: { Name: "Polly", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>True for Task, Task&lt;T&gt;, ValueTask and ValueTask&lt;T&gt;.</summary>
    public static bool IsAwaitable(ITypeSymbol type, out bool isTask, out ITypeSymbol? result)
    {
        isTask = false;
        result = null;
        if (type is not INamedTypeSymbol named || named.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
        {
            return false;
        }

        if (named.Name is not ("Task" or "ValueTask"))
        {
            return false;
        }

        isTask = named.Name == "Task";
        result = named.TypeArguments.Length == 1 ? named.TypeArguments[0] : null;
        return named.TypeArguments.Length <= 1;
    }

    /// <summary>True when <paramref name="invocation"/> is awaited directly (or through <c>.ConfigureAwait(…)</c>).</summary>
    public static bool IsAwaited(InvocationExpressionSyntax invocation)
    {
        SyntaxNode node = invocation;
        while (node.Parent is ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }

        if (node.Parent is AwaitExpressionSyntax)
        {
            return true;
        }

        return node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } access
            && access.Parent is InvocationExpressionSyntax configure
            && configure.Parent is AwaitExpressionSyntax;
    }

    /// <summary>Is <paramref name="node"/> the receiver-free start of a member access chain that C# can extend with <c>.X</c>?</summary>
    public static bool IsPrimary(ExpressionSyntax node)
        => node is IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
            or ElementAccessExpressionSyntax or ThisExpressionSyntax or ParenthesizedExpressionSyntax or ArrayCreationExpressionSyntax
            or ImplicitArrayCreationExpressionSyntax or ObjectCreationExpressionSyntax or LiteralExpressionSyntax && !node.IsKind(SyntaxKind.NumericLiteralExpression);
}
