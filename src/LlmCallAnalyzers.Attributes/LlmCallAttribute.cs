using System;

namespace LlmCallAnalyzers;

/// <summary>
/// Marks a user method (a gateway wrapper, a typed client) as exactly one LLM call, so that calls to it count
/// as model calls wherever they appear. The analyzer does not look inside a method marked this way.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LlmCallAttribute : Attribute
{
    /// <summary>The provider the call goes to (e.g. <c>openai</c>, <c>anthropic</c>); used for per-provider availability.</summary>
    public string? Provider { get; set; }

    /// <summary>The model or deployment the call targets, when fixed.</summary>
    public string? Model { get; set; }
}
