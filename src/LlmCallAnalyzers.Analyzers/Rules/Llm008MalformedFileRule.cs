using System;
using System.Collections.Generic;
using LlmCallAnalyzers.Analyzers.Catalog;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Rules;

/// <summary>LLM008: a line of an <c>llm-calls.txt</c> or measured-availability file that cannot be read. Compilation end.</summary>
internal static class Llm008MalformedFileRule
{
    public static void Report(IEnumerable<FileProblem> problems, Action<Diagnostic> report)
    {
        foreach (var problem in problems)
        {
            report(Diagnostic.Create(Descriptors.MalformedCatalogFile, Location.None, problem.Path, problem.Line, problem.Message));
        }
    }
}
