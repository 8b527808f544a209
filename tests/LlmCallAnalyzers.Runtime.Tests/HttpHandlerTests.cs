using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.AI;

namespace LlmCallAnalyzers.Runtime.Tests;

public sealed class HttpHandlerTests
{
    [Theory]
    [InlineData("https://api.openai.com/v1/chat/completions", "chat", "openai", null)]
    [InlineData("https://api.openai.com/v1/responses", "chat", "openai", null)]
    [InlineData("https://contoso.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21", "chat", "azure.ai.openai", "gpt4o-prod")]
    [InlineData("https://api.anthropic.com/v1/messages", "chat", "anthropic", null)]
    [InlineData("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent", "generate_content", "gcp.gemini", "gemini-2.0-flash")]
    [InlineData("http://localhost:11434/api/chat", "chat", "ollama", null)]
    [InlineData("http://localhost:8000/v1/completions", "text_completion", null, null)]
    [InlineData("https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku/converse", "chat", "aws.bedrock", "anthropic.claude-3-haiku")]
    public void Classifies_ModelCallEndpoints(string uri, string operation, string? provider, string? model)
    {
        Assert.True(LlmEndpoints.TryClassify(new Uri(uri), out LlmEndpoint endpoint));
        Assert.Equal(operation, endpoint.Operation);
        Assert.Equal(provider, endpoint.Provider);
        Assert.Equal(model, endpoint.Model);
    }

    [Theory]
    [InlineData("https://api.openai.com/v1/models")]
    [InlineData("https://api.openai.com/v1/files/file-1")]
    [InlineData("https://api.anthropic.com/v1/models")]
    public void DoesNotClassify_OtherEndpoints(string uri) => Assert.False(LlmEndpoints.TryClassify(new Uri(uri), out _));

    [Fact]
    public async Task CountsLlmRequests_OnlyPosts_AndReturnsTheResponseUnchanged()
    {
        using var activities = new ActivityCollector();
        var transport = new StubTransport();
        using var http = new HttpClient(new LlmTaskTelemetryHandler(transport));
        LlmTaskScope? scope = null;
        HttpResponseMessage? first = null;
        await LlmTask.RunAsync("Http.OpenAi.Run", async () =>
        {
            scope = LlmTask.Current;
            first = await http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("{}", Encoding.UTF8, "application/json"));
            await http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("{}"));
            await http.GetAsync("https://api.openai.com/v1/chat/completions");
            await http.GetAsync("https://api.openai.com/v1/models");
        });

        Assert.Same(transport.Responses[0], first);
        Assert.Equal(2, scope!.CallCount);
        Activity task = activities.Tasks("Http.OpenAi.").Single();
        List<Activity> calls = activities.GenAi().Where(a => a.Parent == task).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal("openai", c.GetTagItem("gen_ai.provider.name")));
        Assert.All(calls, c => Assert.Equal("api.openai.com", c.GetTagItem("server.address")));
    }

    [Fact]
    public async Task HttpErrorStatus_IsAFailedCall_WithTheStatusAsErrorType()
    {
        using var activities = new ActivityCollector();
        var transport = new StubTransport { Status = HttpStatusCode.TooManyRequests };
        using var http = new HttpClient(new LlmTaskTelemetryHandler(transport));
        LlmTaskScope? scope = null;
        await LlmTask.RunAsync("Http.Throttled.Run", async () =>
        {
            scope = LlmTask.Current;
            HttpResponseMessage response = await http.PostAsync("https://api.anthropic.com/v1/messages", new StringContent("{}"));
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        });

        Assert.Equal(1, scope!.FailedCallCount);
        Activity call = activities.GenAi().Single(a => a.GetTagItem(LlmTelemetry.TaskNameAttribute) as string == "Http.Throttled.Run");
        Assert.Equal("429", call.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, call.Status);
    }

    [Fact]
    public async Task TransportException_IsAFailedCall_AndIsRethrownUnchanged()
    {
        var thrown = new HttpRequestException("connection reset");
        var transport = new StubTransport { Throw = thrown };
        using var http = new HttpClient(new LlmTaskTelemetryHandler(transport));
        LlmTaskScope? scope = null;
        var caught = await Assert.ThrowsAsync<HttpRequestException>(() => LlmTask.RunAsync("Http.Reset.Run", async () =>
        {
            scope = LlmTask.Current;
            await http.PostAsync("https://api.openai.com/v1/responses", new StringContent("{}"));
        }));
        Assert.Same(thrown, caught);
        Assert.Equal(1, scope!.FailedCallCount);
    }

    [Fact]
    public async Task RequestFilter_ReplacesTheDefaultClassification()
    {
        var transport = new StubTransport();
        using var http = new HttpClient(new LlmTaskTelemetryHandler(transport) { RequestFilter = r => r.RequestUri!.AbsolutePath.StartsWith("/gateway/", StringComparison.Ordinal) });
        LlmTaskScope? scope = null;
        await LlmTask.RunAsync("Http.Gateway.Run", async () =>
        {
            scope = LlmTask.Current;
            await http.PostAsync("https://gateway.internal.test/gateway/llm", new StringContent("{}"));
            await http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("{}"));
        });
        Assert.Equal(1, scope!.CallCount);
    }

    [Fact]
    public async Task ThrowingRequestFilter_NeverBreaksTheRequest()
    {
        var transport = new StubTransport();
        using var http = new HttpClient(new LlmTaskTelemetryHandler(transport) { RequestFilter = _ => throw new InvalidOperationException("filter bug") });
        LlmTaskScope? scope = null;
        await LlmTask.RunAsync("Http.BadFilter.Run", async () =>
        {
            scope = LlmTask.Current;
            HttpResponseMessage response = await http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("{}"));
            Assert.Same(transport.Responses[0], response);
        });
        Assert.Equal(0, scope!.CallCount);
    }

    [Fact]
    public async Task UnderTheChatClientMiddleware_TheTransportDoesNotCountAgain()
    {
        var transport = new StubTransport();
        using var http = new HttpClient(new LlmTaskTelemetryHandler(transport));
        using var provider = new HttpBackedProvider(http);
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        LlmTaskScope? scope = null;
        await LlmTask.RunAsync("Http.Layered.Run", async () =>
        {
            scope = LlmTask.Current;
            await client.GetResponseAsync("a");
            await client.GetResponseAsync("b");

            // Without the middleware, the handler counts.
            await provider.GetResponseAsync("c");
        });
        Assert.Equal(3, scope!.CallCount);
        Assert.Equal(3, transport.Responses.Count);
    }

    [Fact]
    public async Task SynchronousSend_IsCounted()
    {
        var transport = new StubTransport();
        using var http = new HttpClient(new LlmTaskTelemetryHandler(transport));
        LlmTaskScope? scope = null;
        await LlmTask.RunAsync("Http.Sync.Run", () =>
        {
            scope = LlmTask.Current;
            using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions") { Content = new StringContent("{}") };
            http.Send(request);
            http.Send(new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions") { Content = new StringContent("{}") });
            return Task.CompletedTask;
        });
        Assert.Equal(2, scope!.CallCount);
    }

    /// <summary>A fake server at the transport level: answers every request with a canned response.</summary>
    private sealed class StubTransport : HttpMessageHandler
    {
        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        public Exception? Throw { get; set; }

        public List<HttpResponseMessage> Responses { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(Send(request, cancellationToken));

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Throw is not null)
            {
                throw Throw;
            }

            var response = new HttpResponseMessage(Status) { Content = new StringContent("{\"ok\":true}"), RequestMessage = request };
            lock (Responses)
            {
                Responses.Add(response);
            }

            return response;
        }
    }

    /// <summary>A provider client that talks HTTP to an OpenAI-style endpoint through the given HttpClient.</summary>
    private sealed class HttpBackedProvider(HttpClient http) : IChatClient
    {
        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            using HttpResponseMessage response = await http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent("{}"), cancellationToken);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, await response.Content.ReadAsStringAsync(cancellationToken)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
