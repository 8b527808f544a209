using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Analyzers.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LlmCallAnalyzers.Analyzers;

/// <summary>
/// The fan-out analyzer. Per compilation: resolves the call-site catalog once (and returns at once when no LLM SDK is
/// referenced); per method body: builds its shape from IOperation and reports direct LLM calls in loops (LLM001);
/// at compilation end: composes the shapes across the call graph, evaluates every task with the model and reports
/// LLM001 (calls of methods that make LLM calls), LLM002, LLM003, LLM004, LLM005 and LLM006.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LlmTaskAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.CallInLoop,
        Descriptors.CallInLoopAcrossMethods,
        Descriptors.UnboundedFanOut,
        Descriptors.SloNotMet,
        Descriptors.LatencyBudgetExceeded,
        Descriptors.FineTunedColdStart,
        Descriptors.AgentStepWithoutSlo,
        Descriptors.MalformedCatalogFile,
        Descriptors.InvalidConfiguration);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is analyzed (its LLM calls count for its callers) but never reported on: the analyzer filters
        // its own diagnostics there (see GeneratedCodeRegions), which spares the compiler a costly per-file search.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var inputs = CompilationInputs.Read(context.Options, context.CancellationToken);
        var catalog = CallSiteCatalog.Create(context.Compilation, inputs.ExtraEntries);
        if (!catalog.HasEntryPoints && inputs.FileProblems.Count == 0)
        {
            return; // No LLM SDK and no llm-calls file: nothing to do, at no cost.
        }

        var state = new CompilationState(new MethodSummarizer(context.Compilation, catalog, new DispatchSetting(context.Options.AnalyzerConfigOptionsProvider)), inputs);

        context.RegisterOperationBlockAction(state.AnalyzeBlock);
        context.RegisterCompilationEndAction(state.Report);
    }

    /// <summary>Everything one compilation's analysis collects; thread-safe.</summary>
    private sealed class CompilationState
    {
        private readonly MethodSummarizer _summarizer;
        private readonly CompilationInputs _inputs;
        private readonly GeneratedCodeRegions _generatedCode = new();

        public CompilationState(MethodSummarizer summarizer, CompilationInputs inputs)
        {
            _summarizer = summarizer;
            _inputs = inputs;
        }

        public void AnalyzeBlock(OperationBlockAnalysisContext context)
        {
            if (context.IsGeneratedCode)
            {
                _generatedCode.Add(context.OwningSymbol);
            }

            if (_summarizer.Summarize(context.OwningSymbol, context.OperationBlocks) is MethodSummary summary && !context.IsGeneratedCode)
            {
                ReportDirectCallsInLoops(context, summary.Shape);
            }
        }

        private static void ReportDirectCallsInLoops(OperationBlockAnalysisContext context, Shape shape)
        {
            var reported = new HashSet<Location>();
            foreach (var call in ShapeWalker.Calls(shape))
            {
                // A call on a field or property is reported at compilation end, once what the member holds is known.
                if (call.Loop is { } loop && call.Receiver.AliasOf is null && reported.Add(call.Location))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallInLoop, call.Location, call.Label, MessageText.DescribeRequests(call.HiddenMaxCalls), loop.Describe()));
                }
            }
        }

        public void Report(CompilationAnalysisContext context)
        {
            foreach (var problem in _inputs.FileProblems)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.MalformedCatalogFile, Location.None, problem.Path, problem.Line, problem.Message));
            }

            var reporter = new TaskReporter(
                _summarizer.CollectSummaries(),
                _summarizer.CollectMemberFacts(),
                context.Options,
                _inputs.Measured,
                _generatedCode.Filter(context.ReportDiagnostic),
                context.CancellationToken);
            reporter.Run();
        }
    }
}
