using System.Collections.Generic;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;

namespace LlmCallAnalyzers.Cli.Loading;

/// <summary>How projects are loaded.</summary>
public sealed class LoadOptions
{
    /// <summary>Run <c>dotnet restore</c> first (default true).</summary>
    public bool Restore { get; init; } = true;

    /// <summary>Global MSBuild properties (<c>-p:Name=Value</c>), e.g. <c>Configuration=Release</c>.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Analyze projects that do not compile (by default a compile error is bad input, exit code 2).</summary>
    public bool AllowCompileErrors { get; init; }
}
