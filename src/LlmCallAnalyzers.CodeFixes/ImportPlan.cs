using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.CodeFixes;

/// <summary>
/// Writes the names of types a fix generates and collects the <c>using</c> directives they need. A type is written by
/// its simple name when that name already means it where it is written, or when no other type of that name is in scope
/// and its namespace can be imported; otherwise fully qualified. (Workspaces' Simplifier does the same but took seconds
/// per fix on projects with many references — too slow for a light bulb.)
/// </summary>
internal sealed class ImportPlan
{
    private readonly SemanticModel _model;
    private readonly SortedSet<string> _namespaces = new(System.StringComparer.Ordinal);

    public ImportPlan(SemanticModel model) => _model = model;

    public IReadOnlyCollection<string> Namespaces => _namespaces;

    /// <summary>The text for type <paramref name="ns"/>.<paramref name="simpleName"/> (generic arity <paramref name="arity"/>) at <paramref name="position"/>.</summary>
    public string Name(int position, string ns, string simpleName, int arity = 0)
    {
        var visible = _model.LookupNamespacesAndTypes(position, name: simpleName)
            .Where(s => s is not INamedTypeSymbol t || t.Arity == arity)
            .ToList();
        if (visible.Count == 1 && visible[0] is INamedTypeSymbol known && known.ContainingNamespace?.ToDisplayString() == ns)
        {
            return simpleName;
        }

        if (visible.Count == 0 && _model.Compilation.GetTypeByMetadataName(ns + "." + simpleName + (arity > 0 ? "`" + arity.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)) is not null)
        {
            Import(position, ns);
            return simpleName;
        }

        return "global::" + ns + "." + simpleName;
    }

    /// <summary>The attribute name (without the Attribute suffix) for <paramref name="ns"/>.<paramref name="attributeClass"/>.</summary>
    public string Attribute(int position, string ns, string attributeClass)
    {
        string name = Name(position, ns, attributeClass);
        return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    /// <summary>A type symbol as it can be written at <paramref name="position"/> without new usings.</summary>
    public string Type(int position, ITypeSymbol type) => type.ToMinimalDisplayString(_model, position);

    /// <summary>Imports <paramref name="ns"/> unless its types are in scope at <paramref name="position"/> already (for extension methods).</summary>
    public void Import(int position, string ns)
    {
        if (!IsImported(position, ns))
        {
            _namespaces.Add(ns);
        }
    }

    private bool IsImported(int position, string ns)
    {
        // A namespace is imported when one of its types is in scope by its simple name.
        var symbol = FindNamespace(ns);
        if (symbol is null)
        {
            return false;
        }

        foreach (var type in symbol.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public).Take(3))
        {
            var visible = _model.LookupNamespacesAndTypes(position, name: type.Name);
            if (visible.Any(v => SymbolEqualityComparer.Default.Equals(v, type)))
            {
                return true;
            }
        }

        return false;
    }

    private INamespaceSymbol? FindNamespace(string ns)
    {
        INamespaceSymbol? current = _model.Compilation.GlobalNamespace;
        foreach (var part in ns.Split('.'))
        {
            current = current?.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
        }

        return current;
    }

    /// <summary>Adds the collected usings to <paramref name="root"/>.</summary>
    public SyntaxNode Apply(SyntaxNode root, string endOfLine)
    {
        if (root is not CompilationUnitSyntax unit)
        {
            return root;
        }

        foreach (var ns in _namespaces)
        {
            if (!unit.Usings.Any(u => u.Name?.ToString() == ns))
            {
                unit = Usings.Add(unit, ns, endOfLine);
            }
        }

        return unit;
    }
}
