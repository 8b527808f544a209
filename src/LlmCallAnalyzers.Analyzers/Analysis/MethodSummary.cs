using System.Globalization;
using System.Linq;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>One method's shape and what its attributes declare; built once per method body.</summary>
internal sealed class MethodSummary
{
    public MethodSummary(IMethodSymbol method, Shape shape, TaskAttributes attributes)
    {
        Method = method;
        Shape = shape;
        Attributes = attributes;
    }

    public IMethodSymbol Method { get; }

    public Shape Shape { get; }

    public TaskAttributes Attributes { get; }

    /// <summary>Where diagnostics about the method go: its name.</summary>
    public Location Location => Method.Locations.FirstOrDefault() ?? Location.None;

    /// <summary>The task name convention shared with the runtime: <c>Namespace.Type.Method</c>.</summary>
    public string TaskName => TaskNames.Of(Method);
}

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

/// <summary>The LlmCallAnalyzers attributes on a method.</summary>
internal sealed class TaskAttributes
{
    public static readonly TaskAttributes None = new();

    public double? Slo { get; init; }

    public int LatencyBudgetMs { get; init; }

    public bool IsAgentStep { get; init; }

    public int? FanOut { get; init; }

    public bool IsTask => Slo is not null || IsAgentStep;

    public static TaskAttributes Read(IMethodSymbol method, AttributeSymbols symbols)
    {
        if (!symbols.Any)
        {
            return None;
        }

        double? slo = null;
        int latency = 0;
        bool agentStep = false;
        int? fanOut = null;
        foreach (var attribute in method.GetAttributes())
        {
            var cls = attribute.AttributeClass;
            if (cls is null)
            {
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(cls, symbols.TaskSlo))
            {
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is double a && a > 0 && a <= 1)
                {
                    slo = a;
                }

                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == AttributeNames.LatencyP99Ms && named.Value.Value is int ms && ms > 0)
                    {
                        latency = ms;
                    }
                }
            }
            else if (SymbolEqualityComparer.Default.Equals(cls, symbols.AgentStep))
            {
                agentStep = true;
            }
            else if (SymbolEqualityComparer.Default.Equals(cls, symbols.FanOut)
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int max && max >= 0)
            {
                fanOut = max;
            }
        }

        return slo is null && !agentStep && fanOut is null ? None : new TaskAttributes { Slo = slo, LatencyBudgetMs = latency, IsAgentStep = agentStep, FanOut = fanOut };
    }

    public override string ToString() => Slo is double s ? s.ToString(CultureInfo.InvariantCulture) : "none";
}

/// <summary>The attribute types, resolved once per compilation.</summary>
internal sealed class AttributeSymbols
{
    public AttributeSymbols(Compilation compilation)
    {
        TaskSlo = compilation.GetTypeByMetadataName(AttributeNames.TaskSlo);
        AgentStep = compilation.GetTypeByMetadataName(AttributeNames.AgentStep);
        FanOut = compilation.GetTypeByMetadataName(AttributeNames.FanOut);
    }

    public INamedTypeSymbol? TaskSlo { get; }

    public INamedTypeSymbol? AgentStep { get; }

    public INamedTypeSymbol? FanOut { get; }

    public bool Any => TaskSlo is not null || AgentStep is not null || FanOut is not null;
}
