using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using OpenTelemetry;
using OpenTelemetry.Resources;

namespace ResearchAgent;

/// <summary>
/// An OpenTelemetry trace exporter that writes OTLP JSON Lines — the OpenTelemetry Collector file exporter's format:
/// one <c>ExportTraceServiceRequest</c> per line, ids in hex, times in nanoseconds as strings (the OTLP/JSON mapping) —
/// so that <c>llmslo confirm</c> can read a run of the sample without a collector.
/// </summary>
public sealed class OtlpJsonLinesExporter : BaseExporter<Activity>
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;

    /// <summary>Creates (or truncates) <paramref name="path"/>.</summary>
    public OtlpJsonLinesExporter(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _writer = new Utf8JsonWriter(_stream, new JsonWriterOptions { Indented = false, SkipValidation = false });
    }

    /// <inheritdoc />
    public override ExportResult Export(in Batch<Activity> batch)
    {
        var activities = new List<Activity>();
        foreach (var activity in batch)
        {
            activities.Add(activity);
        }

        if (activities.Count == 0)
        {
            return ExportResult.Success;
        }

        var resource = ParentProvider?.GetResource() ?? Resource.Empty;
        _writer.Reset(_stream);
        _writer.WriteStartObject();
        _writer.WriteStartArray("resourceSpans");
        _writer.WriteStartObject();
        _writer.WriteStartObject("resource");
        WriteAttributes(resource.Attributes.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)));
        _writer.WriteEndObject();
        _writer.WriteStartArray("scopeSpans");
        foreach (var scope in activities.GroupBy(a => (a.Source.Name, a.Source.Version)))
        {
            _writer.WriteStartObject();
            _writer.WriteStartObject("scope");
            _writer.WriteString("name", scope.Key.Name);
            if (!string.IsNullOrEmpty(scope.Key.Version)) _writer.WriteString("version", scope.Key.Version);
            _writer.WriteEndObject();
            _writer.WriteStartArray("spans");
            foreach (var activity in scope)
            {
                WriteSpan(activity);
            }

            _writer.WriteEndArray();
            _writer.WriteEndObject();
        }

        _writer.WriteEndArray();
        _writer.WriteEndObject();
        _writer.WriteEndArray();
        _writer.WriteEndObject();
        _writer.Flush();
        _stream.WriteByte((byte)'\n');
        _stream.Flush();
        return ExportResult.Success;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writer.Dispose();
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }

    private void WriteSpan(Activity activity)
    {
        _writer.WriteStartObject();
        _writer.WriteString("traceId", activity.TraceId.ToHexString());
        _writer.WriteString("spanId", activity.SpanId.ToHexString());
        _writer.WriteString("parentSpanId", activity.ParentSpanId == default ? string.Empty : activity.ParentSpanId.ToHexString());
        _writer.WriteString("name", activity.DisplayName);
        _writer.WriteNumber("kind", activity.Kind switch
        {
            ActivityKind.Server => 2,
            ActivityKind.Client => 3,
            ActivityKind.Producer => 4,
            ActivityKind.Consumer => 5,
            _ => 1,
        });
        long start = (activity.StartTimeUtc - DateTime.UnixEpoch).Ticks * 100;
        _writer.WriteString("startTimeUnixNano", start.ToString(CultureInfo.InvariantCulture));
        _writer.WriteString("endTimeUnixNano", (start + (activity.Duration.Ticks * 100)).ToString(CultureInfo.InvariantCulture));
        WriteAttributes(activity.TagObjects);
        _writer.WriteStartObject("status");
        if (activity.Status != ActivityStatusCode.Unset)
        {
            _writer.WriteNumber("code", activity.Status == ActivityStatusCode.Error ? 2 : 1);
            if (!string.IsNullOrEmpty(activity.StatusDescription)) _writer.WriteString("message", activity.StatusDescription);
        }

        _writer.WriteEndObject();
        _writer.WriteEndObject();
    }

    private void WriteAttributes(IEnumerable<KeyValuePair<string, object?>> attributes)
    {
        _writer.WriteStartArray("attributes");
        foreach (var pair in attributes)
        {
            if (pair.Value is null)
            {
                continue;
            }

            _writer.WriteStartObject();
            _writer.WriteString("key", pair.Key);
            _writer.WriteStartObject("value");
            switch (pair.Value)
            {
                case bool b:
                    _writer.WriteBoolean("boolValue", b);
                    break;
                case int or long or short or byte or uint:
                    _writer.WriteString("intValue", Convert.ToInt64(pair.Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                    break;
                case double or float:
                    _writer.WriteNumber("doubleValue", Convert.ToDouble(pair.Value, CultureInfo.InvariantCulture));
                    break;
                default:
                    _writer.WriteString("stringValue", Convert.ToString(pair.Value, CultureInfo.InvariantCulture));
                    break;
            }

            _writer.WriteEndObject();
            _writer.WriteEndObject();
        }

        _writer.WriteEndArray();
    }
}
