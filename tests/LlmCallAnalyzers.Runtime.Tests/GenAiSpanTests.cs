using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace LlmCallAnalyzers.Runtime.Tests;

public sealed class GenAiSpanTests
{
    private const string MeaiSource = "Experimental.Microsoft.Extensions.AI";

    [Fact]
    public async Task CallSpan_FollowsGenAiConventions()
    {
        using var activities = new ActivityCollector();
        using var provider = new FakeProviderChatClient(provider: "openai", model: "gpt-4o-mini");
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        await LlmTask.RunAsync("GenAi.Conventions.Run", async () =>
        {
            await client.GetResponseAsync("hi");
            await client.GetResponseAsync("hi", new ChatOptions { ModelId = "gpt-4.1" });
        });

        Activity task = activities.Tasks("GenAi.Conventions.").Single();
        List<Activity> calls = activities.GenAi().Where(a => a.Parent == task).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c =>
        {
            Assert.Equal(ActivityKind.Client, c.Kind);
            Assert.Equal("chat", c.OperationName);
            Assert.Equal("openai", c.GetTagItem("gen_ai.provider.name"));
            Assert.Equal("llm.example.test", c.GetTagItem("server.address"));
            Assert.Equal(8443, c.GetTagItem("server.port"));
            Assert.Equal(10L, c.GetTagItem("gen_ai.usage.input_tokens"));
        });
        Assert.Equal("chat gpt-4o-mini", calls[0].DisplayName);
        Assert.Equal("gpt-4o-mini", calls[0].GetTagItem("gen_ai.request.model"));
        Assert.Equal("gpt-4.1", calls[1].GetTagItem("gen_ai.request.model"));
    }

    [Fact]
    public async Task FailedCall_HasErrorTypeAndErrorStatus_AndTheExceptionIsUnchanged()
    {
        using var activities = new ActivityCollector();
        var thrown = new HttpRequestException("429");
        using var provider = new FakeProviderChatClient(failureProbability: 1) { FailureFactory = () => thrown };
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        var caught = await Assert.ThrowsAsync<HttpRequestException>(() => LlmTask.RunAsync("GenAi.Failed.Run", () => client.GetResponseAsync("x")));
        Assert.Same(thrown, caught);
        Activity call = activities.GenAi().Single(a => a.GetTagItem(LlmTelemetry.TaskNameAttribute) as string == "GenAi.Failed.Run");
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Equal("System.Net.Http.HttpRequestException", call.GetTagItem("error.type"));
    }

    [Fact]
    public async Task NoContentIsRecordedByDefault_AndContentIsRecordedWhenOptedIn()
    {
        using var activities = new ActivityCollector();
        using var provider = new FakeProviderChatClient();
        using IChatClient quiet = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        using IChatClient verbose = provider.AsBuilder().UseLlmTaskTelemetry(o => o.RecordContent = true).Build();
        await LlmTask.RunAsync("GenAi.Privacy.Quiet", () => quiet.GetResponseAsync("my secret prompt"));
        await LlmTask.RunAsync("GenAi.Privacy.Verbose", () => verbose.GetResponseAsync("my secret prompt"));

        foreach (Activity a in activities.Stopped)
        {
            if (a.GetTagItem(LlmTelemetry.TaskNameAttribute) as string == "GenAi.Privacy.Quiet")
            {
                Assert.DoesNotContain(a.TagObjects, t => t.Value is string s && (s.Contains("secret") || s.Contains("answer")));
            }
        }

        Activity call = activities.GenAi().Single(a => a.GetTagItem(LlmTelemetry.TaskNameAttribute) as string == "GenAi.Privacy.Verbose");
        Assert.Equal("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"my secret prompt\"}]}]", call.GetTagItem("gen_ai.input.messages"));
        Assert.Contains("answer", (string)call.GetTagItem("gen_ai.output.messages")!);
    }

    [Fact]
    public async Task UseOpenTelemetryInside_ProducesTheOnlyGenAiSpan_AndCallsCountOnce()
    {
        using var activities = new ActivityCollector(LlmTelemetry.SourceName, MeaiSource);
        using var provider = new FakeProviderChatClient();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().UseOpenTelemetry().Build();
        LlmTaskScope? scope = null;
        await LlmTask.RunAsync("GenAi.OtelInside.Run", async () =>
        {
            scope = LlmTask.Current;
            await client.GetResponseAsync("a");
            await client.GetResponseAsync("b");
        });

        Assert.Equal(2, scope!.CallCount);
        Activity task = activities.Tasks("GenAi.OtelInside.").Single();
        List<Activity> calls = activities.GenAi().Where(a => a.Parent == task).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal(MeaiSource, c.Source.Name));
    }

    [Fact]
    public async Task UseOpenTelemetryOutside_ProducesTheOnlyGenAiSpan_AndCallsCountOnce()
    {
        using var activities = new ActivityCollector(LlmTelemetry.SourceName, MeaiSource);
        using var provider = new FakeProviderChatClient();
        using IChatClient client = provider.AsBuilder().UseOpenTelemetry().UseLlmTaskTelemetry().Build();
        LlmTaskScope? scope = null;
        await LlmTask.RunAsync("GenAi.OtelOutside.Run", async () =>
        {
            scope = LlmTask.Current;
            await client.GetResponseAsync("a");
            await client.GetResponseAsync("b");
        });

        Assert.Equal(2, scope!.CallCount);
        Activity task = activities.Tasks("GenAi.OtelOutside.").Single();
        List<Activity> calls = activities.GenAi().Where(a => a.Parent == task).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal(MeaiSource, c.Source.Name));
        Assert.DoesNotContain(activities.GenAi(), a => a.Parent is not null && a.Parent.Source.Name == MeaiSource);
    }

    [Fact]
    public async Task UseOpenTelemetryWithoutItsListener_OurSpanIsMade()
    {
        using var activities = new ActivityCollector(LlmTelemetry.SourceName);
        using var provider = new FakeProviderChatClient();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().UseOpenTelemetry().Build();
        await LlmTask.RunAsync("GenAi.OtelUnheard.Run", () => client.GetResponseAsync("a"));
        Activity task = activities.Tasks("GenAi.OtelUnheard.").Single();
        Activity call = Assert.Single(activities.GenAi(), a => a.Parent == task);
        Assert.Equal(LlmTelemetry.SourceName, call.Source.Name);
    }

    [Fact]
    public async Task GenAiSpansNever_OnlyCounts_AndAlways_Duplicates()
    {
        using var activities = new ActivityCollector(LlmTelemetry.SourceName, MeaiSource);
        using var provider = new FakeProviderChatClient();
        using IChatClient never = provider.AsBuilder().UseLlmTaskTelemetry(o => o.GenAiSpans = GenAiSpanMode.Never).Build();
        using IChatClient always = provider.AsBuilder().UseLlmTaskTelemetry(o => o.GenAiSpans = GenAiSpanMode.Always).UseOpenTelemetry().Build();
        LlmTaskScope? scope = null;
        await LlmTask.RunAsync("GenAi.Modes.Never", async () =>
        {
            scope = LlmTask.Current;
            await never.GetResponseAsync("a");
        });
        Assert.Equal(1, scope!.CallCount);
        Assert.DoesNotContain(activities.GenAi(), a => a.Parent == activities.Tasks("GenAi.Modes.Never").Single());

        await LlmTask.RunAsync("GenAi.Modes.Always", () => always.GetResponseAsync("a"));
        Activity task = activities.Tasks("GenAi.Modes.Always").Single();
        Activity ours = Assert.Single(activities.GenAi(), a => a.Parent == task);
        Assert.Equal(LlmTelemetry.SourceName, ours.Source.Name);
        Assert.Single(activities.GenAi(), a => a.Parent == ours && a.Source.Name == MeaiSource);
    }

    [Fact]
    public async Task MiddlewareTwice_CountsOnce()
    {
        using var activities = new ActivityCollector();
        using var provider = new FakeProviderChatClient();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().UseLlmTaskTelemetry().Build();
        LlmTaskScope? scope = null;
        await LlmTask.RunAsync("GenAi.Twice.Run", async () =>
        {
            scope = LlmTask.Current;
            await client.GetResponseAsync("a");
            await foreach (var _ in client.GetStreamingResponseAsync("b"))
            {
            }
        });
        Assert.Equal(2, scope!.CallCount);
        Assert.Equal(2, activities.GenAi().Count(a => a.GetTagItem(LlmTelemetry.TaskNameAttribute) as string == "GenAi.Twice.Run"));
    }

    [Fact]
    public void AMiddlewareWithAnotherBelowIt_PassesItsCallsThrough()
    {
        using var provider = new FakeProviderChatClient();
        using var otherProvider = new FakeProviderChatClient();
        var inner = new LlmTaskTelemetryChatClient(provider);
        var outer = new LlmTaskTelemetryChatClient(inner);
        var outerThroughFunctionInvocation = new LlmTaskTelemetryChatClient(new FunctionInvokingChatClient(inner));
        var separate = new LlmTaskTelemetryChatClient(otherProvider);

        Assert.True(outer.HasCountingLayerBelow);
        Assert.True(outerThroughFunctionInvocation.HasCountingLayerBelow);
        Assert.False(inner.HasCountingLayerBelow);
        Assert.False(separate.HasCountingLayerBelow); // two pipelines side by side: each counts its own calls
    }

    [Fact]
    public async Task MiddlewareOutsideAndInsideFunctionInvocation_CountsEveryModelRoundOnce()
    {
        // The outer middleware passes through; the inner one sees both model rounds of the request.
        using var activities = new ActivityCollector();
        using var provider = new ToolCallingProvider();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().UseFunctionInvocation().UseLlmTaskTelemetry().Build();
        LlmTaskScope scope = await AskForTheWeatherInATask(client, "GenAi.Sandwich.Run");
        Assert.Equal(2, scope.CallCount);
        Assert.Equal(2, activities.GenAi().Count(a => a.GetTagItem(LlmTelemetry.TaskNameAttribute) as string == "GenAi.Sandwich.Run"));
    }

    [Fact]
    public async Task FunctionInvocationOutside_CountsEveryModelRound()
    {
        // The model asks for a tool on the first round and answers on the second: two model calls per request.
        using var provider = new ToolCallingProvider();
        using IChatClient client = provider.AsBuilder().UseFunctionInvocation().UseLlmTaskTelemetry().Build();
        LlmTaskScope scope = await AskForTheWeatherInATask(client, "GenAi.Tools.Run");
        Assert.Equal(2, scope.CallCount);
    }

    /// <summary>One request offering a weather tool, made inside a task named <paramref name="taskName"/>; returns the task.</summary>
    private static async Task<LlmTaskScope> AskForTheWeatherInATask(IChatClient client, string taskName)
    {
        var tool = AIFunctionFactory.Create(() => "sunny", "get_weather");
        LlmTaskScope? scope = null;
        await LlmTask.RunAsync(taskName, async () =>
        {
            scope = LlmTask.Current;
            await client.GetResponseAsync("weather?", new ChatOptions { Tools = [tool] });
        });
        return scope!;
    }

    private sealed class ToolCallingProvider : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            bool toolAnswered = messages.Any(m => m.Contents.OfType<FunctionResultContent>().Any());
            ChatMessage message = toolAnswered
                ? new ChatMessage(ChatRole.Assistant, "It is sunny.")
                : new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call1", "get_weather")]);
            return Task.FromResult(new ChatResponse(message));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
