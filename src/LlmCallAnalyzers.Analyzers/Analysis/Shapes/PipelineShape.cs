using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>A body run through a Polly pipeline whose strategies are only known at composition (the member's facts are read on demand).</summary>
internal sealed class PipelineShape : Shape
{
    public PipelineShape(Shape body, ValueFacts pipeline, SyntaxNode? site = null)
    {
        Body = body;
        Pipeline = pipeline;
        Site = site;
    }

    /// <summary>The <c>Execute…</c> call (for a place made only when read); null when unknown.</summary>
    public SyntaxNode? Site { get; }

    public Shape Body { get; }

    public ValueFacts Pipeline { get; }
}
