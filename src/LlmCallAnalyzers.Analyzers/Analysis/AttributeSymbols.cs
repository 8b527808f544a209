using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

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
