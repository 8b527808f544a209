using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Tests.Infrastructure;

/// <summary>
/// The metadata references every test compiles against: the .NET 10 reference assemblies plus the real SDK
/// assemblies this test project restores (OpenAI, Microsoft.Extensions.AI, Semantic Kernel, Anthropic, the Agent
/// Framework, OllamaSharp, Polly) and the LlmCallAnalyzers attributes. No look-alike types.
/// </summary>
internal static class SdkReferences
{
    private static readonly string[] Prefixes =
    {
        "Microsoft.Extensions.", "OpenAI", "System.ClientModel", "System.Memory.Data", "Microsoft.SemanticKernel.",
        "Anthropic", "Microsoft.Agents.AI", "OllamaSharp", "Polly.", "LlmCallAnalyzers.Attributes", "Microsoft.Bcl.HashCode",
        "System.Numerics.Tensors", "Microsoft.ML.Tokenizers",
    };

    public static ImmutableArray<MetadataReference> All { get; } = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        // Make sure the SDK assemblies are loaded/copied (their types are referenced here on purpose).
        _ = typeof(Microsoft.Extensions.AI.IChatClient);
        _ = typeof(Microsoft.Extensions.AI.ChatClientBuilder);
        _ = typeof(OpenAI.Chat.ChatClient);
        _ = typeof(Microsoft.SemanticKernel.Kernel);
        _ = typeof(Anthropic.Services.IMessageService);
        _ = typeof(Microsoft.Agents.AI.AIAgent);
        _ = typeof(Microsoft.Agents.AI.ChatClientAgent);
        _ = typeof(Microsoft.Agents.AI.Workflows.AgentWorkflowBuilder);
        _ = typeof(OllamaSharp.IOllamaApiClient);
        _ = typeof(Polly.ResiliencePipeline);
        _ = typeof(LlmCallAnalyzers.TaskSloAttribute);

        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        builder.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        string directory = Path.GetDirectoryName(typeof(SdkReferences).Assembly.Location)!;
        foreach (var dll in Directory.EnumerateFiles(directory, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(dll);
            if (Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) && !name.StartsWith("Microsoft.Extensions.AI.Evaluation", StringComparison.Ordinal))
            {
                builder.Add(MetadataReference.CreateFromFile(dll));
            }
        }

        return builder.ToImmutable();
    }
}
