namespace LlmCallAnalyzers.Cli.Output;

/// <summary>How results are written to standard output.</summary>
public enum OutputFormat
{
    /// <summary>A Spectre.Console table (and trees with <c>--tree</c>).</summary>
    Table,

    /// <summary>One JSON document.</summary>
    Json,

    /// <summary>SARIF 2.1.0 (report only).</summary>
    Sarif,

    /// <summary>A GitHub-flavored Markdown table.</summary>
    Markdown,
}
