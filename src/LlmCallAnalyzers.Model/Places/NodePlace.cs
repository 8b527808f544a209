namespace LlmCallAnalyzers.Model;

/// <summary>
/// Where a call tree node comes from in source and what states its bound: the file and line of a call, loop, retry or
/// dispatch, and a short description of its source (<c>for i &lt; 4</c>, <c>Polly pipeline</c>, the entry point called).
/// Evaluation ignores it. A front end that knows more (a compiler location) derives from it; <see cref="File"/> and
/// <see cref="Line"/> may then be computed on first read.
/// </summary>
public class NodePlace
{
    private readonly string? _file;
    private readonly int _line;

    /// <summary>A place at <paramref name="file"/>:<paramref name="line"/> (1-based; 0 when unknown).</summary>
    public NodePlace(string? file, int line, string? source)
    {
        _file = file;
        _line = line;
        Source = source;
    }

    /// <summary>For a derived place that computes <see cref="File"/> and <see cref="Line"/> itself.</summary>
    protected NodePlace(string? source) => Source = source;

    /// <summary>The source file, as the compiler names it; null when unknown.</summary>
    public virtual string? File => _file;

    /// <summary>The 1-based line; 0 when unknown.</summary>
    public virtual int Line => _line;

    /// <summary>What the node comes from: the entry point called, the loop's bound, the retry's origin; null when none.</summary>
    public string? Source { get; }

    /// <summary>"Research.cs:42" (the file name only), or null when the file is unknown.</summary>
    public string? ShortText
        => File is not { Length: > 0 } file ? null
            : System.IO.Path.GetFileName(file) + (Line > 0 ? ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
}
