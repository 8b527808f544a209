namespace LlmCallAnalyzers.Analyzers;

/// <summary>Every diagnostic ID of the package, in one place, and where each is documented.</summary>
public static class DiagnosticIds
{
    /// <summary>An LLM call runs inside a loop.</summary>
    public const string CallInLoop = "LLM001";

    /// <summary>A task path has unbounded fan-out.</summary>
    public const string UnboundedFanOut = "LLM002";

    /// <summary>A task's composed availability is below its TaskSlo.</summary>
    public const string SloNotMet = "LLM003";

    /// <summary>A task's estimated p99 latency exceeds its budget.</summary>
    public const string LatencyBudgetExceeded = "LLM004";

    /// <summary>An LLM call on a task path targets a fine-tuned model (cold starts).</summary>
    public const string FineTunedColdStart = "LLM005";

    /// <summary>An agent step makes LLM calls with no SLO on it or on any caller.</summary>
    public const string AgentStepWithoutSlo = "LLM006";

    /// <summary>An LlmCallAnalyzers attribute has an impossible argument.</summary>
    public const string InvalidAttributeArgument = "LLM007";

    /// <summary>A line of an llm-calls / llm-availability additional file cannot be read.</summary>
    public const string MalformedCatalogFile = "LLM008";

    /// <summary>An llm_call_analyzers configuration value is invalid.</summary>
    public const string InvalidConfiguration = "LLM009";

    /// <summary>The documentation page of <paramref name="id"/>.</summary>
    public static string HelpLink(string id) => $"https://github.com/llmcallanalyzers/LlmCallAnalyzers/blob/main/docs/rules/{id}.md";
}
