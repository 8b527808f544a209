using System.Globalization;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>Runs of multi-agent workflows: the fan-out happens inside the framework, read from the builder calls in view.</summary>
internal sealed partial class ShapeBuilder
{
    /// <summary>
    /// The agents' turns a workflow run makes, when the workflow was built in view (a local or the argument itself); null
    /// when <paramref name="recognized"/> is not a workflow run, or the workflow's construction is not in view (then it
    /// counts as one call, as an agent of unknown construction does).
    /// </summary>
    private Shape? OrchestrationRun(RecognizedCall recognized, IMethodSymbol method, IOperation site, LoopContext? loop)
    {
        if (recognized.Kind is not (EntryPointKind.Workflow or EntryPointKind.Agent) || site is not IInvocationOperation invocation)
        {
            return null;
        }

        var workflow = recognized.Kind == EntryPointKind.Agent ? invocation.Instance : WorkflowArgument(invocation);
        var plan = workflow is null ? null : FactsExtractor.Extract(workflow, LocalFacts, _symbols).Orchestration;
        if (plan?.Kind is not null)
        {
            return OrchestrationShapes.Build(plan, recognized.Label, site.Syntax.GetLocation(), loop);
        }

        if (recognized.Kind == EntryPointKind.Workflow && recognized.Provider == ProviderKeys.Agent && method.ContainingType?.Name == "AgentGroupChat")
        {
            // Semantic Kernel's AgentGroupChat stops at its termination strategy's MaximumIterations (default 99, from the
            // SK sources; not verified against a package here). Participants are not read: each turn counts as one call.
            int turns = Orchestrators.SemanticKernelGroupChatDefaultIterations;
            string reason = string.Format(CultureInfo.InvariantCulture, "AgentGroupChat runs up to {0} agent turns (TerminationStrategy.DefaultMaximumIterations)", turns);
            return new CallShape(recognized.Provider, null, recognized.Label, site.Syntax.GetLocation(), loop, turns, reason, ValueFacts.None);
        }

        return null;
    }

    private static IOperation? WorkflowArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == "workflow")
            {
                return argument.Value;
            }
        }

        return null;
    }
}
