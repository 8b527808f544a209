using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Rules;

/// <summary>
/// LLM006: an <c>[AgentStep]</c> that makes model calls when neither it nor any caller declares <c>[TaskSlo]</c>.
/// "Any caller" needs every caller in the compilation, so this rule runs at compilation end (not live in the editor).
/// </summary>
internal static class Llm006AgentStepWithoutSloRule
{
    public static void Report(TaskAnalysisSession session, System.Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        var tasks = session.Tasks(cancellationToken).Tasks;
        var graph = session.Composer.Graph;
        var covered = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var queue = new Queue<IMethodSymbol>();
        foreach (var task in tasks)
        {
            if (task.Attributes.Slo is not null && covered.Add(task.Method))
            {
                queue.Enqueue(task.Method);
            }
        }

        while (queue.Count > 0)
        {
            foreach (var callee in graph.Callees(queue.Dequeue(), cancellationToken))
            {
                if (covered.Add(callee))
                {
                    queue.Enqueue(callee);
                }
            }
        }

        foreach (var step in tasks)
        {
            if (!step.Attributes.IsAgentStep || covered.Contains(step.Method))
            {
                continue;
            }

            var evaluation = session.Evaluate(step, cancellationToken);
            if (evaluation.Estimate.MaxCalls == 0)
            {
                continue;
            }

            string availability = evaluation.Estimate.Availability is double a ? Percent.Format(a) : "unknown (unbounded fan-out)";
            // For the code fix, which declares [TaskSlo] at the composed availability rounded down.
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[DiagnosticPropertyKeys.Availability] = evaluation.Estimate.Availability?.ToString("R", CultureInfo.InvariantCulture);
            report(Diagnostic.Create(Descriptors.AgentStepWithoutSlo, step.Location, properties.ToImmutable(), step.Method.Name, MessageText.DescribeCalls(evaluation.Estimate.Tree), availability));
        }
    }
}
