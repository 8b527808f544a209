using System;
using System.Buffers;
using System.IO;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>
/// Splits a byte stream into lines without decoding it, reusing one pooled buffer: memory is bounded by the longest
/// line, whatever the size of the file. A line longer than <see cref="MaxLineBytes"/> is an error.
/// </summary>
internal sealed class LineReader : IDisposable
{
    public const int DefaultMaxLineBytes = 256 * 1024 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public LineReader(Stream stream, int maxLineBytes = DefaultMaxLineBytes)
    {
        _stream = stream;
        MaxLineBytes = maxLineBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
    }

    public int MaxLineBytes { get; }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// Reads the next line (without its line break); false at the end. The memory is valid until the next call.
    /// Throws <see cref="LineTooLongException"/> for a line longer than <see cref="MaxLineBytes"/>.
    /// </summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        int scanFrom = _start;
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', scanFrom, _end - scanFrom);
            if (newline >= 0)
            {
                LineNumber++;
                int length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == (byte)'\r') length--;
                line = new ReadOnlyMemory<byte>(_buffer, _start, length);
                _start = newline + 1;
                return true;
            }

            if (_eof)
            {
                if (_end > _start)
                {
                    LineNumber++;
                    int length = _end - _start;
                    if (_buffer[_end - 1] == (byte)'\r') length--;
                    line = new ReadOnlyMemory<byte>(_buffer, _start, length);
                    _start = _end;
                    return true;
                }

                line = default;
                return false;
            }

            scanFrom = _end;
            if (_end - _start > MaxLineBytes)
            {
                throw new LineTooLongException(LineNumber + 1);
            }

            // Make room: move the partial line to the front, or grow the buffer.
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                scanFrom -= _start;
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(_buffer.Length * 2, 1 << 20), MaxLineBytes + 2));
                if (bigger.Length <= _buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(bigger);
                    throw new LineTooLongException(LineNumber + 1);
                }

                Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = Array.Empty<byte>();
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
