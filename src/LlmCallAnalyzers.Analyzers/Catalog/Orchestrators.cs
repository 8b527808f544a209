namespace LlmCallAnalyzers.Analyzers.Catalog;

/// <summary>
/// The multi-agent orchestrators whose runs fan out inside the framework, and the caps they apply when the code in view
/// sets none. docs/recognized-calls.md ("Multi-agent orchestrations") says where each figure was verified.
/// </summary>
internal static class Orchestrators
{
    /// <summary>The Agent Framework's workflows assembly (package Microsoft.Agents.AI.Workflows).</summary>
    public const string AgentFrameworkWorkflows = "Microsoft.Agents.AI.Workflows";

    /// <summary>
    /// <c>GroupChatManager.MaximumIterationCount</c> default, one agent turn per iteration (1.28.0: the property of a new
    /// <c>RoundRobinGroupChatManager</c> read by reflection is 40, and a group chat of two ChatClientAgents over a
    /// counting IChatClient made 40 model calls; with <c>MaximumIterationCount = 5</c>, 5).
    /// </summary>
    public const int GroupChatDefaultIterations = 40;

    /// <summary>
    /// <c>HandoffWorkflowBuilder.WithAutonomousMode(turnLimit: null)</c> default (1.28.0: the builder's
    /// <c>_autonomousTurnLimit</c> field is 50; the XML docs name <c>HandoffWorkflowBuilderDefaults.DefaultAutonomousTurnLimit</c> (50);
    /// an agent that never hands off made 51 model calls per run, and 4 with <c>turnLimit: 3</c>).
    /// </summary>
    public const int HandoffDefaultAutonomousTurnLimit = 50;

    /// <summary>
    /// Magentic's progress-ledger retries (1.28.0: <c>TaskLimits.DefaultMaxProgressLedgerRetryCount</c> = 3, by reflection):
    /// one ledger may take this many extra manager runs.
    /// </summary>
    public const int MagenticProgressLedgerRetries = 3;

    /// <summary>
    /// Semantic Kernel <c>TerminationStrategy.DefaultMaximumIterations</c> (99), from the Semantic Kernel sources. NOT
    /// verified against a package: Microsoft.SemanticKernel.Agents.Core is not served where this catalog is checked.
    /// </summary>
    public const int SemanticKernelGroupChatDefaultIterations = 99;
}
