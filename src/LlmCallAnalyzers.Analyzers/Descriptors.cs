using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers;

/// <summary>
/// The diagnostic descriptors. LLM001–LLM005 are reported live (per declaration, also in the editor); LLM006, LLM008 and
/// LLM009 at compilation end, and carry that tag.
/// </summary>
internal static class Descriptors
{
    private const string Reliability = "Reliability";
    private const string Usage = "Usage";
    private const string Performance = "Performance";

    public static readonly DiagnosticDescriptor CallInLoop = new(
        DiagnosticIds.CallInLoop,
        "LLM call inside a loop",
        "'{0}' makes {1} per iteration of a loop that runs {2}",
        Performance,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Each iteration of the loop makes model requests, directly or through the methods, delegates and interface members it calls; the loop multiplies the task's fan-out and divides its availability.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.CallInLoop));

    public static readonly DiagnosticDescriptor UnboundedFanOut = new(
        DiagnosticIds.UnboundedFanOut,
        "Unbounded LLM fan-out on a task path",
        "{0} makes an unbounded number of LLM calls on the path of task '{1}'{2}; bound it or declare [FanOut(n)] on '{3}'",
        Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The code shows no bound on how many model calls the task makes, so its availability and cost cannot be estimated.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.UnboundedFanOut));

    public static readonly DiagnosticDescriptor SloNotMet = new(
        DiagnosticIds.SloNotMet,
        "Task SLO cannot be met by its LLM calls",
        "'{0}' makes {1}; composed availability {2} is below its TaskSlo of {3}; it needs {4}",
        Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Every essential model call must succeed for the task to succeed, so the task's availability is the product of its calls' availabilities.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.SloNotMet));

    public static readonly DiagnosticDescriptor LatencyBudgetExceeded = new(
        DiagnosticIds.LatencyBudgetExceeded,
        "Task latency budget cannot be met by its LLM calls",
        "'{0}': {1} = {2} ms > {3} ms (LatencyP99Ms){4}",
        Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.LatencyBudgetExceeded));

    public static readonly DiagnosticDescriptor FineTunedColdStart = new(
        DiagnosticIds.FineTunedColdStart,
        "LLM call to a fine-tuned model on a task path",
        "'{0}' calls fine-tuned model '{1}' on the path of task '{2}': after idling it may be unloaded and cost a cold start of about {3} ms p99; consider keep-warm{4}",
        Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.FineTunedColdStart));

    public static readonly DiagnosticDescriptor AgentStepWithoutSlo = new(
        DiagnosticIds.AgentStepWithoutSlo,
        "Agent step makes LLM calls without an SLO",
        "Agent step '{0}' makes {1} but neither it nor any caller declares [TaskSlo]; composed availability is {2}",
        Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Without a declared SLO nobody owns the availability the step's fan-out composes to.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.AgentStepWithoutSlo),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidAttributeArgument = new(
        DiagnosticIds.InvalidAttributeArgument,
        "Impossible LlmCallAnalyzers attribute argument",
        "{0}",
        Usage,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.InvalidAttributeArgument));

    public static readonly DiagnosticDescriptor MalformedCatalogFile = new(
        DiagnosticIds.MalformedCatalogFile,
        "Malformed LlmCallAnalyzers additional file",
        "{0}({1}): {2}",
        Usage,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.MalformedCatalogFile),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidConfiguration = new(
        DiagnosticIds.InvalidConfiguration,
        "Invalid llm_call_analyzers configuration value",
        "'{0}' = '{1}' is invalid: {2}; the default {3} is used",
        Usage,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.InvalidConfiguration),
        customTags: WellKnownDiagnosticTags.CompilationEnd);
}
