using System;
using System.Threading;
using LlmCallAnalyzers.Analyzers.Analysis;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Rules;

/// <summary>
/// LLM009: an <c>llm_call_analyzers.*</c> configuration value that is not valid (the default is used instead). Read
/// from the global options and from each task's file; compilation end, since it is about the project, not a document.
/// </summary>
internal static class Llm009InvalidConfigurationRule
{
    public static void Report(TaskAnalysisSession session, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        foreach (var problem in session.ConfigurationProblems(cancellationToken))
        {
            report(Diagnostic.Create(Descriptors.InvalidConfiguration, Location.None, problem.Key, problem.Value, problem.Reason, problem.Fallback));
        }
    }
}
