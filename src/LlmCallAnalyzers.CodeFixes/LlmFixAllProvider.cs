using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LlmCallAnalyzers.CodeFixes;

/// <summary>
/// Fix All for document, project and solution scope: each document gets every diagnostic of the chosen kind fixed in
/// one pass, so that one pipeline field (or one attribute) serves all the calls of a type instead of one per diagnostic.
/// With no equivalence key (older <c>dotnet format</c> versions pass none) the provider's first fix applies.
/// </summary>
internal static class LlmFixAllProvider
{
    public static FixAllProvider Create(Func<Document, ImmutableArray<Diagnostic>, string, CancellationToken, Task<Document>> fix, string defaultKey)
        => FixAllProvider.Create(
            async (context, document, diagnostics) =>
            {
                if (diagnostics.IsDefaultOrEmpty)
                {
                    return document;
                }

                string key = context.CodeActionEquivalenceKey ?? defaultKey;
                return await fix(document, diagnostics, key, context.CancellationToken).ConfigureAwait(false);
            });
}
