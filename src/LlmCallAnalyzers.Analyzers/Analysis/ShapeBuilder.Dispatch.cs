using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>Virtual calls: the implementations in source that an interface, abstract or virtual call can reach.</summary>
internal sealed partial class ShapeBuilder
{
    /// <summary>
    /// A <see cref="DispatchShape"/> when <paramref name="method"/> is called virtually and reaches source methods other
    /// than itself; null when the call resolves exactly (a non-virtual or <c>base.</c> call, a sealed receiver, a
    /// virtual method nothing overrides), which the caller then treats as a plain call.
    /// </summary>
    private Shape? ClassifyDispatch(IMethodSymbol method, IOperation site, LoopContext? loop)
    {
        var (isVirtual, instance) = site switch
        {
            IInvocationOperation invocation => (invocation.IsVirtual, invocation.Instance),
            IMethodReferenceOperation reference => (reference.IsVirtual, reference.Instance),
            _ => (false, null),
        };

        if (!isVirtual || method.MethodKind != MethodKind.Ordinary || !(method.IsAbstract || method.IsVirtual || method.IsOverride) || method.ContainingType is not { } declaring)
        {
            return null;
        }

        // Members of referenced assemblies are followed only when abstract (an interface or an abstract class a source
        // type implements); System's (Dispose, MoveNext, Compare, …) never are.
        if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _assembly)
            && (!method.IsAbstract || IsSystemType(declaring) || !_dispatch!.HasSourceSubtypes(declaring)))
        {
            return null;
        }

        var receiver = instance is null ? null : StripConversions(instance).Type ?? instance.Type;
        if (receiver is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface })
        {
            receiver = declaring;
        }

        var targets = _dispatch!.TargetsOf(method, receiver);
        if (targets.IsEmpty || (targets.Length == 1 && SymbolEqualityComparer.Default.Equals(targets[0], method.OriginalDefinition)))
        {
            return null;
        }

        return new DispatchShape(method, targets, site.Syntax, loop);
    }

    private static bool IsSystemType(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: false, Name: "System" };
    }
}
