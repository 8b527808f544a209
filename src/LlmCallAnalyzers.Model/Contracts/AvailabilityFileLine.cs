namespace LlmCallAnalyzers.Model.Contracts;

/// <summary>One entry <see cref="AvailabilityFile.Write"/> writes: a figure, or a figure left out with the reason.</summary>
public sealed class AvailabilityFileLine
{
    /// <summary>Creates the entry.</summary>
    /// <param name="providerKey">The analyzer's provider key (<see cref="ProviderKeys"/>), or <see cref="AvailabilityFile.DefaultKey"/>.</param>
    /// <param name="model">The model, or null for the provider as a whole.</param>
    /// <param name="availability">The figure; null to write the entry as a comment only (not used by the analyzer).</param>
    /// <param name="comment">What the figure comes from, written after it as a comment; may be null.</param>
    public AvailabilityFileLine(string providerKey, string? model, double? availability, string? comment)
    {
        ProviderKey = providerKey;
        Model = model;
        Availability = availability;
        Comment = comment;
    }

    /// <summary>The analyzer's provider key.</summary>
    public string ProviderKey { get; }

    /// <summary>The model, or null.</summary>
    public string? Model { get; }

    /// <summary>The figure; null when the entry is a comment only.</summary>
    public double? Availability { get; }

    /// <summary>The comment after the figure.</summary>
    public string? Comment { get; }

    /// <summary>The key as the file spells it: <c>provider</c> or <c>provider/model</c>.</summary>
    public string Key => Model is null ? ProviderKey : ProviderKey + AvailabilityFile.ModelSeparator + Model;
}
