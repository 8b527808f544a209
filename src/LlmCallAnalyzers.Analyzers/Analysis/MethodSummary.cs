using System.Globalization;
using System.Linq;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>One method's shape and what its attributes declare; built once per method body.</summary>
internal sealed class MethodSummary
{
    private string? _taskName;

    public MethodSummary(IMethodSymbol method, Shape shape, TaskAttributes attributes)
    {
        Method = method;
        Shape = shape;
        Attributes = attributes;
    }

    public IMethodSymbol Method { get; }

    public Shape Shape { get; }

    public TaskAttributes Attributes { get; }

    /// <summary>Where diagnostics about the method go: its name.</summary>
    public Location Location => Method.Locations.FirstOrDefault() ?? Location.None;

    /// <summary>The task name convention shared with the runtime: <c>Namespace.Type.Method</c> (made once: tasks are sorted by it).</summary>
    public string TaskName => _taskName ??= TaskNames.Of(Method);
}
