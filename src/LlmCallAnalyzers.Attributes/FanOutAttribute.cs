using System;

namespace LlmCallAnalyzers;

/// <summary>
/// Declares that one invocation of the method makes at most <see cref="Max"/> LLM calls. The declared bound
/// replaces the range the analyzer computes (use it where the code cannot show a bound: recursion, loops over
/// data, dependency-injected pipelines) and is checked at run time by LlmCallAnalyzers.Runtime.
/// </summary>
/// <remarks>A negative bound is reported at compile time (LLM007).</remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, AllowMultiple = false, Inherited = false)]
public sealed class FanOutAttribute : Attribute
{
    /// <summary>Declares the most LLM calls one invocation makes.</summary>
    /// <param name="max">The most LLM calls one invocation makes; zero or more.</param>
    public FanOutAttribute(int max) => Max = max;

    /// <summary>The most LLM calls one invocation of the method makes.</summary>
    public int Max { get; }
}
