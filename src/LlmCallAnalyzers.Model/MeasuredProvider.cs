using System;
using System.Collections.Generic;

namespace LlmCallAnalyzers.Model;

/// <summary>The measured per-call availability of one provider key, and of its models.</summary>
public sealed class MeasuredProvider
{
    /// <summary>The provider's figure over all its models; null when only models were measured.</summary>
    public double? Availability { get; set; }

    /// <summary>Per model (compared ignoring case).</summary>
    public Dictionary<string, double> Models { get; } = new(StringComparer.OrdinalIgnoreCase);
}
