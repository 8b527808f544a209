using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using LlmCallAnalyzers.Cli.Telemetry;
using Spectre.Console;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>
/// Writes the cold starts and keep-warm cost per model that <c>confirm --prometheus</c> reads from the runtime's counters
/// (<see cref="RuntimeColdStarts"/>); nothing when no model had either.
/// </summary>
public static class RuntimeColdStartFormatter
{
    /// <summary>Writes a table.</summary>
    public static void WriteTable(IAnsiConsole console, IReadOnlyList<RuntimeColdStarts> models)
    {
        if (console is null) throw new ArgumentNullException(nameof(console));
        if (models is null || models.Count == 0) return;
        var table = new Table().Border(TableBorder.Rounded).Title("Cold starts per model (runtime counters)");
        table.AddColumn("Model");
        table.AddColumn(new TableColumn("Cold calls").RightAligned());
        table.AddColumn(new TableColumn("Cold / day").RightAligned());
        table.AddColumn(new TableColumn("Keep-warm requests").RightAligned());
        table.AddColumn(new TableColumn("Keep-warm / day").RightAligned());
        table.AddColumn(new TableColumn("Keep-warm tokens / day").RightAligned());
        foreach (var m in models)
        {
            table.AddRow(
                new Text(m.Model),
                new Text(m.ColdCalls.ToString(CultureInfo.InvariantCulture)),
                new Text(Rate(m.ColdCallsPerDay)),
                new Text(Requests(m)),
                new Text(Rate(m.KeepWarmRequestsPerDay)),
                new Text(Rate(m.KeepWarmTokensPerDay)));
        }

        console.Write(table);
    }

    /// <summary>Writes a Markdown table.</summary>
    public static void WriteMarkdown(TextWriter writer, IReadOnlyList<RuntimeColdStarts> models)
    {
        if (writer is null) throw new ArgumentNullException(nameof(writer));
        if (models is null || models.Count == 0) return;
        writer.WriteLine("### Cold starts per model (runtime counters)");
        writer.WriteLine();
        writer.WriteLine("| Model | Cold calls | Cold / day | Keep-warm requests | Keep-warm / day | Keep-warm tokens / day |");
        writer.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var m in models)
        {
            writer.WriteLine($"| `{m.Model}` | {m.ColdCalls} | {Rate(m.ColdCallsPerDay)} | {Requests(m)} | {Rate(m.KeepWarmRequestsPerDay)} | {Rate(m.KeepWarmTokensPerDay)} |");
        }

        writer.WriteLine();
    }

    /// <summary>Writes the <c>runtime_cold_starts</c> array.</summary>
    public static void WriteJson(Utf8JsonWriter json, IReadOnlyList<RuntimeColdStarts> models)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        json.WriteStartArray("runtime_cold_starts");
        foreach (var m in models)
        {
            json.WriteStartObject();
            json.WriteString("model", m.Model);
            json.WriteNumber("cold_calls", m.ColdCalls);
            json.WriteNumber("cold_calls_per_day", Math.Round(m.ColdCallsPerDay, 6));
            json.WriteNumber("keep_warm_requests", m.KeepWarmRequests);
            json.WriteNumber("keep_warm_failed", m.KeepWarmFailed);
            json.WriteNumber("keep_warm_input_tokens", m.KeepWarmInputTokens);
            json.WriteNumber("keep_warm_output_tokens", m.KeepWarmOutputTokens);
            json.WriteNumber("keep_warm_tokens_per_day", Math.Round(m.KeepWarmTokensPerDay, 6));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Requests(RuntimeColdStarts m)
        => m.KeepWarmFailed > 0 ? $"{m.KeepWarmRequests} ({m.KeepWarmFailed} failed)" : m.KeepWarmRequests.ToString(CultureInfo.InvariantCulture);

    private static string Rate(double perDay) => perDay.ToString(perDay >= 100 ? "#,##0" : "0.##", CultureInfo.InvariantCulture);
}
