using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LlmCallAnalyzers.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs an analyzer over sources marked with <c>{|LLM001:span|}</c> and checks the diagnostics exactly, using
/// Microsoft.CodeAnalysis.Testing with the real SDK assemblies.
/// </summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using LlmCallAnalyzers;

        """;

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAsync(source, editorConfig: null, additionalFiles: null, expected);

    public static async Task VerifyAsync(string source, string? editorConfig, (string Path, string Text)[]? additionalFiles, params DiagnosticResult[] expected)
    {
        var test = Create(source, editorConfig, additionalFiles);
        test.ExpectedDiagnostics.AddRange(expected.Select(IgnoreUnstatedRelatedLocations));
        await test.RunAsync();
    }

    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> Create(string source, string? editorConfig = null, (string Path, string Text)[]? additionalFiles = null)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = Usings + source,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(SdkReferences.All);
        // Users' code compiles as C# latest against net10.0: the overload a call binds to depends on it.
        test.SolutionTransforms.Add(static (solution, projectId) => solution.WithProjectParseOptions(projectId, ((CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest)));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + (editorConfig ?? string.Empty)));
        foreach (var file in additionalFiles ?? Array.Empty<(string, string)>())
        {
            test.TestState.AdditionalFiles.Add(file);
        }

        return test;
    }

    /// <summary>
    /// An expected diagnostic that states only its primary location leaves its related locations (the calls and loops
    /// behind LLM002–LLM005) unchecked; one that states additional locations is checked against exactly those, in order.
    /// </summary>
    public static DiagnosticResult IgnoreUnstatedRelatedLocations(DiagnosticResult expected)
        => expected.Spans.Length <= 1 ? expected.WithOptions(expected.Options | DiagnosticOptions.IgnoreAdditionalLocations) : expected;

    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);
}
