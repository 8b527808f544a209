using System.Collections.Generic;

namespace LlmCallAnalyzers.Cli.Loading;

/// <summary>A resolved input: the files to open.</summary>
internal sealed class ResolvedInput
{
    public ResolvedInput(InputKind kind, IReadOnlyList<string> paths)
    {
        Kind = kind;
        Paths = paths;
    }

    public InputKind Kind { get; }

    /// <summary>Full paths: one solution, or one or more project files.</summary>
    public IReadOnlyList<string> Paths { get; }
}
