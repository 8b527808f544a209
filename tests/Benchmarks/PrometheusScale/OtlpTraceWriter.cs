using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlmCallAnalyzers.Benchmarks.PrometheusScale;

/// <summary>Writes each invocation as one OTLP JSON Lines line: its task span and one chat span per call.</summary>
internal sealed class OtlpTraceWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly Utf8JsonWriter _json;
    private long _ids;

    public OtlpTraceWriter(string path)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        _json = new Utf8JsonWriter(_file);
    }

    public long Spans { get; private set; }

    /// <summary>Writes one invocation; <paramref name="estimateMax"/> is the estimate the runtime puts on the task span.</summary>
    public void Write(string task, DateTimeOffset start, int calls, bool failed, int estimateMax)
    {
        string trace = (++_ids).ToString("x32", CultureInfo.InvariantCulture);
        string root = (++_ids).ToString("x16", CultureInfo.InvariantCulture);
        _json.Reset(_file);
        _json.WriteStartObject();
        _json.WriteStartArray("resourceSpans");
        _json.WriteStartObject();
        _json.WriteStartObject("resource");
        _json.WriteStartArray("attributes");
        Attribute("service.name", "bench");
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteStartArray("scopeSpans");
        _json.WriteStartObject();
        _json.WriteStartObject("scope");
        _json.WriteString("name", "LlmCallAnalyzers");
        _json.WriteEndObject();
        _json.WriteStartArray("spans");
        Span(trace, root, null, "llm.task " + task, start, calls * 40 + 5, () =>
        {
            Attribute("llm.task.name", task);
            Attribute("llm.task.outcome", failed ? "failure" : "success");
            Attribute("llm.task.calls", calls);
            Attribute("llm.task.estimate.max_calls", estimateMax);
        });
        for (int i = 0; i < calls; i++)
        {
            Span(trace, (++_ids).ToString("x16", CultureInfo.InvariantCulture), root, "chat bench-model", start.AddMilliseconds(i * 40 + 2), 35, () =>
            {
                Attribute("gen_ai.operation.name", "chat");
                Attribute("gen_ai.provider.name", "openai");
                Attribute("gen_ai.request.model", "bench-model");
            });
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _file.WriteByte((byte)'\n');
        Spans += calls + 1;
    }

    public void Dispose()
    {
        _json.Dispose();
        _file.Dispose();
    }

    private void Span(string trace, string id, string? parent, string name, DateTimeOffset start, double durationMs, Action attributes)
    {
        _json.WriteStartObject();
        _json.WriteString("traceId", trace);
        _json.WriteString("spanId", id);
        _json.WriteString("parentSpanId", parent ?? string.Empty);
        _json.WriteString("name", name);
        _json.WriteNumber("kind", 3);
        _json.WriteString("startTimeUnixNano", Nanos(start));
        _json.WriteString("endTimeUnixNano", Nanos(start.AddMilliseconds(durationMs)));
        _json.WriteStartArray("attributes");
        attributes();
        _json.WriteEndArray();
        _json.WriteEndObject();
    }

    private void Attribute(string key, string value)
    {
        _json.WriteStartObject();
        _json.WriteString("key", key);
        _json.WriteStartObject("value");
        _json.WriteString("stringValue", value);
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    private void Attribute(string key, long value)
    {
        _json.WriteStartObject();
        _json.WriteString("key", key);
        _json.WriteStartObject("value");
        _json.WriteString("intValue", value.ToString(CultureInfo.InvariantCulture));
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    private static string Nanos(DateTimeOffset time) => ((time - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(CultureInfo.InvariantCulture);
}
