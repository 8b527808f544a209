using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Carries the estimate generator's analysis from one build of a project to the next in the same process: the compiler
/// server (what <c>dotnet build</c> and IDE builds use) keeps the generator loaded between builds. Each build hands the
/// generator a compilation of trees parsed anew, so a tree is paired with the kept build's by place, path and text.
/// When the files whose text changed differ only inside member bodies (<see cref="TreeEdit"/>), in a few files, and
/// everything else the analysis reads is the same — assembly name, compilation options, references (by metadata),
/// analyzer options that say the same (<see cref="EquivalentOptions"/>) — the estimates come from a session derived
/// from the kept one (<see cref="EditedSession"/>) over the kept program with the edited files' new trees: only the
/// edited files are bound again. Otherwise the build's session is made anew and kept for the next build (one a project,
/// a few projects). The editor's live analysis is carried across keystrokes by <see cref="SessionReuse"/> instead.
/// </summary>
internal sealed class RebuildSessions
{
    /// <summary>The sessions the estimate generator carries between builds (one process-wide cache, like the compiler server's own).</summary>
    public static readonly RebuildSessions Shared = new();

    /// <summary>The most files edited since the kept build that a derived session carries; past this many, the program is analyzed anew.</summary>
    private const int MaxEditedFiles = 8;

    /// <summary>How many projects' sessions are kept (most recently built first): memory stays bounded in a long-lived server.</summary>
    private const int MaxProjects = 4;

    private readonly object _gate = new();
    private readonly List<TaskAnalysisSession> _kept = new();
    private int _derived;

    /// <summary>How many builds' estimates came from a kept session (for tests and benchmarks).</summary>
    public int Derived => Volatile.Read(ref _derived);

    /// <summary>
    /// A session that answers for <paramref name="compilation"/> with the program it answers in (the kept program with
    /// the edited files' new trees), derived from a kept build's; null when none may be.
    /// </summary>
    public (TaskAnalysisSession Session, Compilation Program)? Derive(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        TaskAnalysisSession[] kept;
        lock (_gate)
        {
            kept = _kept.ToArray();
        }

        foreach (var root in kept)
        {
            if (!SameSetting(root.Program, compilation) || Bridge(root.Program, compilation, cancellationToken) is not { } bridge
                || !EquivalentOptions.Same(root.Options, root.Program.SyntaxTrees, options, compilation.SyntaxTrees, cancellationToken))
            {
                continue;
            }

            try
            {
                var session = bridge.Edits.Count == 0 ? root : EditedSession.Derive(root, bridge.Program, bridge.Edits, previous: null, cancellationToken);
                if (session is null)
                {
                    return null;
                }

                Interlocked.Increment(ref _derived);
                return (session, bridge.Program);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Speculative binding of code the compiler did not expect: the program is analyzed anew (same answers).
                return null;
            }
        }

        return null;
    }

    /// <summary>Keeps a session made anew for the next build of its project, in place of the project's previous one; its semantic models are let go.</summary>
    public void Keep(TaskAnalysisSession session)
    {
        if (session.Root is not null)
        {
            return;
        }

        // The next build binds at most its edited files again, through models made then.
        session.Store.ReleaseModels();
        lock (_gate)
        {
            _kept.RemoveAll(s => SameProject(s.Program, session.Program));
            _kept.Insert(0, session);
            if (_kept.Count > MaxProjects)
            {
                _kept.RemoveRange(MaxProjects, _kept.Count - MaxProjects);
            }
        }
    }

    /// <summary>
    /// The kept program with <paramref name="compilation"/>'s edited trees in place of its own, and those edits; null when
    /// a file was added, removed, moved or renamed, or edited outside bodies, or when too many were edited.
    /// </summary>
    private static (Compilation Program, List<TreeEdit> Edits)? Bridge(Compilation kept, Compilation compilation, CancellationToken cancellationToken)
    {
        if (TreeEdit.Between(kept.SyntaxTrees, compilation.SyntaxTrees, MaxEditedFiles, sameTextIsUnchanged: true, cancellationToken) is not { } edits)
        {
            return null;
        }

        var program = kept;
        foreach (var edit in edits)
        {
            program = program.ReplaceSyntaxTree(edit.OldTree, edit.NewTree);
        }

        return (program, edits);
    }

    /// <summary>The same project built the same way: assembly name and the first file's parse options (a target framework's symbols).</summary>
    private static bool SameProject(Compilation kept, Compilation compilation)
    {
        if (kept.AssemblyName != compilation.AssemblyName)
        {
            return false;
        }

        using var l = kept.SyntaxTrees.GetEnumerator();
        using var r = compilation.SyntaxTrees.GetEnumerator();
        return l.MoveNext() && r.MoveNext() && l.Current.Options.Equals(r.Current.Options);
    }

    /// <summary>
    /// Everything the analysis reads but the syntax trees and analyzer options is the same: assembly name, compilation
    /// options (but for the per-build resolver and provider objects, which bind nothing already resolved), references.
    /// </summary>
    private static bool SameSetting(Compilation kept, Compilation compilation)
        => kept.AssemblyName == compilation.AssemblyName
            && kept.Language == compilation.Language
            && Comparable(kept.Options).Equals(Comparable(compilation.Options))
            && SameReferences(kept.ExternalReferences, compilation.ExternalReferences);

    private static CompilationOptions Comparable(CompilationOptions options)
        => options.WithSyntaxTreeOptionsProvider(null)
            .WithMetadataReferenceResolver(null)
            .WithSourceReferenceResolver(null)
            .WithXmlReferenceResolver(null)
            .WithStrongNameProvider(null)
            .WithAssemblyIdentityComparer(AssemblyIdentityComparer.Default);

    /// <summary>The same references in the same order: the same objects, or the same files with the same metadata (the same module version ids).</summary>
    private static bool SameReferences(ImmutableArray<MetadataReference> kept, ImmutableArray<MetadataReference> references)
    {
        if (kept.Length != references.Length)
        {
            return false;
        }

        for (int i = 0; i < kept.Length; i++)
        {
            if (!SameReference(kept[i], references[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameReference(MetadataReference kept, MetadataReference reference)
    {
        if (ReferenceEquals(kept, reference))
        {
            return true;
        }

        if (kept is not PortableExecutableReference left || reference is not PortableExecutableReference right
            || left.FilePath != right.FilePath || !left.Properties.Equals(right.Properties))
        {
            return false;
        }

        try
        {
            return left.GetMetadataId() == right.GetMetadataId() || SameModules(left.GetMetadata(), right.GetMetadata());
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool SameModules(Metadata kept, Metadata metadata)
    {
        var left = Modules(kept);
        var right = Modules(metadata);
        if (left.IsDefaultOrEmpty || left.Length != right.Length)
        {
            return false;
        }

        for (int i = 0; i < left.Length; i++)
        {
            if (left[i].GetModuleVersionId() != right[i].GetModuleVersionId())
            {
                return false;
            }
        }

        return true;
    }

    private static ImmutableArray<ModuleMetadata> Modules(Metadata metadata) => metadata switch
    {
        AssemblyMetadata assembly => assembly.GetModules(),
        ModuleMetadata module => ImmutableArray.Create(module),
        _ => default,
    };
}
