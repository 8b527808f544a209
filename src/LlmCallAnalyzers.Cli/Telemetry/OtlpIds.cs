using System;
using System.Buffers.Binary;
using System.Globalization;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>
/// Trace and span ids as OTLP JSON writes them: lower- or upper-case hex (the OTLP/JSON specification: 32 hex digits
/// for a trace id, 16 for a span id) or base64 (the generic protobuf JSON mapping of <c>bytes</c>, which some exporters
/// use). The lengths never overlap: base64 of 16 bytes has 24 characters, of 8 bytes 12.
/// </summary>
public static class OtlpIds
{
    /// <summary>Parses a trace id; false when it is neither 32 hex digits nor base64 of 16 bytes.</summary>
    public static bool TryParseTraceId(string text, out TraceId id)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (TryDecode(text, bytes))
        {
            id = new TraceId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(8)));
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>Parses a span id; false when it is neither 16 hex digits nor base64 of 8 bytes.</summary>
    public static bool TryParseSpanId(string text, out ulong id)
    {
        Span<byte> bytes = stackalloc byte[8];
        if (TryDecode(text, bytes))
        {
            id = BinaryPrimitives.ReadUInt64BigEndian(bytes);
            return true;
        }

        id = 0;
        return false;
    }

    private static bool TryDecode(string text, Span<byte> destination)
    {
        if (text.Length == destination.Length * 2 && IsHex(text))
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = (byte)((HexValue(text[2 * i]) << 4) | HexValue(text[(2 * i) + 1]));
            }

            return true;
        }

        return Convert.TryFromBase64String(text, destination, out int written) && written == destination.Length;
    }

    private static bool IsHex(string text)
    {
        foreach (char c in text)
        {
            if (!Uri.IsHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
