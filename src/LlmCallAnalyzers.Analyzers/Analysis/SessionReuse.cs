using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Lets analyses of the same program share one <see cref="TaskAnalysisSession"/>. An editor analyzes each open document
/// on its own, and each such analysis runs on a copy of the project's compilation (same syntax trees, same references,
/// new symbols): without sharing, every document would summarize again everything its tasks reach. A session is reused
/// only for a compilation with the very same syntax tree objects, references, options and analyzer options as the one it
/// was made for, so it gives exactly the answers a new one would; declarations are mapped to the session's symbols
/// through their syntax (<see cref="TaskAnalysisSession.OwnerFor"/>). One session is kept per project (keyed by its
/// first syntax tree, weakly: it goes with the trees, and a newer program replaces it), so memory stays bounded; a
/// build's compilation has trees of its own and always gets a new session.
/// </summary>
internal static class SessionReuse
{
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<TaskAnalysisSession?>> Latest = new();

    public static TaskAnalysisSession GetOrCreate(Compilation compilation, AnalyzerOptions options, Func<TaskAnalysisSession> create)
    {
        SyntaxTree? first = null;
        foreach (var tree in compilation.SyntaxTrees)
        {
            first = tree;
            break;
        }

        if (first is null)
        {
            return create();
        }

        var latest = Latest.GetValue(first, static _ => new StrongBox<TaskAnalysisSession?>());
        lock (latest)
        {
            if (latest.Value is { } kept && SameProgram(kept.Store.Compilation, kept.Options, compilation, options))
            {
                return kept;
            }

            var created = create();
            latest.Value = created;
            return created;
        }
    }

    private static bool SameProgram(Compilation kept, AnalyzerOptions keptOptions, Compilation compilation, AnalyzerOptions options)
        => ReferenceEquals(kept, compilation)
            || (ReferenceEquals(keptOptions.AnalyzerConfigOptionsProvider, options.AnalyzerConfigOptionsProvider)
                && Same(keptOptions.AdditionalFiles, options.AdditionalFiles)
                && kept.AssemblyName == compilation.AssemblyName
                && kept.Options.Equals(compilation.Options)
                && Same(kept.References, compilation.References)
                && Same(kept.SyntaxTrees, compilation.SyntaxTrees));

    /// <summary>The same objects in the same order.</summary>
    private static bool Same<T>(IEnumerable<T> left, IEnumerable<T> right)
        where T : class
    {
        using var l = left.GetEnumerator();
        using var r = right.GetEnumerator();
        while (true)
        {
            bool hasLeft = l.MoveNext(), hasRight = r.MoveNext();
            if (hasLeft != hasRight)
            {
                return false;
            }

            if (!hasLeft)
            {
                return true;
            }

            if (!ReferenceEquals(l.Current, r.Current))
            {
                return false;
            }
        }
    }
}
