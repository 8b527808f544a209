using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text.Json;
using System.Threading;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>
/// Streams OTLP JSON Lines trace files — the format of the OpenTelemetry Collector's file exporter and of
/// <c>otlpjsonfile</c>: one <c>ExportTraceServiceRequest</c> JSON object (<c>{"resourceSpans":[…]}</c>) per line —
/// plain or gzip-compressed (<c>.gz</c>, or detected by its magic bytes). Lines are read one at a time into a reused
/// buffer and parsed, then dropped; only the few fields <see cref="SpanRecord"/> holds survive a line, so memory stays
/// flat however large the file. Lines with metrics or logs (<c>resourceMetrics</c>, <c>resourceLogs</c>) are skipped.
/// </summary>
/// <remarks>
/// A malformed line stops the read with a <see cref="CliException"/> naming the file, the line and what is wrong
/// (<c>traces.jsonl:17: resourceSpans[0].scopeSpans[0].spans[3]: spanId "xyz" is neither 16 hex digits nor base64 of 8
/// bytes</c>).
/// </remarks>
public static class OtlpJsonLinesReader
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 128, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Reads every span of <paramref name="path"/> (lazily).</summary>
    public static IEnumerable<SpanRecord> Read(string path, TelemetryReadStats? stats = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new CliException(Directory.Exists(path) ? $"{path}: a folder, not a telemetry file" : $"{path}: no such telemetry file");
        }

        return ReadCore(path, stats ?? new TelemetryReadStats(), cancellationToken);
    }

    private static IEnumerable<SpanRecord> ReadCore(string path, TelemetryReadStats stats, CancellationToken cancellationToken)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        using var stream = IsGzip(file, path) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var lines = new LineReader(stream);
        stats.Files++;
        var spans = new List<SpanRecord>();
        while (true)
        {
            ReadOnlyMemory<byte> line;
            try
            {
                if (!lines.TryReadLine(out line))
                {
                    break;
                }
            }
            catch (LineTooLongException ex)
            {
                throw Malformed(path, ex.Line, $"line longer than {LineReader.DefaultMaxLineBytes / (1024 * 1024)} MiB");
            }
            catch (InvalidDataException ex)
            {
                throw Malformed(path, lines.LineNumber + 1, "not a valid gzip stream (" + ex.Message + ")");
            }

            cancellationToken.ThrowIfCancellationRequested();
            stats.Bytes += line.Length + 1;
            if (lines.LineNumber == 1)
            {
                line = SkipBom(line);
            }

            if (IsBlank(line.Span))
            {
                continue;
            }

            stats.Lines++;
            spans.Clear();
            ParseLine(path, lines.LineNumber, line, spans);
            stats.Spans += spans.Count;
            foreach (var span in spans)
            {
                yield return span;
            }
        }
    }

    /// <summary>Parses one line into <paramref name="spans"/>.</summary>
    internal static void ParseLine(string path, long lineNumber, ReadOnlyMemory<byte> line, List<SpanRecord> spans)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, s_options);
        }
        catch (JsonException ex)
        {
            string where = ex.BytePositionInLine is long position ? $" at byte {position + 1}" : string.Empty;
            throw Malformed(path, lineNumber, $"not valid JSON{where}: {FirstSentence(ex.Message)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(path, lineNumber, $"expected a JSON object with resourceSpans, found {Describe(root.ValueKind)}");
            }

            bool any = false;
            bool otherSignal = false;
            foreach (var property in root.EnumerateObject())
            {
                any = true;
                if (property.NameEquals("resourceSpans"))
                {
                    ReadResourceSpans(path, lineNumber, property.Value, spans);
                    return;
                }

                if (property.NameEquals("resourceMetrics") || property.NameEquals("resourceLogs") || property.NameEquals("resourceProfiles"))
                {
                    otherSignal = true;
                }
            }

            if (any && !otherSignal)
            {
                throw Malformed(path, lineNumber, "no resourceSpans: not an OTLP JSON trace export (one ExportTraceServiceRequest per line)");
            }
        }
    }

    private static void ReadResourceSpans(string path, long lineNumber, JsonElement resourceSpans, List<SpanRecord> spans)
    {
        if (resourceSpans.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(path, lineNumber, $"resourceSpans must be an array, found {Describe(resourceSpans.ValueKind)}");
        }

        int r = 0;
        foreach (var resource in resourceSpans.EnumerateArray())
        {
            string at = $"resourceSpans[{r}]";
            if (resource.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(path, lineNumber, $"{at} must be an object, found {Describe(resource.ValueKind)}");
            }

            JsonElement scopes = default;
            bool found = resource.TryGetProperty("scopeSpans", out scopes) || resource.TryGetProperty("instrumentationLibrarySpans", out scopes);
            if (found && scopes.ValueKind != JsonValueKind.Null)
            {
                if (scopes.ValueKind != JsonValueKind.Array)
                {
                    throw Malformed(path, lineNumber, $"{at}.scopeSpans must be an array, found {Describe(scopes.ValueKind)}");
                }

                int s = 0;
                foreach (var scope in scopes.EnumerateArray())
                {
                    string scopeAt = $"{at}.scopeSpans[{s}]";
                    if (scope.ValueKind != JsonValueKind.Object)
                    {
                        throw Malformed(path, lineNumber, $"{scopeAt} must be an object, found {Describe(scope.ValueKind)}");
                    }

                    if (scope.TryGetProperty("spans", out var spanArray) && spanArray.ValueKind != JsonValueKind.Null)
                    {
                        if (spanArray.ValueKind != JsonValueKind.Array)
                        {
                            throw Malformed(path, lineNumber, $"{scopeAt}.spans must be an array, found {Describe(spanArray.ValueKind)}");
                        }

                        int k = 0;
                        foreach (var span in spanArray.EnumerateArray())
                        {
                            spans.Add(ReadSpan(path, lineNumber, $"{scopeAt}.spans[{k}]", span));
                            k++;
                        }
                    }

                    s++;
                }
            }

            r++;
        }
    }

    private static SpanRecord ReadSpan(string path, long lineNumber, string at, JsonElement span)
    {
        if (span.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(path, lineNumber, $"{at} must be an object, found {Describe(span.ValueKind)}");
        }

        string traceText = RequiredString(path, lineNumber, at, span, "traceId");
        if (!OtlpIds.TryParseTraceId(traceText, out var traceId))
        {
            throw Malformed(path, lineNumber, $"{at}: traceId \"{Shorten(traceText)}\" is neither 32 hex digits nor base64 of 16 bytes");
        }

        string spanText = RequiredString(path, lineNumber, at, span, "spanId");
        if (!OtlpIds.TryParseSpanId(spanText, out ulong spanId))
        {
            throw Malformed(path, lineNumber, $"{at}: spanId \"{Shorten(spanText)}\" is neither 16 hex digits nor base64 of 8 bytes");
        }

        ulong parentId = 0;
        if (span.TryGetProperty("parentSpanId", out var parent) && parent.ValueKind != JsonValueKind.Null)
        {
            if (parent.ValueKind != JsonValueKind.String)
            {
                throw Malformed(path, lineNumber, $"{at}: parentSpanId must be a string, found {Describe(parent.ValueKind)}");
            }

            string parentText = parent.GetString()!;
            if (parentText.Length > 0 && !OtlpIds.TryParseSpanId(parentText, out parentId))
            {
                throw Malformed(path, lineNumber, $"{at}: parentSpanId \"{Shorten(parentText)}\" is neither 16 hex digits nor base64 of 8 bytes");
            }
        }

        var attributes = new SpanAttributes();
        if (span.TryGetProperty("attributes", out var attributeArray) && attributeArray.ValueKind != JsonValueKind.Null)
        {
            if (attributeArray.ValueKind != JsonValueKind.Array)
            {
                throw Malformed(path, lineNumber, $"{at}.attributes must be an array, found {Describe(attributeArray.ValueKind)}");
            }

            int i = 0;
            foreach (var attribute in attributeArray.EnumerateArray())
            {
                ReadAttribute(path, lineNumber, $"{at}.attributes[{i}]", attribute, ref attributes);
                i++;
            }
        }

        bool errorStatus = false;
        if (span.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object && status.TryGetProperty("code", out var code))
        {
            errorStatus = code.ValueKind switch
            {
                JsonValueKind.Number => code.TryGetInt32(out int c) && c == 2,
                JsonValueKind.String => code.GetString() is "STATUS_CODE_ERROR" or "2" or "Error" or "ERROR",
                _ => false,
            };
        }

        bool failed = errorStatus || attributes.ErrorType is not null;
        string? operation = attributes.Operation;
        var kind = operation is not null
            ? (TelemetryNames.IsNotAModelCall(operation) ? SpanKind.Other : SpanKind.ModelCall)
            : attributes.TaskName is not null ? SpanKind.Task : SpanKind.Other;

        if (kind == SpanKind.Task)
        {
            var outcome = attributes.Outcome switch
            {
                TelemetryNames.OutcomeFailure => TaskOutcome.Failure,
                TelemetryNames.OutcomeCanceled or TelemetryNames.OutcomeCancelledAlternative => TaskOutcome.Canceled,
                TelemetryNames.OutcomeSuccess => TaskOutcome.Success,
                _ => failed ? TaskOutcome.Failure : TaskOutcome.Success,
            };
            return new SpanRecord
            {
                TraceId = traceId,
                SpanId = spanId,
                ParentSpanId = parentId,
                Kind = kind,
                TaskName = attributes.TaskName,
                Outcome = outcome,
                ReportedCalls = attributes.Calls,
                ReportedFailedCalls = attributes.FailedCalls,
                EstimateMaxCalls = attributes.EstimateMax,
                EstimateMinCalls = attributes.EstimateMin,
                FanOutMax = attributes.FanOut,
                Slo = attributes.Slo,
            };
        }

        if (kind == SpanKind.ModelCall)
        {
            return new SpanRecord
            {
                TraceId = traceId,
                SpanId = spanId,
                ParentSpanId = parentId,
                Kind = kind,
                Operation = operation,
                Provider = attributes.Provider ?? attributes.System,
                Model = attributes.RequestModel ?? attributes.ResponseModel,
                Failed = failed,
                StartUnixNano = UnixNano(path, lineNumber, at, span, "startTimeUnixNano"),
                EndUnixNano = UnixNano(path, lineNumber, at, span, "endTimeUnixNano"),
                Synthetic = attributes.Synthetic,
                TaggedColdStart = attributes.ColdStart,
            };
        }

        return new SpanRecord { TraceId = traceId, SpanId = spanId, ParentSpanId = parentId, Kind = SpanKind.Other };
    }

    private static void ReadAttribute(string path, long lineNumber, string at, JsonElement attribute, ref SpanAttributes attributes)
    {
        if (attribute.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(path, lineNumber, $"{at} must be an object with key and value, found {Describe(attribute.ValueKind)}");
        }

        if (!attribute.TryGetProperty("key", out var keyElement) || keyElement.ValueKind != JsonValueKind.String)
        {
            throw Malformed(path, lineNumber, $"{at} has no string key");
        }

        string? key = keyElement.GetString();
        if (key is null || !SpanAttributes.IsWanted(key))
        {
            return;
        }

        if (!attribute.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(path, lineNumber, $"{at} ({key}) has no value object");
        }

        object? parsed = null;
        foreach (var typed in value.EnumerateObject())
        {
            parsed = typed.Name switch
            {
                "stringValue" => typed.Value.ValueKind == JsonValueKind.String ? typed.Value.GetString() : throw Malformed(path, lineNumber, $"{at} ({key}): stringValue must be a string"),
                "intValue" => ParseInt(typed.Value) ?? throw Malformed(path, lineNumber, $"{at} ({key}): intValue must be an integer or a string of one"),
                "doubleValue" => ParseDouble(typed.Value) ?? throw Malformed(path, lineNumber, $"{at} ({key}): doubleValue must be a number"),
                "boolValue" => typed.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? typed.Value.GetBoolean() : throw Malformed(path, lineNumber, $"{at} ({key}): boolValue must be true or false"),
                _ => null,
            };
            if (parsed is not null)
            {
                break;
            }
        }

        attributes.Set(key, parsed);
    }

    private static long? ParseInt(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetInt64(out long n) ? n : null,
        JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : null,
        _ => null,
    };

    private static double? ParseDouble(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String => double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null,
        _ => null,
    };

    /// <summary>A span timestamp (a string or number of nanoseconds since the epoch); 0 when absent.</summary>
    private static long UnixNano(string path, long lineNumber, string at, JsonElement span, string name)
    {
        if (!span.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        ulong nanos = 0;
        bool ok = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is not { Length: > 0 } text || ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out nanos),
            JsonValueKind.Number => value.TryGetUInt64(out nanos),
            _ => false,
        };
        if (!ok || nanos > long.MaxValue)
        {
            throw Malformed(path, lineNumber, $"{at}: {name} must be a whole number of nanoseconds since the Unix epoch");
        }

        return (long)nanos;
    }

    private static string RequiredString(string path, long lineNumber, string at, JsonElement span, string name)
    {
        if (!span.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Malformed(path, lineNumber, $"{at} has no {name}");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Malformed(path, lineNumber, $"{at}: {name} must be a string, found {Describe(value.ValueKind)}");
        }

        return value.GetString()!;
    }

    private static bool IsGzip(FileStream file, string path)
    {
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        int b1 = file.ReadByte();
        int b2 = file.ReadByte();
        file.Seek(0, SeekOrigin.Begin);
        return b1 == 0x1f && b2 == 0x8b;
    }

    private static ReadOnlyMemory<byte> SkipBom(ReadOnlyMemory<byte> line)
    {
        var span = line.Span;
        return span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF ? line.Slice(3) : line;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message.Substring(0, cut) : message).Trim();
    }

    internal static CliException Malformed(string path, long line, string what)
        => new($"{path}:{line.ToString(CultureInfo.InvariantCulture)}: {what}");

    /// <summary>The attributes <c>llmslo confirm</c> reads (named in <see cref="TelemetryNames"/>, as the runtime writes them); all others are skipped without allocating.</summary>
    private struct SpanAttributes
    {
        public string? TaskName;
        public string? Outcome;
        public long? Calls;
        public long? FailedCalls;
        public long? EstimateMax;
        public long? EstimateMin;
        public long? FanOut;
        public double? Slo;
        public string? Operation;
        public string? Provider;
        public string? System;
        public string? RequestModel;
        public string? ResponseModel;
        public string? ErrorType;
        public bool Synthetic;
        public bool ColdStart;

        public static bool IsWanted(string key) => key switch
        {
            TelemetryNames.TaskName or TelemetryNames.TaskOutcome or TelemetryNames.TaskCalls or TelemetryNames.TaskFailedCalls
                or TelemetryNames.TaskEstimateMaxCalls or TelemetryNames.TaskEstimateMinCalls or TelemetryNames.TaskFanOutMax
                or TelemetryNames.TaskSloAvailability or TelemetryNames.GenAiOperationName or TelemetryNames.GenAiProviderName
                or TelemetryNames.GenAiSystem or TelemetryNames.GenAiRequestModel or TelemetryNames.GenAiResponseModel
                or TelemetryNames.ErrorType or TelemetryNames.Synthetic or TelemetryNames.ColdStart => true,
            _ => false,
        };

        public void Set(string key, object? value)
        {
            switch (key)
            {
                case TelemetryNames.TaskName: TaskName = value as string; break;
                case TelemetryNames.TaskOutcome: Outcome = value as string; break;
                case TelemetryNames.TaskCalls: Calls = AsLong(value); break;
                case TelemetryNames.TaskFailedCalls: FailedCalls = AsLong(value); break;
                case TelemetryNames.TaskEstimateMaxCalls: EstimateMax = AsLong(value); break;
                case TelemetryNames.TaskEstimateMinCalls: EstimateMin = AsLong(value); break;
                case TelemetryNames.TaskFanOutMax: FanOut = AsLong(value); break;
                case TelemetryNames.TaskSloAvailability: Slo = AsDouble(value); break;
                case TelemetryNames.GenAiOperationName: Operation = value as string; break;
                case TelemetryNames.GenAiProviderName: Provider = value as string; break;
                case TelemetryNames.GenAiSystem: System = value as string; break;
                case TelemetryNames.GenAiRequestModel: RequestModel = value as string; break;
                case TelemetryNames.GenAiResponseModel: ResponseModel = value as string; break;
                case TelemetryNames.ErrorType: ErrorType = value?.ToString(); break;
                case TelemetryNames.Synthetic: Synthetic = IsTrue(value); break;
                case TelemetryNames.ColdStart: ColdStart = IsTrue(value); break;
            }
        }

        private static bool IsTrue(object? value) => value switch
        {
            bool b => b,
            string s => string.Equals(s, "true", StringComparison.OrdinalIgnoreCase),
            long l => l != 0,
            _ => false,
        };

        private static long? AsLong(object? value) => value switch
        {
            long l => l,
            double d when d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
            string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) => l,
            _ => null,
        };

        private static double? AsDouble(object? value) => value switch
        {
            double d => d,
            long l => l,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
            _ => null,
        };
    }
}
