using System;
using System.IO;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>Shared plumbing of the JSON and SARIF writers.</summary>
internal static class JsonOutput
{
    public static string ToolVersion { get; } =
        typeof(JsonOutput).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";

    /// <summary>Writes one indented JSON document to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(json);
        }

        writer.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    public static void NumberOrNull(this Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v && !double.IsNaN(v) && !double.IsInfinity(v)) json.WriteNumber(name, Math.Round(v, 9));
        else json.WriteNull(name);
    }

    public static void NumberOrNull(this Utf8JsonWriter json, string name, long? value)
    {
        if (value is long v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    public static void StringOrNull(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
