using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Analyzers.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.CodeFixes;

/// <summary>One LLM call a fix may protect.</summary>
internal sealed class LlmCallSite
{
    public LlmCallSite(InvocationExpressionSyntax invocation, IMethodSymbol method, RecognizedCall call, BaseMethodDeclarationSyntax member)
    {
        Invocation = invocation;
        Method = method;
        Call = call;
        Member = member;
    }

    public InvocationExpressionSyntax Invocation { get; }

    public IMethodSymbol Method { get; }

    public RecognizedCall Call { get; }

    /// <summary>The method (the task or one of its helpers) whose body contains the call.</summary>
    public BaseMethodDeclarationSyntax Member { get; }
}
