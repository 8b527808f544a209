using System.Collections.Generic;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>A model-call span of a completed trace, as <see cref="TaskAggregator"/> hands it to an <see cref="IModelCallSink"/>.</summary>
public readonly struct CompletedModelCall
{
    /// <summary>Creates a completed call.</summary>
    /// <param name="trace">The trace.</param>
    /// <param name="model">The model (<c>gen_ai.request.model</c>), or null.</param>
    /// <param name="startUnixNano">The span's start, in nanoseconds since the epoch; 0 when unknown.</param>
    /// <param name="endUnixNano">The span's end, in nanoseconds since the epoch; 0 when unknown.</param>
    /// <param name="failed">True for a failed call.</param>
    /// <param name="synthetic">True for keep-warm traffic (<c>llm.synthetic</c>).</param>
    /// <param name="taggedColdStart">True when the runtime tagged the call <c>llm.cold_start</c>.</param>
    public CompletedModelCall(TraceId trace, string? model, long startUnixNano, long endUnixNano, bool failed, bool synthetic, bool taggedColdStart)
    {
        Trace = trace;
        Model = model;
        StartUnixNano = startUnixNano;
        EndUnixNano = endUnixNano;
        Failed = failed;
        Synthetic = synthetic;
        TaggedColdStart = taggedColdStart;
    }

    /// <summary>The trace.</summary>
    public TraceId Trace { get; }

    /// <summary>The model, or null.</summary>
    public string? Model { get; }

    /// <summary>The start in nanoseconds since the epoch; 0 when unknown.</summary>
    public long StartUnixNano { get; }

    /// <summary>The end in nanoseconds since the epoch; 0 when unknown.</summary>
    public long EndUnixNano { get; }

    /// <summary>True for a failed call.</summary>
    public bool Failed { get; }

    /// <summary>True for keep-warm traffic.</summary>
    public bool Synthetic { get; }

    /// <summary>True when the runtime tagged the call as a cold start.</summary>
    public bool TaggedColdStart { get; }
}
