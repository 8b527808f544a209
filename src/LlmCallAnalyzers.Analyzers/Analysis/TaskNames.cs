using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>The task-name convention: <c>Namespace.Type.Method</c> (nested types joined with '.').</summary>
internal static class TaskNames
{
    public static string Of(IMethodSymbol method)
    {
        var type = method.ContainingType;
        string typeName = type is null ? string.Empty : type.ToDisplayString(TypeFormat);
        return typeName.Length == 0 ? method.Name : typeName + "." + method.Name;
    }

    private static readonly SymbolDisplayFormat TypeFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None);
}
