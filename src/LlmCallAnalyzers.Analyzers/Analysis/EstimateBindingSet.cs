using System.Collections.Generic;
using System.Threading;
using LlmCallAnalyzers.Analyzers.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// For the estimate generator, which must bind what it summarizes a second time (after the compiler, before it): the
/// method bodies that can change a task's estimate, found from syntax alone. A body is bound when
/// <list type="bullet">
/// <item>its declaration carries attributes (tasks, <c>[FanOut]</c>, <c>[LlmCall]</c>, …);</item>
/// <item>it assigns a field or property of the project by name (what a client, pipeline or model id member holds);</item>
/// <item>or it can reach an LLM call: it mentions an entry point's name, an attributed method's name, or the name of
/// a body that can — to a fixed point.</item>
/// </list>
/// Every other body can only reach methods that make no LLM call: its call tree has no call, and leaving it out
/// changes no estimate. The analysis records calls only for invocations, method groups and object creations, so a
/// name in the body is how every recorded call shows; a constructor that can reach an LLM call (reached by
/// <c>new()</c> or an implicit base call, with no name) makes the generator bind everything.
/// </summary>
internal static class EstimateBindingSet
{
    /// <summary>The declarations to bind, or null to bind every body.</summary>
    public static HashSet<SyntaxNode>? Find(Compilation compilation, CallSiteCatalog catalog, CancellationToken cancellationToken)
    {
        var reaching = new HashSet<string>(catalog.EntryPointNames, System.StringComparer.Ordinal);
        if (!AddReferencedLlmCallNames(compilation, catalog, reaching, cancellationToken))
        {
            return null;
        }

        // Pass 1, declarations only: the bodies, the names a body can be called by, the fields' and properties' names.
        var bodies = new List<Body>();
        var memberNames = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Collect(tree.GetRoot(cancellationToken), bodies, memberNames, reaching);
        }

        var ownNames = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var body in bodies)
        {
            if (body.OwnName is not null)
            {
                ownNames.Add(body.OwnName);
            }
        }

        // Pass 2, one walk over each body's tokens: which of those names it mentions, and whether it assigns a member.
        var bind = new HashSet<SyntaxNode>();
        var byName = new Dictionary<string, List<Body>>(System.StringComparer.Ordinal);
        var work = new Queue<Body>();
        foreach (var body in bodies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool assigns = body.Scan(reaching, ownNames, memberNames, byName);
            if (body.HasAttributes || assigns)
            {
                bind.Add(body.Declaration);
            }

            if (body.Reaches)
            {
                work.Enqueue(body);
            }
        }

        var expanded = new HashSet<string>(System.StringComparer.Ordinal);
        while (work.Count > 0)
        {
            var body = work.Dequeue();
            bind.Add(body.Declaration);
            if (body.IsConstructor)
            {
                return null; // reached by new() or an implicit base call too: no name to follow
            }

            if (body.OwnName is not { } name || !expanded.Add(name) || !byName.TryGetValue(name, out var callers))
            {
                continue;
            }

            foreach (var caller in callers)
            {
                if (!caller.Reaches)
                {
                    caller.Reaches = true;
                    work.Enqueue(caller);
                }
            }
        }

        return bind;
    }

    /// <summary>
    /// Adds the names of [LlmCall] methods of referenced assemblies that can carry it; false when the attribute cannot
    /// be resolved the usual way (then everything is bound).
    /// </summary>
    private static bool AddReferencedLlmCallNames(Compilation compilation, CallSiteCatalog catalog, HashSet<string> names, CancellationToken cancellationToken)
    {
        if (catalog.LlmCallAttribute is not { } attribute)
        {
            return true; // no [LlmCall] anywhere: only the entry points make calls
        }

        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!catalog.SeesLlmCallAttribute(assembly) || SymbolEqualityComparer.Default.Equals(assembly, attribute.ContainingAssembly))
            {
                continue;
            }

            var types = new Stack<INamespaceOrTypeSymbol>();
            types.Push(assembly.GlobalNamespace);
            while (types.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var member in types.Pop().GetMembers())
                {
                    switch (member)
                    {
                        case INamespaceOrTypeSymbol container:
                            types.Push(container);
                            break;
                        case IMethodSymbol method when HasAttribute(method, attribute):
                            names.Add(method.Name);
                            break;
                    }
                }
            }
        }

        return true;
    }

    private static bool HasAttribute(IMethodSymbol method, INamedTypeSymbol attribute)
    {
        foreach (var data in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The bodies of one file (the declarations SemanticModelSummaries binds), and the names of its fields and properties.</summary>
    private static void Collect(SyntaxNode root, List<Body> bodies, HashSet<string> memberNames, HashSet<string> reaching)
    {
        foreach (var node in root.DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax)))
        {
            switch (node)
            {
                case BaseMethodDeclarationSyntax method:
                    AddAttributedName(method.AttributeLists, OwnNameOf(method), reaching);
                    if (method.Body is not null || method.ExpressionBody is not null)
                    {
                        bodies.Add(new Body(method, OwnNameOf(method), method is ConstructorDeclarationSyntax, method.AttributeLists.Count > 0, (SyntaxNode?)method.Body ?? method.ExpressionBody!));
                    }

                    break;
                case AccessorDeclarationSyntax accessor when accessor.Body is not null || accessor.ExpressionBody is not null:
                    // Accessors are not called by name in the analysis (a property read records no call).
                    bodies.Add(new Body(accessor, null, false, accessor.AttributeLists.Count > 0 || accessor.Parent?.Parent is BasePropertyDeclarationSyntax { AttributeLists.Count: > 0 }, (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody!));
                    break;
                case PropertyDeclarationSyntax property:
                    memberNames.Add(property.Identifier.ValueText);
                    if (property.ExpressionBody is { } arrow)
                    {
                        bodies.Add(new Body(property, null, false, property.AttributeLists.Count > 0, arrow));
                    }

                    break;
                case VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax } field:
                    memberNames.Add(field.Identifier.ValueText);
                    break;
            }
        }
    }

    /// <summary>An attributed method's name is one a call can be recognized by ([LlmCall], also through an alias).</summary>
    private static void AddAttributedName(SyntaxList<AttributeListSyntax> attributes, string? name, HashSet<string> reaching)
    {
        if (attributes.Count > 0 && name is not null)
        {
            reaching.Add(name);
        }
    }

    private static string? OwnNameOf(BaseMethodDeclarationSyntax method) => method switch
    {
        MethodDeclarationSyntax m => m.Identifier.ValueText,
        ConstructorDeclarationSyntax c => c.Identifier.ValueText,
        _ => null, // destructors, operators and conversions are never recorded as calls
    };

    private sealed class Body
    {
        private readonly SyntaxNode _code;

        public Body(SyntaxNode declaration, string? ownName, bool isConstructor, bool hasAttributes, SyntaxNode code)
        {
            Declaration = declaration;
            OwnName = ownName;
            IsConstructor = isConstructor;
            HasAttributes = hasAttributes;
            _code = code;
        }

        public SyntaxNode Declaration { get; }

        public string? OwnName { get; }

        public bool IsConstructor { get; }

        public bool HasAttributes { get; }

        public bool Reaches { get; set; }

        /// <summary>
        /// Walks the body's tokens once: marks it <see cref="Reaches"/> when it mentions a name in
        /// <paramref name="reaching"/>, files it under each name of <paramref name="ownNames"/> it mentions, and returns
        /// whether it assigns (<c>=</c>, also in an object initializer) something named like a field or property.
        /// </summary>
        public bool Scan(HashSet<string> reaching, HashSet<string> ownNames, HashSet<string> memberNames, Dictionary<string, List<Body>> byName)
        {
            bool assigns = false;
            foreach (var token in _code.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    string name = token.ValueText;
                    if (reaching.Contains(name))
                    {
                        Reaches = true;
                    }
                    else if (ownNames.Contains(name))
                    {
                        if (!byName.TryGetValue(name, out var list))
                        {
                            byName[name] = list = new List<Body>();
                        }

                        if (list.Count == 0 || !ReferenceEquals(list[list.Count - 1], this))
                        {
                            list.Add(this);
                        }
                    }
                }
                else if (!assigns && token.IsKind(SyntaxKind.EqualsToken)
                    && token.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                    && NameOf(assignment.Left) is { } target && memberNames.Contains(target))
                {
                    assigns = true;
                }
            }

            return assigns;
        }

        private static string? NameOf(ExpressionSyntax target) => target switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
