using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Class-hierarchy analysis over this compilation's source: which methods a virtual call can reach. A call on an
/// interface, abstract or virtual member reaches the implementation in every concrete source type that the receiver's
/// static type admits (explicit and implicit interface implementations, default interface members, overrides at any
/// depth). Types of referenced assemblies are not enumerated: the closed world is this compilation.
/// The type table is built once, on the first virtual call that needs it; targets are cached per member and receiver
/// type. Thread-safe.
/// </summary>
internal sealed class DispatchIndex
{
    private readonly IAssemblySymbol _assembly;
    private readonly Lazy<Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>> _concreteSubtypes;
    private readonly ConcurrentDictionary<(IMethodSymbol Member, ITypeSymbol Receiver), ImmutableArray<IMethodSymbol>> _targets = new(MemberAndReceiverComparer.Instance);

    public DispatchIndex(Compilation compilation)
    {
        _assembly = compilation.Assembly;
        _concreteSubtypes = new Lazy<Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>>(() => IndexSubtypes(compilation.Assembly), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The source methods a virtual call of <paramref name="member"/> on a receiver of static type
    /// <paramref name="receiver"/> can run, in source order (each once); empty when none is declared in source.
    /// </summary>
    public ImmutableArray<IMethodSymbol> TargetsOf(IMethodSymbol member, ITypeSymbol receiver)
        => _targets.GetOrAdd((member, receiver), key => Resolve(key.Member, key.Receiver));

    /// <summary>Whether a metadata type has implementations or subclasses in source (only then is a call on it dispatched).</summary>
    public bool HasSourceSubtypes(INamedTypeSymbol type) => _concreteSubtypes.Value.ContainsKey(type.OriginalDefinition);

    private ImmutableArray<IMethodSymbol> Resolve(IMethodSymbol member, ITypeSymbol receiver)
    {
        var declaring = member.ContainingType;
        if (declaring is null || !_concreteSubtypes.Value.TryGetValue(declaring.OriginalDefinition, out var candidates))
        {
            return ImmutableArray<IMethodSymbol>.Empty;
        }

        var found = new List<IMethodSymbol>();
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var type in candidates)
        {
            if (!Admits(receiver, type))
            {
                continue;
            }

            var implementation = declaring.TypeKind == TypeKind.Interface ? ImplementationOfInterfaceMember(type, member) : MostDerivedOverride(type, member);
            if (implementation is { IsAbstract: false } && SymbolEqualityComparer.Default.Equals(implementation.ContainingAssembly, _assembly))
            {
                var target = implementation.OriginalDefinition.PartialImplementationPart ?? implementation.OriginalDefinition;
                if (seen.Add(target))
                {
                    found.Add(target);
                }
            }
        }

        return found.OrderBy(m => m.Locations.FirstOrDefault()?.SourceTree?.FilePath ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
            .ToImmutableArray();
    }

    /// <summary>Whether an object of <paramref name="type"/> can be held by a receiver of static type <paramref name="receiver"/>.</summary>
    private static bool Admits(ITypeSymbol receiver, INamedTypeSymbol type)
    {
        if (receiver is not INamedTypeSymbol named)
        {
            return true; // A type parameter, dynamic or an error type: every candidate.
        }

        if (named.TypeKind == TypeKind.Interface)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (SameOrOpen(implemented, named))
                {
                    return true;
                }
            }

            return false;
        }

        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SameOrOpen(t, named))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The same type, or the same generic type where either side is still open (<c>IStep&lt;T&gt;</c>).</summary>
    private static bool SameOrOpen(INamedTypeSymbol a, INamedTypeSymbol b)
        => SymbolEqualityComparer.Default.Equals(a, b)
            || (SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b.OriginalDefinition) && (IsOpen(a) || IsOpen(b)));

    private static bool IsOpen(INamedTypeSymbol type)
    {
        foreach (var argument in type.TypeArguments)
        {
            if (argument.TypeKind == TypeKind.TypeParameter || (argument is INamedTypeSymbol { IsGenericType: true } nested && IsOpen(nested)))
            {
                return true;
            }
        }

        return false;
    }

    private static IMethodSymbol? ImplementationOfInterfaceMember(INamedTypeSymbol type, IMethodSymbol member)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (!SameOrOpen(implemented, member.ContainingType))
            {
                continue;
            }

            foreach (var candidate in implemented.GetMembers(member.Name))
            {
                if (candidate is IMethodSymbol method && SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, member.OriginalDefinition)
                    && type.FindImplementationForInterfaceMember(method) is IMethodSymbol implementation)
                {
                    return implementation;
                }
            }
        }

        return null;
    }

    private static IMethodSymbol? MostDerivedOverride(INamedTypeSymbol type, IMethodSymbol member)
    {
        var root = member.OriginalDefinition;
        for (var t = type; t is not null; t = t.BaseType)
        {
            foreach (var candidate in t.GetMembers(member.Name))
            {
                if (candidate is IMethodSymbol method && (SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, root) || Overrides(method, root)))
                {
                    return method;
                }
            }
        }

        return null;
    }

    private static bool Overrides(IMethodSymbol method, IMethodSymbol root)
    {
        int guard = 0;
        for (var overridden = method.OverriddenMethod; overridden is not null && guard++ < 64; overridden = overridden.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, root))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Every concrete (instantiable) source type, listed under each class it derives from and each interface it
    /// implements (by original definition). One pass over the source's types.
    /// </summary>
    private static Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> IndexSubtypes(IAssemblySymbol assembly)
    {
        var index = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
        var namespaces = new Stack<INamespaceOrTypeSymbol>();
        namespaces.Push(assembly.GlobalNamespace);
        while (namespaces.Count > 0)
        {
            var container = namespaces.Pop();
            foreach (var member in container.GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    namespaces.Push(ns);
                }
                else if (member is INamedTypeSymbol type)
                {
                    namespaces.Push(type);
                    if (IsConcrete(type))
                    {
                        for (var t = type; t is not null; t = t.BaseType)
                        {
                            Add(index, t.OriginalDefinition, type);
                        }

                        foreach (var implemented in type.AllInterfaces)
                        {
                            Add(index, implemented.OriginalDefinition, type);
                        }
                    }
                }
            }
        }

        return index;
    }

    private static bool IsConcrete(INamedTypeSymbol type)
        => type.TypeKind is TypeKind.Class or TypeKind.Struct && !type.IsAbstract && !type.IsStatic;

    private static void Add(Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> index, INamedTypeSymbol key, INamedTypeSymbol type)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = new List<INamedTypeSymbol>();
            index.Add(key, list);
        }

        if (list.Count == 0 || !SymbolEqualityComparer.Default.Equals(list[list.Count - 1], type))
        {
            list.Add(type);
        }
    }

    private sealed class MemberAndReceiverComparer : IEqualityComparer<(IMethodSymbol Member, ITypeSymbol Receiver)>
    {
        public static readonly MemberAndReceiverComparer Instance = new();

        public bool Equals((IMethodSymbol Member, ITypeSymbol Receiver) x, (IMethodSymbol Member, ITypeSymbol Receiver) y)
            => SymbolEqualityComparer.Default.Equals(x.Member, y.Member) && SymbolEqualityComparer.Default.Equals(x.Receiver, y.Receiver);

        public int GetHashCode((IMethodSymbol Member, ITypeSymbol Receiver) obj)
            => (SymbolEqualityComparer.Default.GetHashCode(obj.Member) * 397) ^ SymbolEqualityComparer.Default.GetHashCode(obj.Receiver);
    }
}
