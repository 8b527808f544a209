using System.Globalization;
using System.Linq;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>One method's shape and what its attributes declare; built once per method body.</summary>
internal sealed class MethodSummary
{
    private readonly Location? _location;
    private string? _taskName;

    /// <param name="method">The method.</param>
    /// <param name="shape">What its code does.</param>
    /// <param name="attributes">What its attributes declare.</param>
    /// <param name="location">Where diagnostics about it go, when not its symbol's location (its file edited since, see <see cref="EditedSession"/>).</param>
    public MethodSummary(IMethodSymbol method, Shape shape, TaskAttributes attributes, Location? location = null)
    {
        Method = method;
        Shape = shape;
        Attributes = attributes;
        _location = location;
    }

    public IMethodSymbol Method { get; }

    public Shape Shape { get; }

    public TaskAttributes Attributes { get; }

    /// <summary>Where diagnostics about the method go: its name.</summary>
    public Location Location => _location ?? Method.Locations.FirstOrDefault() ?? Location.None;

    /// <summary>The task name convention shared with the runtime: <c>Namespace.Type.Method</c> (made once: tasks are sorted by it).</summary>
    public string TaskName => _taskName ??= TaskNames.Of(Method);
}
