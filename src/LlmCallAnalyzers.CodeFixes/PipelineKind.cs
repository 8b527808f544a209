using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.CodeFixes;

/// <summary>Which Polly strategy a pipeline must have for a fix.</summary>
internal enum PipelineKind
{
    /// <summary><c>AddRetry</c> on a <c>ResiliencePipeline</c>.</summary>
    Retry,

    /// <summary><c>AddHedging</c> on a <c>ResiliencePipeline&lt;T&gt;</c>.</summary>
    Hedging,
}
