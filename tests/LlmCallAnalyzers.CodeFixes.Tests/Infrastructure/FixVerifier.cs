using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using LlmCallAnalyzers.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace LlmCallAnalyzers.CodeFixes.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="LlmTaskAnalyzer"/> and a code fix over a source and checks the fixed source exactly — once per
/// diagnostic and through Fix All in document, project and solution scope — against the real SDK assemblies, with the
/// same references for the fixed state, and with LLM001 (calls in loops) off to keep the tests on their rule.
/// </summary>
internal static class FixVerifier<TFix>
    where TFix : CodeFixProvider, new()
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using LlmCallAnalyzers;

        """;

    public const string GlobalConfig = "is_global = true\ndotnet_diagnostic.LLM001.severity = none\n";

    /// <summary>
    /// A test of one fix. Fix All in document scope is always checked; in project and solution scope only when
    /// <paramref name="allFixAllScopes"/> (each scope re-runs the compilation-end analysis, which is what makes these
    /// tests slow; the Fix All tests check every scope).
    /// </summary>
    public static CSharpCodeFixTest<LlmTaskAnalyzer, TFix, DefaultVerifier> Create(string source, string fixedSource, string equivalenceKey, string? editorConfig = null, bool allFixAllScopes = false)
    {
        var test = new CSharpCodeFixTest<LlmTaskAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),

            // The task rules are computed at compilation end, so their diagnostics are non-local by nature.
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck
                | (allFixAllScopes ? CodeFixTestBehaviors.None : CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck),
        };
        test.TestState.AdditionalReferences.AddRange(SdkReferences.All);
        test.FixedState.AdditionalReferences.AddRange(SdkReferences.All);
        test.SolutionTransforms.Add(static (solution, projectId) => solution.WithProjectParseOptions(projectId, ((CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest)));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", GlobalConfig + (editorConfig ?? string.Empty)));
        test.FixedState.AnalyzerConfigFiles.Add(("/.globalconfig", GlobalConfig + (editorConfig ?? string.Empty)));
        return test;
    }

    public static async Task VerifyAsync(string source, string fixedSource, string equivalenceKey, DiagnosticResult[] expected, DiagnosticResult[]? remaining = null, string? editorConfig = null, bool allFixAllScopes = false, string? title = null)
    {
        var test = Create(source, fixedSource, equivalenceKey, editorConfig, allFixAllScopes);
        if (title is not null)
        {
            test.CodeActionVerifier = (action, verifier) => verifier.Equal(title, action.Title);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        test.FixedState.ExpectedDiagnostics.AddRange(remaining ?? Array.Empty<DiagnosticResult>());
        await test.RunAsync();
    }

    /// <summary>
    /// An expected diagnostic whose related locations (the calls and loops behind LLM002–LLM005) are not checked here:
    /// the fixes do not use them, and the analyzer tests check them.
    /// </summary>
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);
}

/// <summary>Runs the analyzer alone over a (fixed) source and checks its diagnostics exactly.</summary>
internal static class AnalyzerCheck
{
    public static async Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<LlmTaskAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(SdkReferences.All);
        test.SolutionTransforms.Add(static (solution, projectId) => solution.WithProjectParseOptions(projectId, ((CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest)));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", FixVerifier<TaskSloCodeFixProvider>.GlobalConfig));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
