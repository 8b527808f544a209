using System.Buffers.Binary;
using System.Globalization;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>A 16-byte trace id as two integers (cheap to hash and store).</summary>
public readonly record struct TraceId(ulong High, ulong Low)
{
    /// <inheritdoc />
    public override string ToString() => High.ToString("x16", CultureInfo.InvariantCulture) + Low.ToString("x16", CultureInfo.InvariantCulture);
}
