using System.Text.Json;

namespace LlmCallAnalyzers.Prometheus.Tests.Infrastructure;

/// <summary>The per-task figures of <c>confirm --format json</c>.</summary>
public sealed record TaskFigures(string Task, string Verdict, long Seen, long Succeeded, long Failed, long Exceeded, long PossiblyExceeded, long MaxCalls, string Resolution);

public static class ConfirmJson
{
    public static IReadOnlyDictionary<string, TaskFigures> Tasks(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = new Dictionary<string, TaskFigures>(StringComparer.Ordinal);
        foreach (var task in document.RootElement.GetProperty("tasks").EnumerateArray())
        {
            bool seen = task.TryGetProperty("calls", out var calls);
            result[task.GetProperty("task").GetString()!] = new TaskFigures(
                task.GetProperty("task").GetString()!,
                task.GetProperty("verdict").GetString()!,
                task.GetProperty("seen").GetInt64(),
                task.GetProperty("succeeded").GetInt64(),
                task.GetProperty("failed").GetInt64(),
                task.GetProperty("exceeded_tasks").ValueKind == JsonValueKind.Number ? task.GetProperty("exceeded_tasks").GetInt64() : 0,
                task.GetProperty("possibly_exceeded_tasks").ValueKind == JsonValueKind.Number ? task.GetProperty("possibly_exceeded_tasks").GetInt64() : 0,
                seen ? calls.GetProperty("max").GetInt64() : 0,
                seen ? calls.GetProperty("resolution").GetString()! : "-");
        }

        return result;
    }
}
