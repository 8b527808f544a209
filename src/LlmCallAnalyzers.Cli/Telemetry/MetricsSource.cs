using System;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>Where <c>llmslo confirm --prometheus</c> read its figures: the server, the window and the extra matchers.</summary>
public sealed class MetricsSource
{
    /// <summary>The Prometheus base URL.</summary>
    public required string Url { get; init; }

    /// <summary>The window's start.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>The window's end (the evaluation time of every instant query).</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>The extra label matchers (<c>--selector</c>), or null.</summary>
    public string? Selector { get; init; }

    /// <summary>Instant queries sent.</summary>
    public int Queries { get; init; }

    /// <summary>Series (vector elements) the queries returned.</summary>
    public long Series { get; init; }

    /// <summary>The window's length in days.</summary>
    public double Days => (End - Start).TotalDays;
}
