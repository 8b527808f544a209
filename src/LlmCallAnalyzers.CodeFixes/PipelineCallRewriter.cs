using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.CodeFixes;

/// <summary>
/// How one LLM call is run through a pipeline, worked out from the original syntax and semantics and applied to the
/// (possibly already edited) node: <c>await client.GetResponseAsync(x, cancellationToken: token)</c> becomes
/// <c>await Pipeline.ExecuteAsync(async ct =&gt; await client.GetResponseAsync(x, cancellationToken: ct), token)</c>.
/// The call's own token goes to the pipeline and the pipeline's token to the call, so that hedging can cancel the losers.
/// </summary>
internal sealed class PipelineCallRewriter
{
    private readonly string _pipeline;
    private readonly int? _tokenArgumentIndex;
    private readonly string? _tokenParameterName;
    private readonly string _outerToken;
    private readonly bool _async;
    private readonly bool _asTask;
    private readonly string _lambdaParameter;

    private PipelineCallRewriter(string pipeline, int? tokenArgumentIndex, string? tokenParameterName, string outerToken, bool isAsync, bool asTask, string lambdaParameter)
    {
        _pipeline = pipeline;
        _tokenArgumentIndex = tokenArgumentIndex;
        _tokenParameterName = tokenParameterName;
        _outerToken = outerToken;
        _async = isAsync;
        _asTask = asTask;
        _lambdaParameter = lambdaParameter;
    }

    /// <summary>The result type the pipeline hands back (null for Task, ValueTask and void).</summary>
    public static ITypeSymbol? ResultType(IMethodSymbol method)
    {
        if (LlmCallFinder.IsAwaitable(method.ReturnType, out _, out var result))
        {
            return result;
        }

        return method.ReturnsVoid ? null : method.ReturnType;
    }

    public static PipelineCallRewriter Create(SemanticModel model, ImportPlan names, LlmCallSite site, string pipeline, CancellationToken cancellationToken)
    {
        var invocation = site.Invocation;
        int? tokenIndex = null;
        string? tokenParameter = null;
        string? outer = null;
        if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation)
        {
            foreach (var argument in operation.Arguments)
            {
                if (argument.Parameter is not { } parameter || !IsCancellationToken(parameter.Type))
                {
                    continue;
                }

                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Syntax is ArgumentSyntax syntax)
                {
                    tokenIndex = invocation.ArgumentList.Arguments.IndexOf(syntax);
                    outer = syntax.Expression.WithoutTrivia().ToString();
                }
                else if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    tokenParameter = parameter.Name;
                }

                break;
            }
        }

        if (outer is null)
        {
            outer = TokenInScope(model, invocation, cancellationToken);
            if (outer is null)
            {
                outer = names.Name(invocation.SpanStart, "System.Threading", "CancellationToken") + ".None";
            }
        }

        bool takesToken = tokenIndex is not null || tokenParameter is not null;
        string lambdaParameter = takesToken ? FreeName(model, invocation.SpanStart, "ct", "cancellation", "attemptToken") : "_";
        bool isAsync = LlmCallFinder.IsAwaitable(site.Method.ReturnType, out bool isTask, out _);
        bool asTask = isAsync && isTask && !LlmCallFinder.IsAwaited(invocation);
        return new PipelineCallRewriter(pipeline, tokenIndex, tokenParameter, outer, isAsync, asTask, lambdaParameter);
    }

    /// <summary>The pipeline call that replaces <paramref name="current"/> (the call as it stands after nested edits).</summary>
    public ExpressionSyntax Rewrite(InvocationExpressionSyntax current)
    {
        var inner = current.WithoutTrivia();
        string innerText;
        if (_tokenArgumentIndex is int index && index >= 0 && index < inner.ArgumentList.Arguments.Count)
        {
            var argument = inner.ArgumentList.Arguments[index];
            inner = inner.ReplaceNode(argument.Expression, SyntaxFactory.IdentifierName(_lambdaParameter).WithTriviaFrom(argument.Expression));
            innerText = inner.ToFullString();
        }
        else if (_tokenParameterName is not null)
        {
            var arguments = inner.ArgumentList.Arguments;
            int insertAt = arguments.Count > 0 ? arguments.Last().Span.End : inner.ArgumentList.OpenParenToken.Span.End;
            string addition = (arguments.Count > 0 ? ", " : string.Empty) + _tokenParameterName + ": " + _lambdaParameter;
            string text = inner.ToFullString();
            int offset = insertAt - inner.FullSpan.Start;
            innerText = text.Substring(0, offset) + addition + text.Substring(offset);
        }
        else
        {
            innerText = inner.ToFullString();
        }

        string call = _async
            ? _pipeline + ".ExecuteAsync(async " + _lambdaParameter + " => await " + innerText + ", " + _outerToken + ")" + (_asTask ? ".AsTask()" : string.Empty)
            : _pipeline + ".Execute(" + _lambdaParameter + " => " + innerText + ", " + _outerToken + ")";
        return SyntaxFactory.ParseExpression(call).WithTriviaFrom(current);
    }

    private static bool IsCancellationToken(ITypeSymbol type)
        => type is INamedTypeSymbol { Name: "CancellationToken" } named && named.ContainingNamespace?.ToDisplayString() == "System.Threading";

    /// <summary>A CancellationToken parameter of an enclosing lambda, local function or method.</summary>
    private static string? TokenInScope(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        foreach (var ancestor in node.Ancestors())
        {
            var parameters = ancestor switch
            {
                SimpleLambdaExpressionSyntax simple => new[] { simple.Parameter },
                ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters.ToArray(),
                AnonymousMethodExpressionSyntax anonymous when anonymous.ParameterList is not null => anonymous.ParameterList.Parameters.ToArray(),
                LocalFunctionStatementSyntax local => local.ParameterList.Parameters.ToArray(),
                BaseMethodDeclarationSyntax method => method.ParameterList.Parameters.ToArray(),
                _ => null,
            };

            if (parameters is null)
            {
                continue;
            }

            foreach (var parameter in parameters)
            {
                if (model.GetDeclaredSymbol(parameter, cancellationToken) is IParameterSymbol symbol && IsCancellationToken(symbol.Type))
                {
                    return symbol.Name;
                }
            }

            if (ancestor is BaseMethodDeclarationSyntax || (ancestor is AnonymousFunctionExpressionSyntax f && f.Modifiers.Any(SyntaxKind.StaticKeyword)))
            {
                return null;
            }
        }

        return null;
    }

    private static string FreeName(SemanticModel model, int position, params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (model.LookupSymbols(position, name: candidate).IsEmpty)
            {
                return candidate;
            }
        }

        for (int i = 2; ; i++)
        {
            string name = "ct" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (model.LookupSymbols(position, name: name).IsEmpty)
            {
                return name;
            }
        }
    }
}
