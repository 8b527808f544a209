using System.Runtime.CompilerServices;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>JIT hints for code that runs once per compilation over every method or task.</summary>
internal static class JitHints
{
    /// <summary>
    /// <c>MethodImplOptions.AggressiveOptimization</c> (not in netstandard2.0's enum; runtimes that do not know it
    /// ignore it): the method is compiled optimized at once. A loop that runs once per compilation otherwise starts
    /// in unoptimized tier-0 code and is compiled a second time by on-stack replacement while it runs.
    /// </summary>
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
