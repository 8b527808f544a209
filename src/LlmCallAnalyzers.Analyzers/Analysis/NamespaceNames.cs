using System;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Namespace tests by name, without building display strings: they run for every object creation and invocation the
/// analysis meets, where <c>ToDisplayString</c> would allocate and escape each segment.
/// </summary>
internal static class NamespaceNames
{
    /// <summary>Whether <paramref name="ns"/> is the namespace <paramref name="dotted"/> (e.g. <c>"OpenAI.Chat"</c>).</summary>
    public static bool Is(INamespaceSymbol? ns, string dotted)
    {
        int end = dotted.Length;
        for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            int start = dotted.LastIndexOf('.', end - 1) + 1;
            if (end - start != ns.Name.Length || string.CompareOrdinal(dotted, start, ns.Name, 0, ns.Name.Length) != 0)
            {
                return false;
            }

            if (start == 0)
            {
                return ns.ContainingNamespace is null or { IsGlobalNamespace: true };
            }

            end = start - 1;
        }

        return false;
    }

    /// <summary>Whether <paramref name="ns"/> is <paramref name="root"/> or inside it (e.g. <c>"Polly"</c>, <c>"System"</c>).</summary>
    public static bool IsWithin(INamespaceSymbol? ns, string root)
    {
        if (ns is null or { IsGlobalNamespace: true })
        {
            return false;
        }

        while (ns.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            ns = parent;
        }

        return string.Equals(ns.Name, root, StringComparison.Ordinal);
    }
}
