using System.Collections.Generic;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>Receives every model call of a completed trace with the task spans above it (see <see cref="TaskAggregator"/>).</summary>
public interface IModelCallSink
{
    /// <summary>One model call.</summary>
    /// <param name="call">The call.</param>
    /// <param name="enclosingTasks">
    /// The span ids of the task spans above it, innermost first; empty outside any task. Valid only during the call.
    /// </param>
    void Add(in CompletedModelCall call, IReadOnlyList<ulong> enclosingTasks);
}
