using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.CodeFixes;

/// <summary>One statement whose LLM call gets a fallback to a second client.</summary>
internal sealed class FallbackSite
{
    public FallbackSite(LlmCallSite call, StatementSyntax statement, ExpressionSyntax receiver, string primary, string alternative, ILocalSymbol? declaredLocal, string cancelled, string exception, string? localType)
    {
        Cancelled = cancelled;
        Exception = exception;
        LocalType = localType;
        Call = call;
        Statement = statement;
        Receiver = receiver;
        Primary = primary;
        Alternative = alternative;
        DeclaredLocal = declaredLocal;
    }

    public LlmCallSite Call { get; }

    /// <summary>The statement that makes the call: an expression statement, a return or a single local declaration.</summary>
    public StatementSyntax Statement { get; }

    public ExpressionSyntax Receiver { get; }

    public string Primary { get; }

    public string Alternative { get; }

    /// <summary>For <c>var r = await client.X(…);</c>: the local, declared before the try and assigned in both arms.</summary>
    public ILocalSymbol? DeclaredLocal { get; }

    /// <summary>How OperationCanceledException, Exception and the declared local's type are written here.</summary>
    public string Cancelled { get; }

    public string Exception { get; }

    public string? LocalType { get; }
}
