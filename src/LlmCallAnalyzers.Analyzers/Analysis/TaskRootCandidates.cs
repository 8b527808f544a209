using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// The method declarations of one file that may carry <c>[TaskSlo]</c> or <c>[AgentStep]</c>, found from syntax alone:
/// an attribute whose name is <c>TaskSlo</c>, <c>AgentStep</c> (with or without <c>Attribute</c>, qualified or not), or
/// a using alias whose target is so named. The walk reads declarations, never a member body, and binds nothing. It
/// finds a superset: whether the attribute is this compilation's <c>[TaskSlo]</c> is what the estimate step checks
/// when it binds the method (<see cref="TaskIndex.HasTaskAttribute"/>), as it checks that the method is a task.
/// </summary>
/// <remarks>
/// The generator's pipeline does this instead of <c>ForAttributeWithMetadataName</c>, which binds the attributes of every
/// attributed method of every file the compiler server parsed anew — every file, at every build: at 600 files that was
/// most of the generator's time on a rebuild.
/// </remarks>
internal sealed class TaskRootCandidates : IEquatable<TaskRootCandidates>
{
    private static readonly ImmutableHashSet<string> TaskAttributeNames = ImmutableHashSet.Create(StringComparer.Ordinal, "TaskSlo", "TaskSloAttribute", "AgentStep", "AgentStepAttribute");

    private static readonly TaskRootCandidates None = new(ImmutableArray<TaskRoot>.Empty, ImmutableArray<(TaskRoot, string)>.Empty, ImmutableArray<string>.Empty);

    private TaskRootCandidates(ImmutableArray<TaskRoot> named, ImmutableArray<(TaskRoot Root, string Name)> otherAttributes, ImmutableArray<string> aliases)
    {
        Named = named;
        OtherAttributes = otherAttributes;
        Aliases = aliases;
    }

    /// <summary>Methods with an attribute named as a task attribute, in declaration order.</summary>
    public ImmutableArray<TaskRoot> Named { get; }

    /// <summary>Every other attribute of a method, by its simple name: a task attribute when an alias says so.</summary>
    public ImmutableArray<(TaskRoot Root, string Name)> OtherAttributes { get; }

    /// <summary>The using aliases this file declares (global or not) whose target is named as a task attribute.</summary>
    public ImmutableArray<string> Aliases { get; }

    /// <summary>The candidates of <paramref name="tree"/>.</summary>
    public static TaskRootCandidates Find(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var named = ImmutableArray.CreateBuilder<TaskRoot>();
        var others = ImmutableArray.CreateBuilder<(TaskRoot, string)>();
        var aliases = ImmutableArray.CreateBuilder<string>();
        var root = tree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            switch (node)
            {
                case UsingDirectiveSyntax { Alias: { } alias, Name: { } target } when TaskAttributeNames.Contains(SimpleName(target)):
                    aliases.Add(alias.Name.Identifier.ValueText);
                    break;
                case MethodDeclarationSyntax { AttributeLists.Count: > 0 } method:
                    var place = new TaskRoot(tree.FilePath, method.SpanStart);
                    bool isNamed = false;
                    foreach (var list in method.AttributeLists)
                    {
                        foreach (var attribute in list.Attributes)
                        {
                            string name = SimpleName(attribute.Name);
                            if (TaskAttributeNames.Contains(name))
                            {
                                isNamed = true;
                            }
                            else
                            {
                                others.Add((place, name));
                            }
                        }
                    }

                    if (isNamed)
                    {
                        named.Add(place);
                    }

                    break;
            }
        }

        return named.Count == 0 && others.Count == 0 && aliases.Count == 0 ? None : new TaskRootCandidates(named.ToImmutable(), others.ToImmutable(), aliases.ToImmutable());
    }

    /// <summary>The roots of all files, in file and declaration order: the named ones, and those whose attribute is an alias of a task attribute.</summary>
    public static TaskRootSet Merge(ImmutableArray<TaskRootCandidates> files)
    {
        var aliases = new HashSet<string>(files.SelectMany(static f => f.Aliases), StringComparer.Ordinal);
        var roots = ImmutableArray.CreateBuilder<TaskRoot>();
        var seen = new HashSet<TaskRoot>();
        foreach (var file in files)
        {
            var aliased = aliases.Count == 0 ? Enumerable.Empty<TaskRoot>() : file.OtherAttributes.Where(a => aliases.Contains(a.Name)).Select(static a => a.Root);
            foreach (var root in file.Named.Concat(aliased).OrderBy(static r => r.Position))
            {
                if (seen.Add(root))
                {
                    roots.Add(root);
                }
            }
        }

        return new TaskRootSet(roots.ToImmutable());
    }

    /// <summary>The rightmost identifier of a name: <c>TaskSlo</c> of <c>global::LlmCallAnalyzers.TaskSlo</c>.</summary>
    private static string SimpleName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => string.Empty,
    };

    public bool Equals(TaskRootCandidates? other)
        => other is not null && Named.SequenceEqual(other.Named) && OtherAttributes.SequenceEqual(other.OtherAttributes) && Aliases.SequenceEqual(other.Aliases);

    public override bool Equals(object? obj) => Equals(obj as TaskRootCandidates);

    public override int GetHashCode() => (Named.Length * 31) + (OtherAttributes.Length * 7) + Aliases.Length;
}
