using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmCallAnalyzers.Cli.Tests.Infrastructure;

/// <summary>Builds OTLP JSON Lines fixtures by hand, the way the collector's file exporter writes them.</summary>
public static class Otlp
{
    public static string NewTraceId() => Guid.NewGuid().ToString("N");

    public static string SpanId(int n) => n.ToString("x16");

    public static JsonObject Attr(string key, object value) => value switch
    {
        string s => new JsonObject { ["key"] = key, ["value"] = new JsonObject { ["stringValue"] = s } },
        int or long => new JsonObject { ["key"] = key, ["value"] = new JsonObject { ["intValue"] = value.ToString() } },
        double d => new JsonObject { ["key"] = key, ["value"] = new JsonObject { ["doubleValue"] = d } },
        bool b => new JsonObject { ["key"] = key, ["value"] = new JsonObject { ["boolValue"] = b } },
        _ => throw new ArgumentException("unsupported attribute type"),
    };

    public static JsonObject Span(string traceId, string spanId, string? parent, string name, params JsonObject[] attributes)
    {
        var array = new JsonArray();
        foreach (var a in attributes) array.Add(a);
        return new JsonObject
        {
            ["traceId"] = traceId,
            ["spanId"] = spanId,
            ["parentSpanId"] = parent ?? string.Empty,
            ["name"] = name,
            ["kind"] = 1,
            ["startTimeUnixNano"] = "1700000000000000000",
            ["endTimeUnixNano"] = "1700000001000000000",
            ["attributes"] = array,
            ["status"] = new JsonObject(),
        };
    }

    public static JsonObject TaskSpan(string traceId, string spanId, string? parent, string task, int? estimateMax = null, double? slo = null, string outcome = "success", int? calls = null)
    {
        var attributes = new List<JsonObject> { Attr("llm.task.name", task), Attr("llm.task.outcome", outcome) };
        if (estimateMax is int max) attributes.Add(Attr("llm.task.estimate.max_calls", max));
        if (slo is double s) attributes.Add(Attr("llm.task.slo.availability", s));
        if (calls is int c) attributes.Add(Attr("llm.task.calls", c));
        return Span(traceId, spanId, parent, "llm.task " + task, attributes.ToArray());
    }

    public static JsonObject ChatSpan(string traceId, string spanId, string parent, string provider = "openai", string model = "gpt-4o", bool failed = false, string operation = "chat")
    {
        var attributes = new List<JsonObject> { Attr("gen_ai.operation.name", operation), Attr("gen_ai.provider.name", provider), Attr("gen_ai.request.model", model) };
        if (failed) attributes.Add(Attr("error.type", "System.Net.Http.HttpRequestException"));
        return Span(traceId, spanId, parent, operation + " " + model, attributes.ToArray());
    }

    /// <summary>Sets the span's start and end (<c>startTimeUnixNano</c>, <c>endTimeUnixNano</c>).</summary>
    public static JsonObject Timed(this JsonObject span, DateTimeOffset start, double durationMs)
    {
        span["startTimeUnixNano"] = UnixNano(start);
        span["endTimeUnixNano"] = UnixNano(start.AddMilliseconds(durationMs));
        return span;
    }

    public static string UnixNano(DateTimeOffset time) => ((time - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One line: an ExportTraceServiceRequest holding <paramref name="spans"/>.</summary>
    public static string Line(params JsonObject[] spans)
    {
        var array = new JsonArray();
        foreach (var s in spans) array.Add(s);
        var line = new JsonObject
        {
            ["resourceSpans"] = new JsonArray
            {
                new JsonObject
                {
                    ["resource"] = new JsonObject { ["attributes"] = new JsonArray { Attr("service.name", "shop") } },
                    ["scopeSpans"] = new JsonArray
                    {
                        new JsonObject { ["scope"] = new JsonObject { ["name"] = "LlmCallAnalyzers" }, ["spans"] = array },
                    },
                },
            },
        };
        return line.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    public static string WriteFile(string directory, string name, IEnumerable<string> lines)
    {
        string path = Path.Combine(directory, name);
        string text = string.Join("\n", lines) + "\n";
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var file = File.Create(path);
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        else
        {
            File.WriteAllText(path, text);
        }

        return path;
    }

    /// <summary>Hex span/trace id as base64 (the generic protobuf JSON mapping of bytes).</summary>
    public static string ToBase64(string hex) => Convert.ToBase64String(Convert.FromHexString(hex));
}
