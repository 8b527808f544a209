using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// A hand-written retry loop — <c>for (attempt &lt; N) { try { …; return/break; } catch { … } }</c> — is a retry of its
/// body, not fan-out. Shared with the code fixes, which leave the calls of such a loop alone as the analyzer counts them
/// retried.
/// </summary>
internal static class RetryLoops
{
    /// <summary>True when the loop's body holds a try/catch whose try block leaves the loop on success.</summary>
    public static bool IsRetryLoop(ILoopOperation loopOperation)
    {
        if (loopOperation.Body is not IBlockOperation block)
        {
            return false;
        }

        foreach (var statement in block.Operations)
        {
            if (statement is ITryOperation { Catches.Length: > 0 } tryOperation && ExitsOnSuccess(tryOperation.Body, loopOperation))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ExitsOnSuccess(IBlockOperation tryBody, ILoopOperation loopOperation)
    {
        foreach (var op in tryBody.Descendants())
        {
            if (op is IReturnOperation)
            {
                return true;
            }

            if (op is IBranchOperation { BranchKind: BranchKind.Break } branch && SymbolEqualityComparer.Default.Equals(branch.Target, loopOperation.ExitLabel))
            {
                return true;
            }
        }

        return false;
    }
}
