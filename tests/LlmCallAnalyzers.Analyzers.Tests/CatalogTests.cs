using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Verify = LlmCallAnalyzers.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LlmCallAnalyzers.Analyzers.LlmTaskAnalyzer>;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// The call-site catalog against the real SDK assemblies: one positive in-loop case per entry point of
/// <see cref="KnownEntryPoints"/> (Bedrock and the Semantic Kernel agents packages excepted: they are not served here), look-alikes that must not match,
/// <c>[LlmCall]</c> wrappers and <c>llm-calls*.txt</c> additional files (LLM008 for malformed lines).
/// </summary>
public class CatalogTests
{
    /// <summary>One recognized call: which catalog entry it exercises (<c>Type::Method</c> as in KnownEntryPoints).</summary>
    public sealed record CatalogCase(string Entry, string Usings, string Parameters, string Statement, string Label);

    private const string Meai = "using Microsoft.Extensions.AI;";
    private const string OpenAIUsings = "using OpenAI.Chat;\nusing OpenAI.Responses;\nusing OpenAI.Embeddings;";
    private const string Sk = "using Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.ChatCompletion;\nusing Microsoft.SemanticKernel.TextGeneration;";
    private const string AnthropicUsings = "using Anthropic;\nusing Anthropic.Services;";
    private const string AnthropicBetaUsings = "using Anthropic;\nusing Anthropic.Services.Beta;";
    private const string Agents = "using Microsoft.Agents.AI;\nusing Microsoft.Extensions.AI;";
    private const string Ollama = "using OllamaSharp;\nusing OllamaSharp.Models;\nusing OllamaSharp.Models.Chat;";

    private const string ChatParams = "IChatClient client, List<ChatMessage> messages, ChatMessage message";
    private const string EmbedParams = "IEmbeddingGenerator<string, Embedding<float>> generator, string[] inputs";
    private const string OpenAIParams = "ChatClient chat, ResponsesClient responses, EmbeddingClient embeddings, List<OpenAI.Chat.ChatMessage> messages, CreateResponseOptions options";
    private const string SkParams = "IChatCompletionService chat, ITextGenerationService text, Kernel kernel, KernelFunction function, ChatHistory history";
    private const string AgentParams = "AIAgent agent";
    private const string Workflows = "using Microsoft.Agents.AI.Workflows;";
    private const string WorkflowParams = "Workflow workflow, IWorkflowExecutionEnvironment environment";

    /// <summary>Packages not served where the catalog is checked: their entries are listed by name, unverified.</summary>
    private static readonly HashSet<string> UnverifiedPackages = new(StringComparer.Ordinal)
    {
        "AWSSDK.BedrockRuntime", "Microsoft.SemanticKernel.Agents.Core", "Microsoft.SemanticKernel.Agents.Orchestration",
    };
    private const string OllamaParams = "IOllamaApiClient ollama, OllamaApiClient concrete, Chat conversation, ChatRequest chatRequest, GenerateRequest generateRequest, EmbedRequest embedRequest";

    private static readonly CatalogCase[] Cases =
    {
        // Microsoft.Extensions.AI
        new("Microsoft.Extensions.AI.IChatClient::GetResponseAsync", Meai, ChatParams,
            "await {|#0:client.GetResponseAsync(messages)|};", "IChatClient.GetResponseAsync"),
        new("Microsoft.Extensions.AI.IChatClient::GetStreamingResponseAsync", Meai, ChatParams,
            "await foreach (var update in {|#0:client.GetStreamingResponseAsync(messages)|}) { }", "IChatClient.GetStreamingResponseAsync"),
        new("Microsoft.Extensions.AI.ChatClientExtensions::GetResponseAsync", Meai, ChatParams,
            "await {|#0:client.GetResponseAsync(\"hi\")|};", "ChatClientExtensions.GetResponseAsync"),
        new("Microsoft.Extensions.AI.ChatClientExtensions::GetResponseAsync", Meai, ChatParams,
            "await {|#0:client.GetResponseAsync(message)|};", "ChatClientExtensions.GetResponseAsync"),
        new("Microsoft.Extensions.AI.ChatClientExtensions::GetStreamingResponseAsync", Meai, ChatParams,
            "await foreach (var update in {|#0:client.GetStreamingResponseAsync(\"hi\")|}) { }", "ChatClientExtensions.GetStreamingResponseAsync"),
        new("Microsoft.Extensions.AI.ChatClientExtensions::GetStreamingResponseAsync", Meai, ChatParams,
            "await foreach (var update in {|#0:client.GetStreamingResponseAsync(message)|}) { }", "ChatClientExtensions.GetStreamingResponseAsync"),
        new("Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions::GetResponseAsync", Meai, ChatParams,
            "await {|#0:client.GetResponseAsync<Answer>(\"hi\")|};", "ChatClientStructuredOutputExtensions.GetResponseAsync"),
        new("Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions::GetResponseAsync", Meai, ChatParams,
            "await {|#0:client.GetResponseAsync<Answer>(messages)|};", "ChatClientStructuredOutputExtensions.GetResponseAsync"),
        new("Microsoft.Extensions.AI.IEmbeddingGenerator`2::GenerateAsync", Meai, EmbedParams,
            "await {|#0:generator.GenerateAsync(inputs)|};", "IEmbeddingGenerator.GenerateAsync"),
        new("Microsoft.Extensions.AI.EmbeddingGeneratorExtensions::GenerateAsync", Meai, EmbedParams,
            "await {|#0:generator.GenerateAsync(\"one value\")|};", "EmbeddingGeneratorExtensions.GenerateAsync"),
        new("Microsoft.Extensions.AI.EmbeddingGeneratorExtensions::GenerateVectorAsync", Meai, EmbedParams,
            "await {|#0:generator.GenerateVectorAsync(\"one value\")|};", "EmbeddingGeneratorExtensions.GenerateVectorAsync"),
        new("Microsoft.Extensions.AI.EmbeddingGeneratorExtensions::GenerateAndZipAsync", Meai, EmbedParams,
            "await {|#0:generator.GenerateAndZipAsync(inputs)|};", "EmbeddingGeneratorExtensions.GenerateAndZipAsync"),

        // IChatClient implementations: a DelegatingChatClient subclass (with and without an override) and a user client.
        new("Microsoft.Extensions.AI.IChatClient::GetResponseAsync", Meai, "LoggingChatClient client, List<ChatMessage> messages",
            "await {|#0:client.GetResponseAsync(messages)|};", "DelegatingChatClient.GetResponseAsync"),
        new("Microsoft.Extensions.AI.IChatClient::GetStreamingResponseAsync", Meai, "LoggingChatClient client, List<ChatMessage> messages",
            "await foreach (var update in {|#0:client.GetStreamingResponseAsync(messages)|}) { }", "DelegatingChatClient.GetStreamingResponseAsync"),
        new("Microsoft.Extensions.AI.IChatClient::GetResponseAsync", Meai, "OverridingChatClient client, List<ChatMessage> messages",
            "await {|#0:client.GetResponseAsync(messages)|};", "OverridingChatClient.GetResponseAsync"),
        new("Microsoft.Extensions.AI.IChatClient::GetResponseAsync", Meai, "EchoChatClient client, List<ChatMessage> messages",
            "await {|#0:client.GetResponseAsync(messages)|};", "EchoChatClient.GetResponseAsync"),
        new("Microsoft.Extensions.AI.ChatClientExtensions::GetResponseAsync", Meai + "\nusing OpenAI.Chat;", "ChatClient openAi",
            "await {|#0:openAi.AsIChatClient().GetResponseAsync(\"hi\")|};", "ChatClientExtensions.GetResponseAsync"),

        // OpenAI
        new("OpenAI.Chat.ChatClient::CompleteChat", OpenAIUsings, OpenAIParams,
            "{|#0:chat.CompleteChat(messages)|};", "ChatClient.CompleteChat"),
        new("OpenAI.Chat.ChatClient::CompleteChat", OpenAIUsings, OpenAIParams,
            "{|#0:chat.CompleteChat(new UserChatMessage(\"hi\"))|};", "ChatClient.CompleteChat"),
        new("OpenAI.Chat.ChatClient::CompleteChatAsync", OpenAIUsings, OpenAIParams,
            "await {|#0:chat.CompleteChatAsync(messages)|};", "ChatClient.CompleteChatAsync"),
        new("OpenAI.Chat.ChatClient::CompleteChatAsync", OpenAIUsings, OpenAIParams,
            "await {|#0:chat.CompleteChatAsync(System.ClientModel.BinaryContent.Create(BinaryData.FromString(\"{}\")))|};", "ChatClient.CompleteChatAsync"),
        new("OpenAI.Chat.ChatClient::CompleteChatStreaming", OpenAIUsings, OpenAIParams,
            "foreach (var update in {|#0:chat.CompleteChatStreaming(messages)|}) { }", "ChatClient.CompleteChatStreaming"),
        new("OpenAI.Chat.ChatClient::CompleteChatStreamingAsync", OpenAIUsings, OpenAIParams,
            "await foreach (var update in {|#0:chat.CompleteChatStreamingAsync(messages)|}) { }", "ChatClient.CompleteChatStreamingAsync"),
        new("OpenAI.Responses.ResponsesClient::CreateResponse", OpenAIUsings, OpenAIParams,
            "{|#0:responses.CreateResponse(options)|};", "ResponsesClient.CreateResponse"),
        new("OpenAI.Responses.ResponsesClient::CreateResponseAsync", OpenAIUsings, OpenAIParams,
            "await {|#0:responses.CreateResponseAsync(\"gpt-4.1\", \"hi\")|};", "ResponsesClient.CreateResponseAsync"),
        new("OpenAI.Responses.ResponsesClient::CreateResponseStreamingAsync", OpenAIUsings, OpenAIParams,
            "await {|#0:responses.CreateResponseStreamingAsync(options)|};", "ResponsesClient.CreateResponseStreamingAsync"),
        new("OpenAI.Embeddings.EmbeddingClient::GenerateEmbedding", OpenAIUsings, OpenAIParams,
            "{|#0:embeddings.GenerateEmbedding(\"hi\")|};", "EmbeddingClient.GenerateEmbedding"),
        new("OpenAI.Embeddings.EmbeddingClient::GenerateEmbeddingAsync", OpenAIUsings, OpenAIParams,
            "await {|#0:embeddings.GenerateEmbeddingAsync(\"hi\")|};", "EmbeddingClient.GenerateEmbeddingAsync"),
        new("OpenAI.Embeddings.EmbeddingClient::GenerateEmbeddings", OpenAIUsings, OpenAIParams,
            "{|#0:embeddings.GenerateEmbeddings(new[] { \"a\", \"b\" })|};", "EmbeddingClient.GenerateEmbeddings"),
        new("OpenAI.Embeddings.EmbeddingClient::GenerateEmbeddingsAsync", OpenAIUsings, OpenAIParams,
            "await {|#0:embeddings.GenerateEmbeddingsAsync(new[] { \"a\", \"b\" })|};", "EmbeddingClient.GenerateEmbeddingsAsync"),

        // Semantic Kernel
        new("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService::GetChatMessageContentsAsync", Sk, SkParams,
            "await {|#0:chat.GetChatMessageContentsAsync(history)|};", "IChatCompletionService.GetChatMessageContentsAsync"),
        new("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService::GetStreamingChatMessageContentsAsync", Sk, SkParams,
            "await foreach (var update in {|#0:chat.GetStreamingChatMessageContentsAsync(history)|}) { }", "IChatCompletionService.GetStreamingChatMessageContentsAsync"),
        new("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions::GetChatMessageContentsAsync", Sk, SkParams,
            "await {|#0:chat.GetChatMessageContentsAsync(\"hi\")|};", "ChatCompletionServiceExtensions.GetChatMessageContentsAsync"),
        new("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions::GetChatMessageContentAsync", Sk, SkParams,
            "await {|#0:chat.GetChatMessageContentAsync(\"hi\")|};", "ChatCompletionServiceExtensions.GetChatMessageContentAsync"),
        new("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions::GetChatMessageContentAsync", Sk, SkParams,
            "await {|#0:chat.GetChatMessageContentAsync(history)|};", "ChatCompletionServiceExtensions.GetChatMessageContentAsync"),
        new("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions::GetStreamingChatMessageContentsAsync", Sk, SkParams,
            "await foreach (var update in {|#0:chat.GetStreamingChatMessageContentsAsync(\"hi\")|}) { }", "ChatCompletionServiceExtensions.GetStreamingChatMessageContentsAsync"),
        new("Microsoft.SemanticKernel.TextGeneration.ITextGenerationService::GetTextContentsAsync", Sk, SkParams,
            "await {|#0:text.GetTextContentsAsync(\"hi\")|};", "ITextGenerationService.GetTextContentsAsync"),
        new("Microsoft.SemanticKernel.TextGeneration.ITextGenerationService::GetStreamingTextContentsAsync", Sk, SkParams,
            "await foreach (var update in {|#0:text.GetStreamingTextContentsAsync(\"hi\")|}) { }", "ITextGenerationService.GetStreamingTextContentsAsync"),
        new("Microsoft.SemanticKernel.TextGeneration.TextGenerationExtensions::GetTextContentAsync", Sk, SkParams,
            "await {|#0:text.GetTextContentAsync(\"hi\")|};", "TextGenerationExtensions.GetTextContentAsync"),
        new("Microsoft.SemanticKernel.Kernel::InvokeAsync", Sk, SkParams,
            "await {|#0:kernel.InvokeAsync(function)|};", "Kernel.InvokeAsync"),
        new("Microsoft.SemanticKernel.Kernel::InvokeAsync", Sk, SkParams,
            "await {|#0:kernel.InvokeAsync<string>(\"plugin\", \"function\")|};", "Kernel.InvokeAsync"),
        new("Microsoft.SemanticKernel.Kernel::InvokeStreamingAsync", Sk, SkParams,
            "await foreach (var update in {|#0:kernel.InvokeStreamingAsync(function)|}) { }", "Kernel.InvokeStreamingAsync"),
        new("Microsoft.SemanticKernel.KernelExtensions::InvokePromptAsync", Sk, SkParams,
            "await {|#0:kernel.InvokePromptAsync(\"Summarize this\")|};", "KernelExtensions.InvokePromptAsync"),
        new("Microsoft.SemanticKernel.KernelExtensions::InvokePromptStreamingAsync", Sk, SkParams,
            "await foreach (var update in {|#0:kernel.InvokePromptStreamingAsync(\"hi\")|}) { }", "KernelExtensions.InvokePromptStreamingAsync"),

        // Anthropic
        new("Anthropic.Services.IMessageService::Create", AnthropicUsings, "AnthropicClient client",
            "await {|#0:client.Messages.Create(null!)|};", "IMessageService.Create"),
        new("Anthropic.Services.IMessageService::CreateStreaming", AnthropicUsings, "AnthropicClient client",
            "await foreach (var update in {|#0:client.Messages.CreateStreaming(null!)|}) { }", "IMessageService.CreateStreaming"),
        new("Anthropic.Services.IMessageServiceWithRawResponse::Create", AnthropicUsings, "AnthropicClient client",
            "await {|#0:client.Messages.WithRawResponse.Create(null!)|};", "IMessageServiceWithRawResponse.Create"),
        new("Anthropic.Services.IMessageServiceWithRawResponse::CreateStreaming", AnthropicUsings, "AnthropicClient client",
            "await {|#0:client.Messages.WithRawResponse.CreateStreaming(null!)|};", "IMessageServiceWithRawResponse.CreateStreaming"),
        new("Anthropic.Services.MessageServiceExtensions::Create", AnthropicUsings, "AnthropicClient client",
            "await {|#0:client.Messages.Create<Answer>(null!)|};", "MessageServiceExtensions.Create"),
        new("Anthropic.Services.Beta.IMessageService::Create", AnthropicBetaUsings, "AnthropicClient client",
            "await {|#0:client.Beta.Messages.Create(null!)|};", "IMessageService.Create"),
        new("Anthropic.Services.Beta.IMessageService::CreateStreaming", AnthropicBetaUsings, "AnthropicClient client",
            "await foreach (var update in {|#0:client.Beta.Messages.CreateStreaming(null!)|}) { }", "IMessageService.CreateStreaming"),
        new("Anthropic.Services.Beta.IMessageServiceWithRawResponse::Create", AnthropicBetaUsings, "AnthropicClient client",
            "await {|#0:client.Beta.Messages.WithRawResponse.Create(null!)|};", "IMessageServiceWithRawResponse.Create"),
        new("Anthropic.Services.Beta.IMessageServiceWithRawResponse::CreateStreaming", AnthropicBetaUsings, "AnthropicClient client",
            "await {|#0:client.Beta.Messages.WithRawResponse.CreateStreaming(null!)|};", "IMessageServiceWithRawResponse.CreateStreaming"),
        new("Anthropic.Services.Beta.BetaMessageServiceExtensions::Create", AnthropicBetaUsings, "AnthropicClient client",
            "await {|#0:client.Beta.Messages.Create<Answer>(null!)|};", "BetaMessageServiceExtensions.Create"),

        // Microsoft Agent Framework
        new("Microsoft.Agents.AI.AIAgent::RunAsync", Agents, AgentParams,
            "await {|#0:agent.RunAsync(\"hi\")|};", "AIAgent.RunAsync"),
        new("Microsoft.Agents.AI.AIAgent::RunAsync", Agents, AgentParams,
            "await {|#0:agent.RunAsync<Answer>(\"hi\")|};", "AIAgent.RunAsync"),
        new("Microsoft.Agents.AI.AIAgent::RunStreamingAsync", Agents, AgentParams,
            "await foreach (var update in {|#0:agent.RunStreamingAsync(\"hi\")|}) { }", "AIAgent.RunStreamingAsync"),

        // Microsoft Agent Framework workflows: a workflow whose construction is not in view counts as one call.
        new("Microsoft.Agents.AI.Workflows.InProcessExecution::RunAsync", Workflows, WorkflowParams,
            "await {|#0:InProcessExecution.RunAsync(workflow, \"hi\")|};", "InProcessExecution.RunAsync"),
        new("Microsoft.Agents.AI.Workflows.InProcessExecution::RunStreamingAsync", Workflows, WorkflowParams,
            "await {|#0:InProcessExecution.RunStreamingAsync(workflow, \"hi\")|};", "InProcessExecution.RunStreamingAsync"),
        new("Microsoft.Agents.AI.Workflows.IWorkflowExecutionEnvironment::RunAsync", Workflows, WorkflowParams,
            "await {|#0:environment.RunAsync(workflow, \"hi\")|};", "IWorkflowExecutionEnvironment.RunAsync"),
        new("Microsoft.Agents.AI.Workflows.IWorkflowExecutionEnvironment::RunAsync", Workflows, WorkflowParams,
            "await {|#0:InProcessExecution.Lockstep.RunAsync(workflow, \"hi\")|};", "InProcessExecutionEnvironment.RunAsync"),
        new("Microsoft.Agents.AI.Workflows.IWorkflowExecutionEnvironment::RunStreamingAsync", Workflows, WorkflowParams,
            "await {|#0:environment.RunStreamingAsync(workflow, \"hi\")|};", "IWorkflowExecutionEnvironment.RunStreamingAsync"),

        // OllamaSharp
        new("OllamaSharp.IOllamaApiClient::ChatAsync", Ollama, OllamaParams,
            "await foreach (var chunk in {|#0:ollama.ChatAsync(chatRequest)|}) { }", "IOllamaApiClient.ChatAsync"),
        new("OllamaSharp.IOllamaApiClient::ChatAsync", Ollama, OllamaParams,
            "await foreach (var chunk in {|#0:concrete.ChatAsync(chatRequest)|}) { }", "OllamaApiClient.ChatAsync"),
        new("OllamaSharp.IOllamaApiClient::GenerateAsync", Ollama, OllamaParams,
            "await foreach (var chunk in {|#0:ollama.GenerateAsync(generateRequest)|}) { }", "IOllamaApiClient.GenerateAsync"),
        new("OllamaSharp.IOllamaApiClient::EmbedAsync", Ollama, OllamaParams,
            "await {|#0:ollama.EmbedAsync(embedRequest)|};", "IOllamaApiClient.EmbedAsync"),
        new("OllamaSharp.OllamaApiClientExtensions::GenerateAsync", Ollama, OllamaParams,
            "await foreach (var chunk in {|#0:ollama.GenerateAsync(\"hi\")|}) { }", "OllamaApiClientExtensions.GenerateAsync"),
        new("OllamaSharp.OllamaApiClientExtensions::EmbedAsync", Ollama, OllamaParams,
            "await {|#0:ollama.EmbedAsync(\"hi\")|};", "OllamaApiClientExtensions.EmbedAsync"),
        new("OllamaSharp.Chat::SendAsync", Ollama, OllamaParams,
            "await foreach (var token in {|#0:conversation.SendAsync(\"hi\")|}) { }", "Chat.SendAsync"),
        new("OllamaSharp.Chat::SendAsAsync", Ollama, OllamaParams,
            "await foreach (var token in {|#0:conversation.SendAsAsync(ChatRole.User, \"hi\")|}) { }", "Chat.SendAsAsync"),
    };

    /// <summary>Types every case can use: a structured-output target and three IChatClient implementations.</summary>
    private const string Support = """
        class Answer { public string? Text { get; set; } }
        class LoggingChatClient : Microsoft.Extensions.AI.DelegatingChatClient
        {
            public LoggingChatClient(Microsoft.Extensions.AI.IChatClient inner) : base(inner) { }
        }
        class OverridingChatClient : Microsoft.Extensions.AI.DelegatingChatClient
        {
            public OverridingChatClient(Microsoft.Extensions.AI.IChatClient inner) : base(inner) { }
            public override Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default)
                => base.GetResponseAsync(messages, options, cancellationToken);
        }
        sealed class EchoChatClient : Microsoft.Extensions.AI.IChatClient
        {
            public Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default)
                => Task.FromResult(new Microsoft.Extensions.AI.ChatResponse());
            public IAsyncEnumerable<Microsoft.Extensions.AI.ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default)
                => throw new NotSupportedException();
            public object? GetService(Type serviceType, object? serviceKey = null) => null;
            public void Dispose() { }
        }
        """;

    public static TheoryData<int, string> CaseIndexes()
    {
        var data = new TheoryData<int, string>();
        for (int i = 0; i < Cases.Length; i++)
        {
            data.Add(i, Cases[i].Entry + " as " + Cases[i].Statement);
        }

        return data;
    }

    private static string Source(CatalogCase c) => $$"""
        #pragma warning disable OPENAI001
        {{c.Usings}}
        {{Support}}
        class Agent
        {
            async Task Run({{c.Parameters}})
            {
                for (int i = 0; i < 3; i++)
                {
                    {{c.Statement}}
                }
            }
        }
        """;

    private static DiagnosticResult InLoop(int marker, string label, string times)
        => Verify.Diagnostic("LLM001").WithSeverity(DiagnosticSeverity.Info).WithLocation(marker).WithArguments(label, "1 LLM call", times);

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public async Task Known_entry_point_called_in_a_loop_is_LLM001_with_the_called_symbol_as_label(int index, string description)
    {
        _ = description;
        var c = Cases[index];
        await Verify.VerifyAsync(Source(c), InLoop(0, c.Label, "3 times"));
    }

    [Fact]
    public void Every_verified_known_entry_point_has_a_positive_case()
    {
        var covered = Cases.Select(c => c.Entry).ToHashSet(StringComparer.Ordinal);
        var missing = KnownEntryPoints.All
            .Where(e => !UnverifiedPackages.Contains(e.Package))
            .Select(e => e.TypeMetadataName + "::" + e.MethodName)
            .Where(key => !covered.Contains(key))
            .ToList();
        Assert.Empty(missing);

        var unknown = covered.Where(key => !KnownEntryPoints.All.Any(e => e.TypeMetadataName + "::" + e.MethodName == key)).ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void Every_verified_known_entry_point_resolves_in_the_real_SDK_assemblies()
    {
        var compilation = CSharpCompilation.Create("Resolve", references: SdkReferences.All);
        var problems = new List<string>();
        foreach (var entry in KnownEntryPoints.All.Where(e => !UnverifiedPackages.Contains(e.Package)))
        {
            var types = compilation.GetTypesByMetadataName(entry.TypeMetadataName);
            if (types.IsEmpty)
            {
                problems.Add(entry.TypeMetadataName + ": type not found");
                continue;
            }

            // A static class's entries are its extension methods, or static methods such as InProcessExecution.RunAsync.
            bool hasMethod = types.Any(t => t.GetMembers(entry.MethodName).OfType<IMethodSymbol>()
                .Any(m => m.DeclaredAccessibility == Accessibility.Public && (t.IsStatic ? m.IsStatic : !m.IsStatic)));
            if (!hasMethod)
            {
                problems.Add(entry.TypeMetadataName + "::" + entry.MethodName + ": no public method of that name");
            }

            if (types.Any(t => t.ContainingAssembly.Name != entry.Package && !(t.IsStatic && types.Length > 1)))
            {
                problems.Add(entry.TypeMetadataName + ": declared in " + string.Join(", ", types.Select(t => t.ContainingAssembly.Name)) + ", catalog says " + entry.Package);
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Streaming_and_embedding_calls_of_several_SDKs_in_one_loop_are_each_reported()
    {
        await Verify.VerifyAsync("""
            #pragma warning disable OPENAI001
            using Microsoft.Extensions.AI;
            class Agent
            {
                async Task Run(IChatClient client, OpenAI.Chat.ChatClient openAi, Anthropic.AnthropicClient anthropic, IEmbeddingGenerator<string, Embedding<float>> generator)
                {
                    foreach (var q in new[] { "a", "b" })
                    {
                        await foreach (var u in {|#0:client.GetStreamingResponseAsync(q)|}) { }
                        await {|#1:openAi.CompleteChatAsync(new OpenAI.Chat.UserChatMessage(q))|};
                        await {|#2:anthropic.Messages.Create(null!)|};
                        await {|#3:generator.GenerateVectorAsync(q)|};
                    }
                }
            }
            """,
            InLoop(0, "ChatClientExtensions.GetStreamingResponseAsync", "2 times"),
            InLoop(1, "ChatClient.CompleteChatAsync", "2 times"),
            InLoop(2, "IMessageService.Create", "2 times"),
            InLoop(3, "EmbeddingGeneratorExtensions.GenerateVectorAsync", "2 times"));
    }

    [Fact]
    public async Task Interface_call_through_a_generic_type_parameter_is_recognized()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent<TClient> where TClient : IChatClient
            {
                async Task Run(TClient client, List<ChatMessage> messages)
                {
                    for (int i = 0; i < 2; i++)
                    {
                        await {|#0:client.GetResponseAsync(messages)|};
                    }
                }
            }
            """,
            InLoop(0, "IChatClient.GetResponseAsync", "2 times"));
    }

    // ---------------------------------------------------------------- negatives

    [Fact]
    public async Task Look_alike_methods_on_unrelated_user_types_are_not_LLM_calls()
    {
        await Verify.VerifyAsync("""
            namespace MyApp
            {
                class FakeClient
                {
                    public Task<string> GetResponseAsync(string prompt) => Task.FromResult(prompt);
                    public IAsyncEnumerable<string> GetStreamingResponseAsync(string prompt) => AsyncEnumerable.Empty<string>();
                    public Task<string> CompleteChatAsync(string prompt) => Task.FromResult(prompt);
                    public string CompleteChat(string prompt) => prompt;
                    public Task<string> CreateResponseAsync(string prompt) => Task.FromResult(prompt);
                    public Task<string> GenerateAsync(string prompt) => Task.FromResult(prompt);
                    public Task<string> GenerateEmbeddingAsync(string prompt) => Task.FromResult(prompt);
                    public Task Create(object parameters) => Task.CompletedTask;
                    public Task CreateStreaming(object parameters) => Task.CompletedTask;
                    public Task<int> RunAsync(string input) => Task.FromResult(1);
                    public Task<int> InvokeAsync(string input) => Task.FromResult(1);
                    public Task<int> InvokePromptAsync(string input) => Task.FromResult(1);
                    public Task ChatAsync(string input) => Task.CompletedTask;
                    public Task SendAsync(string input) => Task.CompletedTask;
                    public Task<int> GetChatMessageContentsAsync(string input) => Task.FromResult(1);
                }

                interface IChatClient { Task<string> GetResponseAsync(string prompt); }

                static class ChatClientExtensions
                {
                    public static Task<string> GetResponseAsync(this FakeClient client, int attempt) => Task.FromResult("");
                }

                namespace Chat { class ChatClient { public Task CompleteChatAsync(string prompt) => Task.CompletedTask; } }

                class Agent
                {
                    async Task Run(FakeClient fake, IChatClient lookAlike, Chat.ChatClient sameName)
                    {
                        for (int i = 0; i < 5; i++)
                        {
                            await fake.GetResponseAsync("x");
                            await foreach (var s in fake.GetStreamingResponseAsync("x")) { }
                            await fake.CompleteChatAsync("x");
                            fake.CompleteChat("x");
                            await fake.CreateResponseAsync("x");
                            await fake.GenerateAsync("x");
                            await fake.GenerateEmbeddingAsync("x");
                            await fake.Create(new object());
                            await fake.CreateStreaming(new object());
                            await fake.RunAsync("x");
                            await fake.InvokeAsync("x");
                            await fake.InvokePromptAsync("x");
                            await fake.ChatAsync("x");
                            await fake.SendAsync("x");
                            await fake.GetChatMessageContentsAsync("x");
                            await fake.GetResponseAsync(i);
                            await lookAlike.GetResponseAsync("x");
                            await sameName.CompleteChatAsync("x");
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Anthropic_CountTokens_and_beta_agent_environment_deployment_session_and_batch_Create_are_not_LLM_calls()
    {
        await Verify.VerifyAsync("""
            using Anthropic;
            class Agent
            {
                async Task Run(AnthropicClient client)
                {
                    for (int i = 0; i < 5; i++)
                    {
                        await client.Messages.CountTokens(null!);
                        await client.Messages.WithRawResponse.CountTokens(null!);
                        await client.Beta.Messages.CountTokens(null!);
                        await client.Beta.Messages.WithRawResponse.CountTokens(null!);
                        await client.Beta.Agents.Create(null!);
                        await client.Beta.Environments.Create(null!);
                        await client.Beta.Deployments.Create(null!);
                        await client.Beta.Deployments.Run("deployment");
                        await client.Beta.Sessions.Create(null!);
                        await client.Messages.Batches.Create(null!);
                        await client.Beta.Messages.Batches.Create(null!);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task SDK_methods_that_make_no_generation_are_not_LLM_calls()
    {
        await Verify.VerifyAsync("""
            #pragma warning disable OPENAI001
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            using OllamaSharp;
            class Agent
            {
                async Task Run(OpenAI.Responses.ResponsesClient responses, OpenAI.Chat.ChatClient chat, KernelFunction function, Kernel kernel, AIFunction tool, IOllamaApiClient ollama, IChatClient client)
                {
                    for (int i = 0; i < 5; i++)
                    {
                        await responses.GetResponseAsync("resp_1");
                        await responses.DeleteResponseAsync("resp_1");
                        await responses.CancelResponseAsync("resp_1");
                        await chat.GetChatCompletionAsync("id");
                        await chat.DeleteChatCompletionAsync("id");
                        await function.InvokeAsync(kernel);
                        await tool.InvokeAsync();
                        await ollama.ListLocalModelsAsync();
                        await foreach (var p in ollama.PullModelAsync(new OllamaSharp.Models.PullModelRequest())) { }
                        client.GetService(typeof(string));
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task LLM_calls_outside_any_loop_are_not_LLM001()
    {
        await Verify.VerifyAsync("""
            #pragma warning disable OPENAI001
            using Microsoft.Extensions.AI;
            class Agent
            {
                async Task Run(IChatClient client, OpenAI.Chat.ChatClient chat, Microsoft.Agents.AI.AIAgent agent, Anthropic.AnthropicClient anthropic, bool flag)
                {
                    await client.GetResponseAsync("a");
                    await foreach (var u in client.GetStreamingResponseAsync("b")) { }
                    await chat.CompleteChatAsync(new OpenAI.Chat.UserChatMessage("c"));
                    await agent.RunAsync("d");
                    await anthropic.Messages.Create(null!);
                    if (flag)
                    {
                        await client.GetResponseAsync("e");
                    }

                    try { await client.GetResponseAsync("f"); } catch (Exception) { }
                    await Task.WhenAll(client.GetResponseAsync("g"), client.GetResponseAsync("h"));
                }
            }
            """);
    }

    [Fact]
    public async Task HttpClient_calls_in_loops_are_not_LLM_calls()
    {
        await Verify.VerifyAsync("""
            using System.Net.Http;
            class Agent
            {
                async Task Run(HttpClient http, List<string> urls)
                {
                    for (int i = 0; i < 5; i++)
                    {
                        await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions"));
                        await http.PostAsync("https://api.anthropic.com/v1/messages", new StringContent("{}"));
                    }

                    foreach (var url in urls)
                    {
                        await http.GetStringAsync(url);
                    }

                    await Task.WhenAll(urls.Select(u => http.GetAsync(u)));
                }
            }
            """);
    }

    [Fact]
    public async Task Loops_without_LLM_calls_report_nothing()
    {
        await Verify.VerifyAsync("""
            class Agent
            {
                async Task Run(List<string> items)
                {
                    foreach (var item in items) { await Task.Delay(1); }
                }
            }
            """);
    }

    // ---------------------------------------------------------------- [LlmCall]

    [Fact]
    public async Task LlmCall_wrapper_counts_as_one_call_and_is_not_looked_into()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Gateway
            {
                private readonly IChatClient _chat;
                public Gateway(IChatClient chat) => _chat = chat;

                [LlmCall(Provider = "openai", Model = "gpt-4.1-mini")]
                public async Task<string> AskAsync(string question)
                {
                    var first = await _chat.GetResponseAsync(question);
                    var second = await _chat.GetResponseAsync(first.Text);
                    return second.Text;
                }

                [LlmCall]
                public Task<string> SendAsync(string prompt) => Task.FromResult(prompt);
            }

            class Agent
            {
                async Task Run(Gateway gateway)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        await {|#0:gateway.AskAsync("q")|};
                        await {|#1:gateway.SendAsync("p")|};
                    }
                }
            }
            """,
            InLoop(0, "Gateway.AskAsync", "4 times"),
            InLoop(1, "Gateway.SendAsync", "4 times"));
    }

    [Fact]
    public async Task LlmCall_on_a_static_wrapper_is_recognized()
    {
        await Verify.VerifyAsync("""
            namespace MyCompany
            {
                static class Llm
                {
                    [LlmCall(Provider = "internal")]
                    public static Task<string> CompleteAsync(string prompt) => Task.FromResult(prompt);
                }

                class Agent
                {
                    async Task Run(string[] prompts)
                    {
                        foreach (var p in prompts.Take(3))
                        {
                            await {|#0:Llm.CompleteAsync(p)|};
                        }
                    }
                }
            }
            """,
            InLoop(0, "Llm.CompleteAsync", "up to 3 times"));
    }

    [Fact]
    public async Task LlmCall_on_an_interface_method_is_recognized_at_interface_calls()
    {
        await Verify.VerifyAsync("""
            interface IAssistant
            {
                [LlmCall]
                Task<string> AskAsync(string question);
            }

            class Agent
            {
                async Task Run(IAssistant assistant)
                {
                    for (int i = 0; i < 2; i++)
                    {
                        await {|#0:assistant.AskAsync("q")|};
                    }
                }
            }
            """,
            InLoop(0, "IAssistant.AskAsync", "2 times"));
    }

    // ---------------------------------------------------------------- llm-calls*.txt

    private const string GatewaySource = """
        namespace MyCompany
        {
            public class Gateway
            {
                public Task<string> Send(string prompt) => Task.FromResult(prompt);
                public Task<string> Send(string prompt, int retries) => Task.FromResult(prompt);
                public Task<string> Ping() => Task.FromResult("");
            }

            public class DerivedGateway : Gateway { }

            public interface IEmbeddingService { Task EmbedAsync(string text); }

            public sealed class EmbeddingService : IEmbeddingService { public Task EmbedAsync(string text) => Task.CompletedTask; }

            public class Outer { public class Inner { public void Go() { } } }

            public class TypedClient<T> { public Task SendAsync(T request) => Task.CompletedTask; }

            public static class GatewayExtensions { public static Task<string> AskAsync(this Gateway gateway, string q) => Task.FromResult(q); }
        }
        """;

    [Fact]
    public async Task Catalog_file_entries_are_recognized_by_symbol()
    {
        const string file = """
            # Our internal LLM gateway
            MyCompany.Gateway::Send
            MyCompany.IEmbeddingService::EmbedAsync openai   # by interface, with a provider key

            MyCompany.Outer+Inner::Go
            MyCompany.TypedClient`1::SendAsync
            MyCompany.GatewayExtensions::AskAsync
            MyCompany.DoesNotExist::Anything
            """;
        await Verify.VerifyAsync(GatewaySource + """

            namespace MyCompany
            {
                class Agent
                {
                    async Task Run(Gateway gateway, DerivedGateway derived, IEmbeddingService embeddings, EmbeddingService concrete, Outer.Inner inner, TypedClient<int> typed)
                    {
                        for (int i = 0; i < 2; i++)
                        {
                            await {|#0:gateway.Send("a")|};
                            await {|#1:gateway.Send("b", 3)|};
                            await {|#2:derived.Send("c")|};
                            await gateway.Ping();
                            await {|#3:embeddings.EmbedAsync("d")|};
                            await {|#4:concrete.EmbedAsync("e")|};
                            {|#5:inner.Go()|};
                            await {|#6:typed.SendAsync(1)|};
                            await {|#7:gateway.AskAsync("f")|};
                        }
                    }
                }
            }
            """,
            editorConfig: null,
            additionalFiles: new[] { ("/llm-calls.txt", file) },
            InLoop(0, "Gateway.Send", "2 times"),
            InLoop(1, "Gateway.Send", "2 times"),
            InLoop(2, "Gateway.Send", "2 times"),
            InLoop(3, "IEmbeddingService.EmbedAsync", "2 times"),
            InLoop(4, "EmbeddingService.EmbedAsync", "2 times"),
            InLoop(5, "Inner.Go", "2 times"),
            InLoop(6, "TypedClient.SendAsync", "2 times"),
            InLoop(7, "GatewayExtensions.AskAsync", "2 times"));
    }

    [Fact]
    public async Task Catalog_files_are_found_by_name_pattern_and_other_additional_files_are_ignored()
    {
        await Verify.VerifyAsync(GatewaySource + """

            namespace MyCompany
            {
                class Agent
                {
                    async Task Run(Gateway gateway)
                    {
                        for (int i = 0; i < 2; i++)
                        {
                            await {|#0:gateway.Send("a")|};
                            await gateway.Ping();
                        }
                    }
                }
            }
            """,
            editorConfig: null,
            additionalFiles: new[]
            {
                ("/src/LLM-Calls.Gateway.txt", "MyCompany.Gateway::Send\n"),
                ("/src/my-llm-calls.txt", "MyCompany.Gateway::Ping\nthis is not read\n"),
                ("/src/llm-calls.json", "MyCompany.Gateway::Ping\n{ not read }\n"),
                ("/src/notes.txt", "garbage ::: line\n"),
            },
            InLoop(0, "Gateway.Send", "2 times"));
    }

    [Fact]
    public async Task Catalog_file_with_CRLF_line_endings_and_comments_is_read()
    {
        await Verify.VerifyAsync(GatewaySource + """

            namespace MyCompany
            {
                class Agent
                {
                    async Task Run(Gateway gateway)
                    {
                        for (int i = 0; i < 2; i++)
                        {
                            await {|#0:gateway.Send("a")|};
                            await {|#1:gateway.Ping()|};
                        }
                    }
                }
            }
            """,
            editorConfig: null,
            additionalFiles: new[] { ("/llm-calls.txt", "# header\r\nMyCompany.Gateway::Send\r\n\r\n   MyCompany.Gateway::Ping\tcustom-gw   # trailing comment\r\n") },
            InLoop(0, "Gateway.Send", "2 times"),
            InLoop(1, "Gateway.Ping", "2 times"));
    }

    private static DiagnosticResult Malformed(string path, int line, string what)
        => Verify.Diagnostic("LLM008").WithSeverity(DiagnosticSeverity.Warning).WithNoLocation().WithArguments(path, line, what);

    [Fact]
    public async Task Malformed_catalog_line_is_LLM008_naming_file_and_line_and_the_good_lines_still_count()
    {
        const string file = "# entries\nMyCompany.Gateway::Send\nthis line is not an entry\nMyCompany.Gateway::Ping\n";
        await Verify.VerifyAsync(GatewaySource + """

            namespace MyCompany
            {
                class Agent
                {
                    async Task Run(Gateway gateway)
                    {
                        for (int i = 0; i < 2; i++)
                        {
                            await {|#0:gateway.Send("a")|};
                            await {|#1:gateway.Ping()|};
                        }
                    }
                }
            }
            """,
            editorConfig: null,
            additionalFiles: new[] { ("/llm-calls.txt", file) },
            InLoop(0, "Gateway.Send", "2 times"),
            InLoop(1, "Gateway.Ping", "2 times"),
            Malformed("/llm-calls.txt", 3, "expected 'Namespace.Type::Method', found 'this line is not an entry'"));
    }

    [Fact]
    public async Task Every_kind_of_malformed_catalog_line_is_reported_with_its_line_number()
    {
        string longLine = "MyCompany.Gateway::" + new string('x', 1100);
        string file = string.Join("\n",
            "MyCompany.Gateway",                   // 1: no ::
            "MyCompany.Gateway::",                 // 2: no method
            "::Send",                              // 3: no type
            "MyCompany..Gateway::Send",            // 4: empty namespace segment
            "MyCompany.Gateway.::Send",            // 5: trailing period in the type
            "MyCompany.Gateway::Send.",            // 6: trailing period in the method
            "MyCompany.Gateway::Send bad/provider",// 7: bad provider key
            "1Company.Gateway::Send",              // 8: identifier starting with a digit
            "MyCompany.Gateway::Se nd x",          // 9: provider with a space
            "MyCompany.Client`::Send",             // 10: arity without digits
            longLine,                              // 11: too long
            "MyCompany.Gateway::A::B",             // 12: two separators
            "   # only a comment",                 // 13: fine
            "");
        await Verify.VerifyAsync(GatewaySource, editorConfig: null, additionalFiles: new[] { ("/cfg/llm-calls.txt", file) },
            Malformed("/cfg/llm-calls.txt", 1, "expected 'Namespace.Type::Method', found 'MyCompany.Gateway'"),
            Malformed("/cfg/llm-calls.txt", 2, "'' is not a method name"),
            Malformed("/cfg/llm-calls.txt", 3, "'' is not a type name (dotted identifiers, '+' for nested types, `N for generic arity)"),
            Malformed("/cfg/llm-calls.txt", 4, "'MyCompany..Gateway' is not a type name (dotted identifiers, '+' for nested types, `N for generic arity)"),
            Malformed("/cfg/llm-calls.txt", 5, "'MyCompany.Gateway.' is not a type name (dotted identifiers, '+' for nested types, `N for generic arity)"),
            Malformed("/cfg/llm-calls.txt", 6, "'Send.' is not a method name"),
            Malformed("/cfg/llm-calls.txt", 7, "'bad/provider' is not a provider key (letters, digits, '-' or '_')"),
            Malformed("/cfg/llm-calls.txt", 8, "'1Company.Gateway' is not a type name (dotted identifiers, '+' for nested types, `N for generic arity)"),
            Malformed("/cfg/llm-calls.txt", 9, "'nd x' is not a provider key (letters, digits, '-' or '_')"),
            Malformed("/cfg/llm-calls.txt", 10, "'MyCompany.Client`' is not a type name (dotted identifiers, '+' for nested types, `N for generic arity)"),
            Malformed("/cfg/llm-calls.txt", 11, "line is longer than 1024 characters"),
            Malformed("/cfg/llm-calls.txt", 12, "'A::B' is not a method name"));
    }

    [Fact]
    public async Task Malformed_catalog_file_alone_is_reported_even_when_no_SDK_is_used()
    {
        await Verify.VerifyAsync("class Plain { }", editorConfig: null, additionalFiles: new[] { ("/llm-calls.txt", "nonsense\n") },
            Malformed("/llm-calls.txt", 1, "expected 'Namespace.Type::Method', found 'nonsense'"));
    }

    private static readonly string[] HostileContents =
    {
        "",
        "\n\n\n",
        "# only comments\n#\n",
        "\r\r\r",
        "\0\0\0",
        "::",
        ":::::",
        "....::....",
        "`1`2`3::`",
        "A.B::C D E F G",
        "\uFEFFMyCompany.Gateway::Send",
        "Ünïcödé.Tÿpe::Méthod",
        "MyCompany.Gateway::Send\u2028MyCompany.Gateway::Ping",
        "\ud800::\udc00",
        "MyCompany.Gateway::Send\n" + new string('#', 100_000),
        new string(':', 5000),
        string.Concat(Enumerable.Repeat("a.", 600)) + "::b",
    };

    public static TheoryData<int> HostileIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < HostileContents.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileIndexes))]
    public async Task Hostile_catalog_file_contents_never_throw(int index)
    {
        var diagnostics = await BrokenCodeTests.RunAnalyzersAsync(GatewaySource, new[] { ("/llm-calls.txt", HostileContents[index]) });
        Assert.All(diagnostics, d => Assert.True(d.Id is "LLM008" or "LLM001", d.ToString()));
        Assert.All(diagnostics.Where(d => d.Id == "LLM008"), d => Assert.StartsWith("/llm-calls.txt(", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Huge_catalog_file_is_parsed_quickly()
    {
        // 20,000 lines over 20 type names, 2,000 malformed lines and one 200,000-character line.
        var builder = new System.Text.StringBuilder();
        for (int i = 0; i < 22_000; i++)
        {
            builder.Append(i % 11 == 0 ? "bad line" : "MyCompany.Generated" + (i % 20).ToString(System.Globalization.CultureInfo.InvariantCulture) + "::Send" + (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        builder.Append(new string('.', 200_000)).Append('\n');
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var diagnostics = await BrokenCodeTests.RunAnalyzersAsync(GatewaySource, new[] { ("/llm-calls.big.txt", builder.ToString()) });
        watch.Stop();
        Assert.Equal(2_001, diagnostics.Count(d => d.Id == "LLM008"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "took " + watch.Elapsed);
    }
}
