using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// When the diagnostics that belong to one declaration (LLM001–LLM005) are reported: as soon as the declaration is
/// analyzed (the default: what an editor needs, it never runs compilation-end actions), or at compilation end.
/// The package's build targets choose compilation end for a command-line build (not for the design-time builds an
/// editor takes its options from), through a compiler feature flag: by then the compiler has bound every body and
/// handed it to the analyzer, so nothing is bound a second time ahead of the compiler. The diagnostics are the same.
/// </summary>
internal static class ReportingTime
{
    /// <summary>The compiler feature (<c>&lt;Features&gt;</c> in MSBuild, <c>/features:</c> for csc) that chooses the time.</summary>
    public const string Feature = "llm-call-analyzers-report";

    /// <summary>The feature's value that defers reporting to compilation end.</summary>
    public const string CompilationEnd = "compilation-end";

    /// <summary>Whether <paramref name="compilation"/> was built with reporting deferred to compilation end.</summary>
    public static bool IsCompilationEnd(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            return tree.Options.Features.TryGetValue(Feature, out var value)
                && string.Equals(value, CompilationEnd, System.StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }
}
