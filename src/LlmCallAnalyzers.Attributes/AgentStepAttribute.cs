using System;

namespace LlmCallAnalyzers;

/// <summary>
/// Marks a method as one step of an agent (a planning, tool-calling or summarizing step). Steps are analyzed as
/// task entry points: unbounded fan-out on their path is reported (LLM002), and a step that reaches LLM calls
/// with no <see cref="TaskSloAttribute"/> on it or on a caller is reported (LLM006).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AgentStepAttribute : Attribute
{
}
