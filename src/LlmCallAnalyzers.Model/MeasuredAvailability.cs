using System;
using System.Collections.Generic;

namespace LlmCallAnalyzers.Model;

/// <summary>
/// Per-call availability measured in production, per provider key and model: what a measured-availability file
/// (<see cref="Contracts.AvailabilityFile"/>) holds. The analyzer prefers it to its defaults; explicit
/// <c>.editorconfig</c> keys win over it.
/// </summary>
public sealed class MeasuredAvailability
{
    /// <summary>Nothing measured.</summary>
    public static readonly MeasuredAvailability None = new(null, new Dictionary<string, MeasuredProvider>(StringComparer.OrdinalIgnoreCase));

    /// <summary>Creates the figures.</summary>
    /// <param name="default">The figure for every provider without one of its own (the <c>*</c> key); null when none.</param>
    /// <param name="providers">Per provider key (compared ignoring case).</param>
    public MeasuredAvailability(double? @default, IReadOnlyDictionary<string, MeasuredProvider> providers)
    {
        Default = @default;
        Providers = providers ?? throw new ArgumentNullException(nameof(providers));
    }

    /// <summary>The figure for every provider without one of its own; null when none.</summary>
    public double? Default { get; }

    /// <summary>Per provider key.</summary>
    public IReadOnlyDictionary<string, MeasuredProvider> Providers { get; }
}
