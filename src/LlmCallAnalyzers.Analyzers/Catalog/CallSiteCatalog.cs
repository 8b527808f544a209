using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Catalog;

/// <summary>
/// Recognizes LLM call sites by symbol: the SDK entry points of <see cref="KnownEntryPoints"/> and of
/// <c>llm-calls*.txt</c> files, resolved once per compilation, matched on the declaring type (through interfaces,
/// overrides and reduced extension methods) — never on a method name alone — plus methods marked <c>[LlmCall]</c>.
/// </summary>
internal sealed class CallSiteCatalog
{
    private readonly Dictionary<INamedTypeSymbol, Dictionary<string, EntryPoint>> _byType;
    private readonly HashSet<string> _methodNames;
    private readonly INamedTypeSymbol? _llmCallAttribute;
    private readonly ConcurrentDictionary<IMethodSymbol, RecognizedCall?> _cache = new(SymbolEqualityComparer.Default);
    private readonly Func<IMethodSymbol, RecognizedCall?> _compute;
    private readonly IAssemblySymbol? _sourceAssembly;
    private readonly ConcurrentDictionary<IAssemblySymbol, bool> _seesLlmCallAttribute = new(SymbolEqualityComparer.Default);

    private CallSiteCatalog(Dictionary<INamedTypeSymbol, Dictionary<string, EntryPoint>> byType, INamedTypeSymbol? llmCallAttribute, IAssemblySymbol? sourceAssembly)
    {
        _byType = byType;
        _llmCallAttribute = llmCallAttribute;
        _sourceAssembly = sourceAssembly;
        _compute = Compute;
        _methodNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entries in byType.Values)
        {
            _methodNames.UnionWith(entries.Keys);
        }
    }

    /// <summary>The names of the entry points resolved in this compilation (SDK and catalog-file methods).</summary>
    public IReadOnlyCollection<string> EntryPointNames => _methodNames;

    /// <summary>True when at least one SDK or catalog-file type resolves in the compilation.</summary>
    public bool HasEntryPoints => _byType.Count > 0;

    public INamedTypeSymbol? LlmCallAttribute => _llmCallAttribute;

    public static CallSiteCatalog Create(Compilation compilation, IEnumerable<EntryPoint> extraEntries)
    {
        var byType = new Dictionary<INamedTypeSymbol, Dictionary<string, EntryPoint>>(SymbolEqualityComparer.Default);

        // One lookup per distinct type name: a lookup walks every referenced assembly, and catalog files may repeat a
        // type on many lines (or the same line many times).
        var resolved = new Dictionary<string, ImmutableArray<INamedTypeSymbol>>(StringComparer.Ordinal);
        foreach (var entry in Concat(KnownEntryPoints.All, extraEntries))
        {
            // GetTypesByMetadataName, not GetTypeByMetadataName: Microsoft.Agents.AI declares a second
            // Microsoft.Extensions.AI.ChatClientExtensions, and the singular lookup returns null when a name is ambiguous.
            if (!resolved.TryGetValue(entry.TypeMetadataName, out var types))
            {
                types = compilation.GetTypesByMetadataName(entry.TypeMetadataName);
                resolved.Add(entry.TypeMetadataName, types);
            }

            foreach (var type in types)
            {
                if (!byType.TryGetValue(type, out var methods))
                {
                    methods = new Dictionary<string, EntryPoint>(StringComparer.Ordinal);
                    byType.Add(type, methods);
                }

                methods[entry.MethodName] = entry;
            }
        }

        return new CallSiteCatalog(byType, compilation.GetTypeByMetadataName(AttributeNames.LlmCall), compilation.Assembly);
    }

    /// <summary>The recognized call <paramref name="method"/> makes, or null when it is not an LLM call.</summary>
    public RecognizedCall? Recognize(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (!_methodNames.Contains(definition.Name))
        {
            // Only [LlmCall] can make this method an LLM call. Most calls (the BCL's, the project's own helpers)
            // are settled here without hashing the symbol into the cache.
            if (_llmCallAttribute is null || definition.ContainingAssembly is not { } assembly)
            {
                return null;
            }

            if (SymbolEqualityComparer.Default.Equals(assembly, _sourceAssembly))
            {
                return Compute(definition); // a source method's attributes are already bound: no need to cache
            }

            if (!_seesLlmCallAttribute.GetOrAdd(assembly, SeesLlmCallAttribute))
            {
                return null;
            }
        }

        return _cache.GetOrAdd(definition, _compute);
    }

    /// <summary>Whether methods of <paramref name="assembly"/> can carry [LlmCall]: it declares it or references its assembly.</summary>
    internal bool SeesLlmCallAttribute(IAssemblySymbol assembly)
    {
        var declaring = _llmCallAttribute!.ContainingAssembly;
        if (declaring is null || SymbolEqualityComparer.Default.Equals(assembly, declaring))
        {
            return true;
        }

        foreach (var module in assembly.Modules)
        {
            foreach (var reference in module.ReferencedAssemblies)
            {
                if (string.Equals(reference.Name, declaring.Name, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private RecognizedCall? Compute(IMethodSymbol method)
    {
        if (_llmCallAttribute is not null)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _llmCallAttribute))
                {
                    string provider = ProviderKeys.Custom;
                    string? model = null;
                    foreach (var named in attribute.NamedArguments)
                    {
                        if (named.Key == "Provider" && named.Value.Value is string p && p.Length > 0) provider = p.ToLowerInvariant();
                        if (named.Key == "Model" && named.Value.Value is string m && m.Length > 0) model = m;
                    }

                    return new RecognizedCall(provider, model, Label(method), EntryPointKind.Chat);
                }
            }
        }

        if (!_methodNames.Contains(method.Name) || method.ContainingType is null)
        {
            return null;
        }

        // Declared (or overridden) on a catalog type.
        for (var m = method; m is not null; m = m.OverriddenMethod)
        {
            if (Lookup(m.ContainingType, m.Name) is EntryPoint entry)
            {
                return new RecognizedCall(entry.Provider, null, Label(method), entry.Kind);
            }
        }

        // Implementing a catalog interface member.
        var containing = method.ContainingType;
        if (containing.TypeKind == TypeKind.Interface)
        {
            foreach (var iface in containing.AllInterfaces)
            {
                if (Lookup(iface, method.Name) is EntryPoint inherited)
                {
                    return new RecognizedCall(inherited.Provider, null, Label(method), inherited.Kind);
                }
            }

            return null;
        }

        foreach (var iface in containing.AllInterfaces)
        {
            if (Lookup(iface, method.Name) is not EntryPoint entry)
            {
                continue;
            }

            foreach (var member in iface.GetMembers(method.Name))
            {
                // The implementation may sit on a base class (DelegatingChatClient implements IChatClient) while the
                // method called is an override of it in a derived class: walk the override chain.
                var implementation = containing.FindImplementationForInterfaceMember(member);
                if (implementation is not null && OverridesOrIs(method, implementation))
                {
                    return new RecognizedCall(entry.Provider, null, Label(method), entry.Kind);
                }
            }
        }

        return null;
    }

    private static bool OverridesOrIs(IMethodSymbol method, ISymbol implementation)
    {
        var target = implementation.OriginalDefinition;
        int guard = 0;
        for (IMethodSymbol? m = method; m is not null && guard < 64; m = m.OverriddenMethod, guard++)
        {
            if (SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, target))
            {
                return true;
            }
        }

        return false;
    }

    private EntryPoint? Lookup(INamedTypeSymbol? type, string name)
        => type is not null && _byType.TryGetValue(type.OriginalDefinition, out var methods) && methods.TryGetValue(name, out var entry) ? entry : null;

    private static string Label(IMethodSymbol method) => method.ContainingType is null ? method.Name : method.ContainingType.Name + "." + method.Name;

    private static IEnumerable<EntryPoint> Concat(ImmutableArray<EntryPoint> first, IEnumerable<EntryPoint> second)
    {
        foreach (var e in first) yield return e;
        foreach (var e in second) yield return e;
    }
}
