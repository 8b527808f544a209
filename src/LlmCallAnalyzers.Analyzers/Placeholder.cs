namespace LlmCallAnalyzers.Analyzers;
internal static class Placeholder { }
