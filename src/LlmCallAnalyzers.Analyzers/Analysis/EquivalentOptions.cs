using System;
using System.Collections.Generic;
using System.Threading;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Whether two analyses' options say the same to this analyzer, so that one's session may answer for the other
/// (<see cref="SessionReuse"/>). An editor gives each snapshot of a project new option objects (a keystroke makes a new
/// <see cref="AnalyzerOptions"/> and a new provider over the same .editorconfig files), so the objects are compared by
/// what the analyzer reads: the <c>llm_call_analyzers.*</c> keys, globally and for each file, and the additional files
/// it reads (the call catalog and measured availability), by path and text.
/// </summary>
internal static class EquivalentOptions
{
    /// <summary>Whether <paramref name="left"/> for <paramref name="leftTrees"/> says what <paramref name="right"/> says for <paramref name="rightTrees"/> (paired in order).</summary>
    public static bool Same(AnalyzerOptions left, IEnumerable<SyntaxTree> leftTrees, AnalyzerOptions right, IEnumerable<SyntaxTree> rightTrees, CancellationToken cancellationToken)
        => SameAdditionalFiles(left, right, cancellationToken) && SameConfiguration(left.AnalyzerConfigOptionsProvider, leftTrees, right.AnalyzerConfigOptionsProvider, rightTrees);

    private static bool SameConfiguration(AnalyzerConfigOptionsProvider left, IEnumerable<SyntaxTree> leftTrees, AnalyzerConfigOptionsProvider right, IEnumerable<SyntaxTree> rightTrees)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (!SameKeys(left.GlobalOptions, right.GlobalOptions))
        {
            return false;
        }

        using var l = leftTrees.GetEnumerator();
        using var r = rightTrees.GetEnumerator();
        while (l.MoveNext())
        {
            if (!r.MoveNext() || !SameKeys(left.GetOptions(l.Current), right.GetOptions(r.Current)))
            {
                return false;
            }
        }

        return !r.MoveNext();
    }

    /// <summary>The same <c>llm_call_analyzers.*</c> keys with the same values.</summary>
    private static bool SameKeys(AnalyzerConfigOptions left, AnalyzerConfigOptions right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        try
        {
            int count = 0;
            foreach (var key in left.Keys)
            {
                if (!key.StartsWith(ModelOptions.Prefix, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                count++;
                if (!left.TryGetValue(key, out var value) || !right.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            foreach (var key in right.Keys)
            {
                if (key.StartsWith(ModelOptions.Prefix, StringComparison.OrdinalIgnoreCase))
                {
                    count--;
                }
            }

            return count == 0;
        }
        catch (NotImplementedException)
        {
            return false; // a provider that cannot list its keys: only the same object is known to say the same
        }
    }

    private static bool SameAdditionalFiles(AnalyzerOptions left, AnalyzerOptions right, CancellationToken cancellationToken)
    {
        if (left.AdditionalFiles.Length != right.AdditionalFiles.Length)
        {
            return false;
        }

        for (int i = 0; i < left.AdditionalFiles.Length; i++)
        {
            AdditionalText a = left.AdditionalFiles[i], b = right.AdditionalFiles[i];
            if (ReferenceEquals(a, b))
            {
                continue;
            }

            if (a.Path != b.Path)
            {
                return false;
            }

            if ((CatalogFileParser.IsCatalogFile(a.Path) || AvailabilityFile.IsAvailabilityFile(a.Path))
                && !(a.GetText(cancellationToken) is { } x && b.GetText(cancellationToken) is { } y && x.ContentEquals(y)))
            {
                return false;
            }
        }

        return true;
    }
}
