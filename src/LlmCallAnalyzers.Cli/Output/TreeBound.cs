namespace LlmCallAnalyzers.Cli.Output;

/// <summary>What bounds a tree node: a loop's iterations, a retry's attempts, a declared [FanOut], a dispatch's targets.</summary>
public sealed class TreeBound
{
    internal TreeBound(string kind, long? value, string? source)
    {
        Kind = kind;
        Value = value;
        Source = source;
    }

    /// <summary><c>iterations</c>, <c>unbounded</c>, <c>attempts</c>, <c>declared</c> or <c>implementations</c>.</summary>
    public string Kind { get; }

    /// <summary>The most iterations, extra attempts, declared calls or implementations; null when unbounded.</summary>
    public long? Value { get; }

    /// <summary>Where the bound comes from (<c>for i &lt; 4</c>, <c>Polly pipeline</c>, <c>[FanOut(24)]</c>); null when unknown.</summary>
    public string? Source { get; }
}
