using LlmCallAnalyzers.Cli.Statistics;

namespace LlmCallAnalyzers.Cli.Telemetry;

/// <summary>Calls to one provider and model, as telemetry names them.</summary>
public sealed class ObservedModel
{
    internal ObservedModel(string provider, string? model)
    {
        Provider = provider;
        Model = model;
    }

    /// <summary><c>gen_ai.provider.name</c> ("unknown" when absent).</summary>
    public string Provider { get; }

    /// <summary><c>gen_ai.request.model</c>, or null.</summary>
    public string? Model { get; }

    /// <summary>Model calls.</summary>
    public long Calls { get; internal set; }

    /// <summary>Failed model calls.</summary>
    public long Failed { get; internal set; }
}
