using System.IO.Compression;
using System.Text.Json;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>Counters of what the readers saw.</summary>
public sealed class TelemetryReadStats
{
    /// <summary>Files read.</summary>
    public int Files { get; internal set; }

    /// <summary>Non-empty lines read.</summary>
    public long Lines { get; internal set; }

    /// <summary>Spans read.</summary>
    public long Spans { get; internal set; }

    /// <summary>Bytes of (decompressed) input read.</summary>
    public long Bytes { get; internal set; }
}
