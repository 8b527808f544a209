using System.Collections.Immutable;
using System.Globalization;
using LlmCallAnalyzers.Analyzers.Analysis;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Rules;

/// <summary>
/// LLM002: a loop with no bound, or a recursive call, that makes model calls on the path of a task. Reported at the
/// loop or call, once, naming the first task (by name) whose fan-out it is part of.
/// </summary>
internal static class Llm002UnboundedFanOutRule
{
    public static void Report(in DeclarationReport context)
    {
        foreach (var summary in context.Declaration.AllSummaries())
        {
            var sources = context.Composer.UnboundedSourcesOf(summary.Method, context.CancellationToken);
            if (sources.Count == 0 || context.Session.Tasks(context.CancellationToken).FirstTaskCounting(summary.Method) is not { } task)
            {
                continue;
            }

            foreach (var source in sources)
            {
                string description = char.ToUpperInvariant(source.Description[0]) + source.Description.Substring(1);
                // For the code fix: what one iteration makes and what [FanOut(n)] would declare.
                var properties = ImmutableDictionary.CreateBuilder<string, string?>();
                properties[DiagnosticPropertyKeys.CallsPerIteration] = source.CallsPerIteration?.ToString(CultureInfo.InvariantCulture);
                properties[DiagnosticPropertyKeys.SuggestedFanOut] = context.Composer.SuggestedFanOutOf(summary.Method, context.CancellationToken)?.ToString(CultureInfo.InvariantCulture);
                properties[DiagnosticPropertyKeys.AssumedIterations] = TaskComposer.AssumedIterations.ToString(CultureInfo.InvariantCulture);
                context.Report(Diagnostic.Create(Descriptors.UnboundedFanOut, source.Location, properties.ToImmutable(), description, task.Method.Name, string.Empty, summary.Method.Name));
            }
        }
    }
}
