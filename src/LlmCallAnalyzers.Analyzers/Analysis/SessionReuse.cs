using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Lets analyses of the same program share one <see cref="TaskAnalysisSession"/>, and analyses of a program just edited
/// start from the one before. An editor analyzes each open document on its own, and each such analysis runs on a copy
/// of the project's compilation (same syntax trees, same references, new symbols): without sharing, every document
/// would summarize again everything its tasks reach. A session is reused only for a compilation with the very same
/// syntax tree objects, references and options as the one it was made for, and analyzer options that say the same
/// (<see cref="EquivalentOptions"/>: an editor makes new option objects for every snapshot), so it gives exactly the
/// answers a new one would; declarations are mapped to the session's symbols through their syntax
/// (<see cref="TaskAnalysisSession.OwnerFor"/>). After a keystroke the compilation differs in one tree: when the edits
/// since the last session made anew changed member bodies only, in a few files, the session is derived from that one
/// (<see cref="EditedSession"/>).
/// One session is kept per project (keyed by its first two syntax trees, weakly: it goes with the trees, and a newer
/// program replaces it), with the one it was derived from, so memory stays bounded; a build's compilation has trees of
/// its own and always gets a new session.
/// </summary>
internal static class SessionReuse
{
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<TaskAnalysisSession?>> Latest = new();
    private static readonly object Gate = new();

    /// <summary>
    /// The most files edited since the last session made anew that a derived session carries: each keystroke binds again
    /// the edited files it has not seen yet (usually one); past this many, the program is analyzed anew.
    /// </summary>
    private const int MaxEditedFiles = 8;

    public static TaskAnalysisSession GetOrCreate(Compilation compilation, AnalyzerOptions options, Func<TaskAnalysisSession> create, CancellationToken cancellationToken = default)
    {
        var keys = new List<SyntaxTree>(2);
        foreach (var tree in compilation.SyntaxTrees)
        {
            keys.Add(tree);
            if (keys.Count == 2)
            {
                break;
            }
        }

        if (keys.Count == 0)
        {
            return create();
        }

        lock (Gate)
        {
            TaskAnalysisSession? kept = null;
            foreach (var key in keys)
            {
                if (Latest.TryGetValue(key, out var box) && box.Value is { } found)
                {
                    if (SameProgram(found, compilation, options, cancellationToken))
                    {
                        return found;
                    }

                    kept ??= found;
                }
            }

            var session = Derived(kept, compilation, options, cancellationToken) ?? create();
            foreach (var key in keys)
            {
                Latest.GetValue(key, static _ => new StrongBox<TaskAnalysisSession?>()).Value = session;
            }

            return session;
        }
    }

    /// <summary>A session derived from <paramref name="kept"/>'s root when <paramref name="compilation"/> is its program after body-only edits of a few files.</summary>
    private static TaskAnalysisSession? Derived(TaskAnalysisSession? kept, Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var root = kept?.Root ?? kept;
        if (root is null || ReportingTime.IsCompilationEnd(compilation))
        {
            return null;
        }

        if (SameProgram(root, compilation, options, cancellationToken))
        {
            return root;
        }

        var program = root.Program;
        if (!SameSetting(program, compilation))
        {
            return null;
        }

        if (TreeEdit.Between(program.SyntaxTrees, compilation.SyntaxTrees, MaxEditedFiles, sameTextIsUnchanged: false, cancellationToken) is not { } edits)
        {
            return null;
        }

        if (!EquivalentOptions.Same(root.Options, program.SyntaxTrees, options, compilation.SyntaxTrees, cancellationToken))
        {
            return null;
        }

        try
        {
            return EditedSession.Derive(root, compilation, edits, kept, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Speculative binding of half-typed code the compiler did not expect: the program is analyzed anew, which
            // gives the same answers (only slower).
            return null;
        }
    }

    /// <summary>Whether <paramref name="kept"/> answers for <paramref name="compilation"/>: the same trees, setting and (equivalent) options.</summary>
    private static bool SameProgram(TaskAnalysisSession kept, Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        => (ReferenceEquals(kept.Program, compilation) || (SameSetting(kept.Program, compilation) && Same(kept.Program.SyntaxTrees, compilation.SyntaxTrees)))
            && EquivalentOptions.Same(kept.Options, kept.Program.SyntaxTrees, options, compilation.SyntaxTrees, cancellationToken);

    /// <summary>Everything but the syntax trees and the analyzer options is the same: assembly name, compilation options, references.</summary>
    private static bool SameSetting(Compilation kept, Compilation compilation)
        => kept.AssemblyName == compilation.AssemblyName
            && kept.Options.Equals(compilation.Options)
            && Same(kept.References, compilation.References);

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
