using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>Framework and library types the shape builder treats specially, resolved once per compilation.</summary>
internal sealed class WellKnownSymbols
{
    public WellKnownSymbols(Compilation compilation)
    {
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        Parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
        Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
        AsyncEnumerable = compilation.GetTypeByMetadataName("System.Linq.AsyncEnumerable");
        ParallelEnumerable = compilation.GetTypeByMetadataName("System.Linq.ParallelEnumerable");
        List = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        OperationCanceledException = compilation.GetTypeByMetadataName("System.OperationCanceledException");
        ResiliencePipeline = compilation.GetTypeByMetadataName("Polly.ResiliencePipeline");
        ResiliencePipelineOfT = compilation.GetTypeByMetadataName("Polly.ResiliencePipeline`1");
        ChatClientAgent = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.ChatClientAgent");
        FunctionInvokingChatClient = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.FunctionInvokingChatClient");
        HasSemanticKernel = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Kernel") is not null;
    }

    /// <summary>Whether Semantic Kernel is referenced (only then can settings turn on automatic function calling).</summary>
    public bool HasSemanticKernel { get; }

    public INamedTypeSymbol? FunctionInvokingChatClient { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? Parallel { get; }

    public INamedTypeSymbol? Enumerable { get; }

    public INamedTypeSymbol? AsyncEnumerable { get; }

    public INamedTypeSymbol? ParallelEnumerable { get; }

    public INamedTypeSymbol? List { get; }

    public INamedTypeSymbol? OperationCanceledException { get; }

    public INamedTypeSymbol? ResiliencePipeline { get; }

    public INamedTypeSymbol? ResiliencePipelineOfT { get; }

    public INamedTypeSymbol? ChatClientAgent { get; }

    public bool IsLinq(INamedTypeSymbol? type)
        => type is not null && (Is(type, Enumerable) || Is(type, AsyncEnumerable) || Is(type, ParallelEnumerable));

    public bool IsResiliencePipeline(INamedTypeSymbol? type)
        => type is not null && (Is(type.OriginalDefinition, ResiliencePipeline) || Is(type.OriginalDefinition, ResiliencePipelineOfT));

    public bool IsCancellation(ITypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (Is(t, OperationCanceledException))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Is(ITypeSymbol? a, ITypeSymbol? b) => a is not null && b is not null && SymbolEqualityComparer.Default.Equals(a, b);
}
