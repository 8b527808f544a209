using System.Diagnostics;
using System.Text.Json;
using LlmCallAnalyzers.Cli.Telemetry;
using LlmCallAnalyzers.Runtime;
using Microsoft.Extensions.AI;

[assembly: LlmCallAnalyzers.LlmTaskEstimate("LlmCallAnalyzers.Cli.Tests.TelemetryRoundTripTests.ResearchAsync", 2, 4, 0.996, 0.99, DeclaredFanOut = 3)]

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary>
/// What LlmCallAnalyzers.Runtime writes is what <c>llmslo confirm</c> reads: real runtime spans, exported as OTLP JSON
/// Lines attribute by attribute (no name spelled here), read back by <see cref="OtlpJsonLinesReader"/>.
/// </summary>
public sealed class TelemetryRoundTripTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmslo-roundtrip-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [TaskSlo(0.99)]
    [FanOut(3)]
    private static async Task ResearchAsync(IChatClient client)
    {
        await client.GetResponseAsync("plan");
        try
        {
            await client.GetResponseAsync("fail");
        }
        catch (HttpRequestException)
        {
            // A failed call the task survives: counted as a call and as a failed call.
        }

        await client.GetResponseAsync("answer", new ChatOptions { ModelId = "gpt-4.1" });
    }

    [Fact]
    public async Task Task_and_model_call_spans_of_the_runtime_read_back_with_every_figure()
    {
        var spans = await RecordAsync(async client =>
        {
            await LlmTask.RunAsync(typeof(TelemetryRoundTripTests).FullName + "." + nameof(ResearchAsync), () => ResearchAsync(client));
            await Assert.ThrowsAsync<HttpRequestException>(() => LlmTask.RunAsync("Shop.Agent.Broken", () => client.GetResponseAsync("fail")));
        });

        var records = OtlpJsonLinesReader.Read(spans).ToList();

        var research = Assert.Single(records, r => r.Kind == SpanKind.Task && r.TaskName!.EndsWith("." + nameof(ResearchAsync), StringComparison.Ordinal));
        Assert.Equal(TaskOutcome.Success, research.Outcome);
        Assert.Equal(3, research.ReportedCalls);
        Assert.Equal(1, research.ReportedFailedCalls);
        Assert.Equal(2, research.EstimateMinCalls);
        Assert.Equal(4, research.EstimateMaxCalls);
        Assert.Equal(3, research.FanOutMax);
        Assert.Equal(0.99, research.Slo);

        var calls = records.Where(r => r.Kind == SpanKind.ModelCall && r.ParentSpanId == research.SpanId).ToList();
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Equal("openai", c.Provider));
        Assert.Equal(new[] { "gpt-4.1", "gpt-4o-mini", "gpt-4o-mini" }, calls.Select(c => c.Model).OrderBy(m => m, StringComparer.Ordinal));
        Assert.Equal(1, calls.Count(c => c.Failed));
        Assert.All(calls, c => Assert.True(c.EndUnixNano >= c.StartUnixNano && c.StartUnixNano > 0));

        var broken = Assert.Single(records, r => r.Kind == SpanKind.Task && r.TaskName == "Shop.Agent.Broken");
        Assert.Equal(TaskOutcome.Failure, broken.Outcome);
        Assert.Equal(1, broken.ReportedCalls);
    }

    private async Task<string> RecordAsync(Func<IChatClient, Task> run)
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LlmTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (stopped) stopped.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        using var provider = new OpenAiLikeChatClient();
        using IChatClient client = provider.AsBuilder().UseLlmTaskTelemetry().Build();
        await run(client);

        string path = Path.Combine(_dir, "traces.jsonl");
        lock (stopped)
        {
            File.WriteAllLines(path, stopped.Select(OtlpLine));
        }

        return path;
    }

    /// <summary>One <c>ExportTraceServiceRequest</c> line holding <paramref name="activity"/> with all its tags, typed as OTLP types them.</summary>
    private static string OtlpLine(Activity activity)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceSpans");
            json.WriteStartObject();
            json.WriteStartArray("scopeSpans");
            json.WriteStartObject();
            json.WriteStartObject("scope");
            json.WriteString("name", activity.Source.Name);
            json.WriteEndObject();
            json.WriteStartArray("spans");
            json.WriteStartObject();
            json.WriteString("traceId", activity.TraceId.ToHexString());
            json.WriteString("spanId", activity.SpanId.ToHexString());
            json.WriteString("parentSpanId", activity.ParentSpanId == default ? string.Empty : activity.ParentSpanId.ToHexString());
            json.WriteString("name", activity.DisplayName);
            long start = (activity.StartTimeUtc - DateTime.UnixEpoch).Ticks * 100;
            json.WriteString("startTimeUnixNano", start.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("endTimeUnixNano", (start + (activity.Duration.Ticks * 100)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartArray("attributes");
            foreach (var (key, value) in activity.TagObjects)
            {
                json.WriteStartObject();
                json.WriteString("key", key);
                json.WriteStartObject("value");
                switch (value)
                {
                    case bool b: json.WriteBoolean("boolValue", b); break;
                    case int or long: json.WriteString("intValue", Convert.ToInt64(value).ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
                    case double d: json.WriteNumber("doubleValue", d); break;
                    default: json.WriteString("stringValue", value?.ToString()); break;
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("status");
            if (activity.Status == ActivityStatusCode.Error) json.WriteNumber("code", 2);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>An OpenAI-like provider behind the real <see cref="IChatClient"/> interface: fails every prompt "fail".</summary>
    private sealed class OpenAiLikeChatClient : IChatClient
    {
        private readonly ChatClientMetadata _metadata = new("openai", new Uri("https://api.openai.com/v1"), "gpt-4o-mini");

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (messages.Last().Text == "fail")
            {
                throw new HttpRequestException("503 Service Unavailable");
            }

            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { ModelId = options?.ModelId ?? "gpt-4o-mini" });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(ChatClientMetadata) ? _metadata : null;

        public void Dispose()
        {
        }
    }
}
