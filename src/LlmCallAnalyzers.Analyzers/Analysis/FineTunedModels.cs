using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>Which model ids are fine-tuned: OpenAI <c>ft:</c> ids and the names listed in configuration.</summary>
internal sealed class FineTunedModels
{
    private readonly ImmutableHashSet<string> _configured;

    public FineTunedModels(IEnumerable<string> configured) => _configured = configured.ToImmutableHashSet(System.StringComparer.OrdinalIgnoreCase);

    public static FineTunedModels Default { get; } = new(System.Array.Empty<string>());

    public bool IsFineTuned(string model) => model.StartsWith("ft:", System.StringComparison.Ordinal) || _configured.Contains(model);
}
