using System.Globalization;
using System.Linq;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

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
