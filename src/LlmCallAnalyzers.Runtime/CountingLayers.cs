using System.Threading;

namespace LlmCallAnalyzers.Runtime;

/// <summary>
/// The counting layers a process holds, and what follows for de-duplication: once it holds an
/// <see cref="LlmTaskTelemetryHandler"/> (which sits under clients this library cannot see), a call reaching a counting
/// layer may already be counted by a layer above it, so every layer marks its calls (<see cref="LlmCallTracker.MarkCall"/>,
/// an AsyncLocal write, the main per-call cost) and checks for a mark. Chat-client middlewares never need it among
/// themselves: one that finds another below it passes its calls through.
/// </summary>
internal sealed class CountingLayers
{
    private int _handlers;

    /// <summary>This process's layers: every handler registers here, every middleware reads it.</summary>
    public static CountingLayers Process { get; } = new CountingLayers();

    /// <summary>True once an HTTP handler was registered: every counting layer then marks its calls.</summary>
    public bool GuardNeeded => Volatile.Read(ref _handlers) != 0;

    /// <summary>Registers an HTTP handler.</summary>
    public void RegisterHandler() => Interlocked.Increment(ref _handlers);
}
