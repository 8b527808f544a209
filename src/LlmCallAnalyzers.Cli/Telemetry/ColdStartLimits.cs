using LlmCallAnalyzers.Model.ColdStarts;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>Memory bounds of <see cref="ColdStartCollector"/>.</summary>
public sealed class ColdStartLimits
{
    /// <summary>The most models analyzed (default 64, as in the runtime); calls to further models are counted, not analyzed.</summary>
    public int MaxModels { get; init; } = 64;

    /// <summary>
    /// Busy periods kept per model (default 131,072, 2 MB): beyond it the shortest idle gaps are closed (see
    /// <see cref="BusyPeriods"/>).
    /// </summary>
    public int MaxBusyPeriodsPerModel { get; init; } = 131_072;

    /// <summary>Calls kept per model and idle-gap octave (default 1,024; at most 28 octaves, about 1 MB a model).</summary>
    public int SamplesPerGapOctave { get; init; } = 1024;
}
