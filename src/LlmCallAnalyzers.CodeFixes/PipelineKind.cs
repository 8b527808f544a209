
namespace LlmCallAnalyzers.CodeFixes;

/// <summary>Which Polly strategy a pipeline must have for a fix.</summary>
internal enum PipelineKind
{
    /// <summary><c>AddRetry</c> on a <c>ResiliencePipeline</c>.</summary>
    Retry,

    /// <summary><c>AddHedging</c> on a <c>ResiliencePipeline&lt;T&gt;</c>.</summary>
    Hedging,
}
