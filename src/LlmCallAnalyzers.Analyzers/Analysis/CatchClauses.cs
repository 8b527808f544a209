using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// How the analyzer reads a <c>catch</c> clause, shared with the code fixes so that both agree on which calls a
/// <c>try</c> protects. A clause that swallows the failure (the task goes on, degraded or through a fallback) makes the
/// calls of its <c>try</c> block optional; a clause that rethrows (<c>catch { log; throw; }</c>), filters, or handles only
/// cancellation leaves them essential.
/// </summary>
internal static class CatchClauses
{
    /// <summary>True when <paramref name="clause"/> lets the task go on after a failure of its try block.</summary>
    public static bool Swallows(ICatchClauseOperation clause, WellKnownSymbols symbols)
        => clause.Filter is null && !symbols.IsCancellation(clause.ExceptionType) && !Throws(clause.Handler);

    /// <summary>True when some handler of <paramref name="tryOperation"/> swallows the failure.</summary>
    public static bool AnySwallows(ITryOperation tryOperation, WellKnownSymbols symbols)
    {
        foreach (var clause in tryOperation.Catches)
        {
            if (Swallows(clause, symbols))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Throws(IOperation handler)
    {
        foreach (var op in handler.DescendantsAndSelf())
        {
            if (op is IThrowOperation)
            {
                return true;
            }
        }

        return false;
    }
}
