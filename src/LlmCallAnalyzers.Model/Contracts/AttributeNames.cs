namespace LlmCallAnalyzers.Model.Contracts;

/// <summary>
/// The attributes of LlmCallAnalyzers.Attributes as the analyzer, the code fixes and the runtime find them: by metadata
/// name, so that none of them loads (or, for the analyzer, references) the attributes assembly.
/// </summary>
public static class AttributeNames
{
    /// <summary>The namespace of every attribute.</summary>
    public const string Namespace = "LlmCallAnalyzers";

    /// <summary>The assembly that defines them.</summary>
    public const string Assembly = "LlmCallAnalyzers.Attributes";

    /// <summary>The type name of <c>[TaskSlo]</c>.</summary>
    public const string TaskSloTypeName = "TaskSloAttribute";

    /// <summary>The type name of <c>[FanOut]</c>.</summary>
    public const string FanOutTypeName = "FanOutAttribute";

    /// <summary><c>[TaskSlo]</c>.</summary>
    public const string TaskSlo = Namespace + "." + TaskSloTypeName;

    /// <summary><c>[AgentStep]</c>.</summary>
    public const string AgentStep = Namespace + ".AgentStepAttribute";

    /// <summary><c>[FanOut]</c>.</summary>
    public const string FanOut = Namespace + "." + FanOutTypeName;

    /// <summary><c>[LlmCall]</c>.</summary>
    public const string LlmCall = Namespace + ".LlmCallAttribute";

    /// <summary>The named argument of <c>[TaskSlo]</c> (and of the embedded estimate) that carries the p99 latency budget.</summary>
    public const string LatencyP99Ms = "LatencyP99Ms";
}
