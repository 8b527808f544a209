using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// <c>llm_call_analyzers.follow_dispatch</c> (default true) per source file: whether a virtual call counts the calls
/// of every implementation in the compilation. Read once per distinct options set. Thread-safe.
/// </summary>
internal sealed class DispatchSetting
{
    public static readonly DispatchSetting Always = new(null);

    private readonly AnalyzerConfigOptionsProvider? _provider;
    private readonly ConcurrentDictionary<AnalyzerConfigOptions, bool> _byOptions = new();

    public DispatchSetting(AnalyzerConfigOptionsProvider? provider) => _provider = provider;

    public bool AppliesTo(SyntaxTree tree)
        => _provider is null || _byOptions.GetOrAdd(_provider.GetOptions(tree), static options => Read(options) ?? true);

    /// <summary>The value set, or null when the key is absent or not a boolean (then the default applies and LLM009 says so).</summary>
    public static bool? Read(AnalyzerConfigOptions options)
        => options.TryGetValue(ModelOptions.FollowDispatchKey, out var text) && bool.TryParse(text.Trim(), out bool value) ? value : null;
}
