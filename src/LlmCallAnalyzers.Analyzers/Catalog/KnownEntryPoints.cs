using System.Collections.Immutable;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Analyzers.Catalog;

/// <summary>
/// The SDK methods the analyzer recognizes as LLM calls out of the box. Each entry names a type by its metadata name
/// (as <c>Compilation.GetTypeByMetadataName</c> takes it) and a method name; every overload of that name on the type,
/// and on the types that implement or derive from it, counts. For a static extension class, its extension methods of
/// that name count.
/// </summary>
/// <remarks>
/// <para>
/// Every entry except the AWS Bedrock and Semantic Kernel agents ones was checked by reflection against the package version noted in its group
/// (the versions pinned in <c>Directory.Packages.props</c>): the type exists with exactly that metadata name and has a
/// public method of that name. <c>docs/recognized-calls.md</c> lists the same entries, what is deliberately left out and
/// why, and how users add their own wrappers.
/// </para>
/// <para>
/// <c>Microsoft.Extensions.AI.ChatClientExtensions</c> is declared twice, with the same metadata name, in
/// Microsoft.Extensions.AI.Abstractions (<c>GetResponseAsync</c>, <c>GetStreamingResponseAsync</c>) and in
/// Microsoft.Agents.AI (<c>AsAIAgent</c>). When a compilation references both, <c>GetTypeByMetadataName</c> returns
/// <see langword="null"/> for that name; resolve entries with <c>GetTypesByMetadataName</c> (or compare by
/// namespace + name + arity) so this entry still matches.
/// </para>
/// </remarks>
internal static class KnownEntryPoints
{
    private const string MeaiAbstractions = "Microsoft.Extensions.AI.Abstractions";
    private const string Meai = "Microsoft.Extensions.AI";
    private const string OpenAI = "OpenAI";
    private const string SkAbstractions = "Microsoft.SemanticKernel.Abstractions";
    private const string SkCore = "Microsoft.SemanticKernel.Core";
    private const string Anthropic = "Anthropic";
    private const string AgentsAbstractions = "Microsoft.Agents.AI.Abstractions";
    private const string AgentsWorkflows = "Microsoft.Agents.AI.Workflows";
    private const string SkAgentsCore = "Microsoft.SemanticKernel.Agents.Core";
    private const string SkAgentsOrchestration = "Microsoft.SemanticKernel.Agents.Orchestration";
    private const string Ollama = "OllamaSharp";
    private const string Bedrock = "AWSSDK.BedrockRuntime";

    /// <summary>All known entry points.</summary>
    public static ImmutableArray<EntryPoint> All { get; } = ImmutableArray.Create(
        // Microsoft.Extensions.AI(.Abstractions) 10.11.0. Every IChatClient implementation (OpenAI, Azure OpenAI, Ollama,
        // Anthropic adapters, and the decorators such as FunctionInvokingChatClient) is reached through these.
        new EntryPoint("Microsoft.Extensions.AI.IChatClient", "GetResponseAsync", ProviderKeys.ChatClient, MeaiAbstractions, EntryPointKind.Chat),
        new EntryPoint("Microsoft.Extensions.AI.IChatClient", "GetStreamingResponseAsync", ProviderKeys.ChatClient, MeaiAbstractions, EntryPointKind.Streaming),
        new EntryPoint("Microsoft.Extensions.AI.ChatClientExtensions", "GetResponseAsync", ProviderKeys.ChatClient, MeaiAbstractions, EntryPointKind.Chat),
        new EntryPoint("Microsoft.Extensions.AI.ChatClientExtensions", "GetStreamingResponseAsync", ProviderKeys.ChatClient, MeaiAbstractions, EntryPointKind.Streaming),
        new EntryPoint("Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions", "GetResponseAsync", ProviderKeys.ChatClient, Meai, EntryPointKind.Chat),
        new EntryPoint("Microsoft.Extensions.AI.IEmbeddingGenerator`2", "GenerateAsync", ProviderKeys.EmbeddingGenerator, MeaiAbstractions, EntryPointKind.Embedding),
        new EntryPoint("Microsoft.Extensions.AI.EmbeddingGeneratorExtensions", "GenerateAsync", ProviderKeys.EmbeddingGenerator, MeaiAbstractions, EntryPointKind.Embedding),
        new EntryPoint("Microsoft.Extensions.AI.EmbeddingGeneratorExtensions", "GenerateVectorAsync", ProviderKeys.EmbeddingGenerator, MeaiAbstractions, EntryPointKind.Embedding),
        new EntryPoint("Microsoft.Extensions.AI.EmbeddingGeneratorExtensions", "GenerateAndZipAsync", ProviderKeys.EmbeddingGenerator, MeaiAbstractions, EntryPointKind.Embedding),

        // OpenAI 2.15.0. Azure.AI.OpenAI's AzureOpenAIClient.GetChatClient / GetEmbeddingClient return these same types.
        new EntryPoint("OpenAI.Chat.ChatClient", "CompleteChat", ProviderKeys.OpenAI, OpenAI, EntryPointKind.Chat),
        new EntryPoint("OpenAI.Chat.ChatClient", "CompleteChatAsync", ProviderKeys.OpenAI, OpenAI, EntryPointKind.Chat),
        new EntryPoint("OpenAI.Chat.ChatClient", "CompleteChatStreaming", ProviderKeys.OpenAI, OpenAI, EntryPointKind.Streaming),
        new EntryPoint("OpenAI.Chat.ChatClient", "CompleteChatStreamingAsync", ProviderKeys.OpenAI, OpenAI, EntryPointKind.Streaming),
        // 2.15 has no synchronous CreateResponseStreaming; GetResponse*/DeleteResponse*/CancelResponse*/CompactResponse* are not listed.
        new EntryPoint("OpenAI.Responses.ResponsesClient", "CreateResponse", ProviderKeys.OpenAI, OpenAI, EntryPointKind.Chat),
        new EntryPoint("OpenAI.Responses.ResponsesClient", "CreateResponseAsync", ProviderKeys.OpenAI, OpenAI, EntryPointKind.Chat),
        new EntryPoint("OpenAI.Responses.ResponsesClient", "CreateResponseStreamingAsync", ProviderKeys.OpenAI, OpenAI, EntryPointKind.Streaming),
        new EntryPoint("OpenAI.Embeddings.EmbeddingClient", "GenerateEmbedding", ProviderKeys.OpenAI, OpenAI, EntryPointKind.Embedding),
        new EntryPoint("OpenAI.Embeddings.EmbeddingClient", "GenerateEmbeddingAsync", ProviderKeys.OpenAI, OpenAI, EntryPointKind.Embedding),
        new EntryPoint("OpenAI.Embeddings.EmbeddingClient", "GenerateEmbeddings", ProviderKeys.OpenAI, OpenAI, EntryPointKind.Embedding),
        new EntryPoint("OpenAI.Embeddings.EmbeddingClient", "GenerateEmbeddingsAsync", ProviderKeys.OpenAI, OpenAI, EntryPointKind.Embedding),

        // Microsoft.SemanticKernel.Abstractions / .Core 1.82.0.
        new EntryPoint("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService", "GetChatMessageContentsAsync", ProviderKeys.SemanticKernel, SkAbstractions, EntryPointKind.Chat),
        new EntryPoint("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService", "GetStreamingChatMessageContentsAsync", ProviderKeys.SemanticKernel, SkAbstractions, EntryPointKind.Streaming),
        new EntryPoint("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions", "GetChatMessageContentsAsync", ProviderKeys.SemanticKernel, SkAbstractions, EntryPointKind.Chat),
        new EntryPoint("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions", "GetChatMessageContentAsync", ProviderKeys.SemanticKernel, SkAbstractions, EntryPointKind.Chat),
        new EntryPoint("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions", "GetStreamingChatMessageContentsAsync", ProviderKeys.SemanticKernel, SkAbstractions, EntryPointKind.Streaming),
        new EntryPoint("Microsoft.SemanticKernel.TextGeneration.ITextGenerationService", "GetTextContentsAsync", ProviderKeys.SemanticKernel, SkAbstractions, EntryPointKind.Chat),
        new EntryPoint("Microsoft.SemanticKernel.TextGeneration.ITextGenerationService", "GetStreamingTextContentsAsync", ProviderKeys.SemanticKernel, SkAbstractions, EntryPointKind.Streaming),
        new EntryPoint("Microsoft.SemanticKernel.TextGeneration.TextGenerationExtensions", "GetTextContentAsync", ProviderKeys.SemanticKernel, SkAbstractions, EntryPointKind.Chat),
        // Kernel.InvokeAsync runs a KernelFunction, which may or may not call a model; it is counted as one call.
        new EntryPoint("Microsoft.SemanticKernel.Kernel", "InvokeAsync", ProviderKeys.SemanticKernel, SkAbstractions, EntryPointKind.KernelInvocation),
        new EntryPoint("Microsoft.SemanticKernel.Kernel", "InvokeStreamingAsync", ProviderKeys.SemanticKernel, SkAbstractions, EntryPointKind.KernelInvocation),
        new EntryPoint("Microsoft.SemanticKernel.KernelExtensions", "InvokePromptAsync", ProviderKeys.SemanticKernel, SkCore, EntryPointKind.KernelInvocation),
        new EntryPoint("Microsoft.SemanticKernel.KernelExtensions", "InvokePromptStreamingAsync", ProviderKeys.SemanticKernel, SkCore, EntryPointKind.KernelInvocation),

        // Anthropic 13.14.0. client.Messages / client.Beta.Messages, their WithRawResponse views, and the structured-output
        // Create<T> extensions. CountTokens, Messages.Batches.Create and the beta agent/deployment/environment/session
        // Create methods are deliberately not listed.
        new EntryPoint("Anthropic.Services.IMessageService", "Create", ProviderKeys.Anthropic, Anthropic, EntryPointKind.Chat),
        new EntryPoint("Anthropic.Services.IMessageService", "CreateStreaming", ProviderKeys.Anthropic, Anthropic, EntryPointKind.Streaming),
        new EntryPoint("Anthropic.Services.IMessageServiceWithRawResponse", "Create", ProviderKeys.Anthropic, Anthropic, EntryPointKind.Chat),
        new EntryPoint("Anthropic.Services.IMessageServiceWithRawResponse", "CreateStreaming", ProviderKeys.Anthropic, Anthropic, EntryPointKind.Streaming),
        new EntryPoint("Anthropic.Services.MessageServiceExtensions", "Create", ProviderKeys.Anthropic, Anthropic, EntryPointKind.Chat),
        new EntryPoint("Anthropic.Services.Beta.IMessageService", "Create", ProviderKeys.Anthropic, Anthropic, EntryPointKind.Chat),
        new EntryPoint("Anthropic.Services.Beta.IMessageService", "CreateStreaming", ProviderKeys.Anthropic, Anthropic, EntryPointKind.Streaming),
        new EntryPoint("Anthropic.Services.Beta.IMessageServiceWithRawResponse", "Create", ProviderKeys.Anthropic, Anthropic, EntryPointKind.Chat),
        new EntryPoint("Anthropic.Services.Beta.IMessageServiceWithRawResponse", "CreateStreaming", ProviderKeys.Anthropic, Anthropic, EntryPointKind.Streaming),
        new EntryPoint("Anthropic.Services.Beta.BetaMessageServiceExtensions", "Create", ProviderKeys.Anthropic, Anthropic, EntryPointKind.Chat),

        // Microsoft.Agents.AI(.Abstractions) 1.28.0. One agent run may make several model calls (tool-calling loop).
        new EntryPoint("Microsoft.Agents.AI.AIAgent", "RunAsync", ProviderKeys.Agent, AgentsAbstractions, EntryPointKind.Agent),
        new EntryPoint("Microsoft.Agents.AI.AIAgent", "RunStreamingAsync", ProviderKeys.Agent, AgentsAbstractions, EntryPointKind.Agent),

        // Microsoft.Agents.AI.Workflows 1.28.0. Running a workflow runs its agents: a sequential, concurrent, group-chat,
        // handoff or Magentic workflow built in view is expanded into its agents' turns (Analysis/OrchestrationFacts); a
        // workflow hosted as an agent (workflow.AsAIAgent()) is run through AIAgent.RunAsync above, with the same plan.
        new EntryPoint("Microsoft.Agents.AI.Workflows.InProcessExecution", "RunAsync", ProviderKeys.Agent, AgentsWorkflows, EntryPointKind.Workflow),
        new EntryPoint("Microsoft.Agents.AI.Workflows.InProcessExecution", "RunStreamingAsync", ProviderKeys.Agent, AgentsWorkflows, EntryPointKind.Workflow),
        new EntryPoint("Microsoft.Agents.AI.Workflows.IWorkflowExecutionEnvironment", "RunAsync", ProviderKeys.Agent, AgentsWorkflows, EntryPointKind.Workflow),
        new EntryPoint("Microsoft.Agents.AI.Workflows.IWorkflowExecutionEnvironment", "RunStreamingAsync", ProviderKeys.Agent, AgentsWorkflows, EntryPointKind.Workflow),

        // Semantic Kernel agents 1.82.0. NOT verified here: Microsoft.SemanticKernel.Agents.Core and .Agents.Orchestration
        // are not served where this catalog is checked; the names come from the Semantic Kernel sources.
        new EntryPoint("Microsoft.SemanticKernel.Agents.AgentGroupChat", "InvokeAsync", ProviderKeys.Agent, SkAgentsCore, EntryPointKind.Workflow),
        new EntryPoint("Microsoft.SemanticKernel.Agents.AgentGroupChat", "InvokeStreamingAsync", ProviderKeys.Agent, SkAgentsCore, EntryPointKind.Workflow),
        new EntryPoint("Microsoft.SemanticKernel.Agents.Orchestration.AgentOrchestration`2", "InvokeAsync", ProviderKeys.Agent, SkAgentsOrchestration, EntryPointKind.Workflow),

        // OllamaSharp 5.5.2. ChatAsync / GenerateAsync return IAsyncEnumerable (streamed unless the request sets Stream = false).
        // OllamaApiClient also implements IChatClient and IEmbeddingGenerator (explicitly), so those calls match above.
        new EntryPoint("OllamaSharp.IOllamaApiClient", "ChatAsync", ProviderKeys.Ollama, Ollama, EntryPointKind.Streaming),
        new EntryPoint("OllamaSharp.IOllamaApiClient", "GenerateAsync", ProviderKeys.Ollama, Ollama, EntryPointKind.Streaming),
        new EntryPoint("OllamaSharp.IOllamaApiClient", "EmbedAsync", ProviderKeys.Ollama, Ollama, EntryPointKind.Embedding),
        new EntryPoint("OllamaSharp.OllamaApiClientExtensions", "GenerateAsync", ProviderKeys.Ollama, Ollama, EntryPointKind.Streaming),
        new EntryPoint("OllamaSharp.OllamaApiClientExtensions", "EmbedAsync", ProviderKeys.Ollama, Ollama, EntryPointKind.Embedding),
        // OllamaSharp.Chat: the conversation helper; one send may loop over tool calls when tools are given.
        new EntryPoint("OllamaSharp.Chat", "SendAsync", ProviderKeys.Ollama, Ollama, EntryPointKind.Streaming),
        new EntryPoint("OllamaSharp.Chat", "SendAsAsync", ProviderKeys.Ollama, Ollama, EntryPointKind.Streaming),

        // AWS SDK for .NET, AWSSDK.BedrockRuntime. NOT verified here: the package is not available on this machine; the
        // names are taken from the AWS SDK for .NET API reference (IAmazonBedrockRuntime / AmazonBedrockRuntimeClient).
        new EntryPoint("Amazon.BedrockRuntime.IAmazonBedrockRuntime", "ConverseAsync", ProviderKeys.Bedrock, Bedrock, EntryPointKind.Chat),
        new EntryPoint("Amazon.BedrockRuntime.IAmazonBedrockRuntime", "ConverseStreamAsync", ProviderKeys.Bedrock, Bedrock, EntryPointKind.Streaming),
        new EntryPoint("Amazon.BedrockRuntime.IAmazonBedrockRuntime", "InvokeModelAsync", ProviderKeys.Bedrock, Bedrock, EntryPointKind.Chat),
        new EntryPoint("Amazon.BedrockRuntime.IAmazonBedrockRuntime", "InvokeModelWithResponseStreamAsync", ProviderKeys.Bedrock, Bedrock, EntryPointKind.Streaming),
        new EntryPoint("Amazon.BedrockRuntime.AmazonBedrockRuntimeClient", "ConverseAsync", ProviderKeys.Bedrock, Bedrock, EntryPointKind.Chat),
        new EntryPoint("Amazon.BedrockRuntime.AmazonBedrockRuntimeClient", "ConverseStreamAsync", ProviderKeys.Bedrock, Bedrock, EntryPointKind.Streaming),
        new EntryPoint("Amazon.BedrockRuntime.AmazonBedrockRuntimeClient", "InvokeModelAsync", ProviderKeys.Bedrock, Bedrock, EntryPointKind.Chat),
        new EntryPoint("Amazon.BedrockRuntime.AmazonBedrockRuntimeClient", "InvokeModelWithResponseStreamAsync", ProviderKeys.Bedrock, Bedrock, EntryPointKind.Streaming));
}
