using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers;

/// <summary>
/// The fan-out analyzer. Per compilation: resolves the call-site catalog once (and returns at once when no LLM SDK is
/// referenced). Per declaration with code (an operation-block callback, which editors run for the open document):
/// summarizes it, composes what it reaches on demand — callees in other files are read from their declaring syntax
/// and kept for the compilation — and reports every diagnostic located in it: LLM001, LLM002, LLM003, LLM004 and
/// LLM005, the same in the editor as in a build (a command-line build reports them at compilation end instead, see
/// <see cref="ReportingTime"/>). At compilation end: LLM006 (it needs every caller), LLM008, LLM009.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LlmTaskAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.CallInLoop,
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

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var inputs = CompilationInputs.Read(context.Options, context.CancellationToken);
        var catalog = CallSiteCatalog.Create(context.Compilation, inputs.ExtraEntries);
        if (!catalog.HasEntryPoints && inputs.FileProblems.Count == 0)
        {
            return; // No LLM SDK and no llm-calls file: nothing to do, at no cost.
        }

        var compilation = context.Compilation;
        // A callee in another file is read from its declaring syntax, as roslyn-analyzers' interprocedural data-flow
        // analysis does, through semantic models of our own without nullable analysis (SummaryStore keeps one a tree).
        // Not the driver's cached models: in a build the compiler hands the driver the bodies it bound for emit, and a
        // body bound ahead of it in the driver's model is bound again with nullable analysis, four times the cost.
        TaskAnalysisSession Create() => new(compilation, catalog, context.Options, inputs.Measured, SemanticModelSummaries.ModelsOf(compilation));
        // An editor analyzes each document on a copy of the same compilation: the copies share one session.
        var session = SessionReuse.GetOrCreate(compilation, context.Options, Create);
        var own = ReferenceEquals(session.Store.Compilation, compilation) ? session : null;
        var generatedCode = new GeneratedCodeRegions();
        // A command-line build reports at compilation end (see ReportingTime); an editor, as each declaration comes.
        var deferred = ReportingTime.IsCompilationEnd(compilation) ? new ConcurrentQueue<(TaskAnalysisSession, OwnerSummary)>() : null;

        context.RegisterOperationBlockAction(block =>
        {
            // A declaration the shared session cannot map (none known today) is analyzed by a session of its own.
            var owner = session.OwnerFor(block.OwningSymbol, compilation, block.CancellationToken);
            var analysis = owner is null ? LazyInitializer.EnsureInitialized(ref own, Create)! : session;
            if (Summarize(analysis, owner ?? block.OwningSymbol, generatedCode, block) is not { } declaration)
            {
                return;
            }

            if (deferred is null)
            {
                Report(analysis, declaration, block.ReportDiagnostic, block.CancellationToken);
            }
            else
            {
                deferred.Enqueue((analysis, declaration));
            }
        });
        context.RegisterCompilationEndAction(end =>
        {
            if (deferred is not null)
            {
                ReportDeferred(deferred, end);
            }

            Llm008MalformedFileRule.Report(inputs.FileProblems, end.ReportDiagnostic);
            Llm006AgentStepWithoutSloRule.Report(session, generatedCode.Filter(end.ReportDiagnostic), end.CancellationToken);
            Llm009InvalidConfigurationRule.Report(session, end.ReportDiagnostic, end.CancellationToken);
        });
    }

    /// <summary>Summarizes one declaration; null when nothing is reported in it.</summary>
    /// <param name="session">The analysis the declaration is summarized in.</param>
    /// <param name="owner">The declaration's symbol in <paramref name="session"/>'s compilation.</param>
    /// <param name="generatedCode">Where generated declarations are recorded.</param>
    /// <param name="context">The driver's callback.</param>
    private static OwnerSummary? Summarize(TaskAnalysisSession session, ISymbol owner, GeneratedCodeRegions generatedCode, OperationBlockAnalysisContext context)
    {
        if (context.IsGeneratedCode)
        {
            generatedCode.Add(context.OwningSymbol);
            return null; // counted for its callers (read on demand), never reported on
        }

        if (owner is not (IMethodSymbol or IFieldSymbol or IPropertySymbol))
        {
            return null;
        }

        // The driver's blocks belong to the analyzed compilation; a shared session reads from its own models.
        bool ownCompilation = ReferenceEquals(owner, context.OwningSymbol);
        var declaration = session.Store.Owner(owner, ownCompilation ? context.OperationBlocks : null, context.CancellationToken);
        return ReferenceEquals(declaration, OwnerSummary.None) ? null : declaration;
    }

    /// <summary>
    /// Reports the queued declarations' diagnostics at compilation end. The end action is the last thing the compiler
    /// waits for, so the declarations are shared among the cores (the session is thread-safe, as live callbacks need);
    /// diagnostics are collected and reported in one order, whichever thread found them.
    /// </summary>
    private static void ReportDeferred(ConcurrentQueue<(TaskAnalysisSession Session, OwnerSummary Declaration)> deferred, CompilationAnalysisContext end)
    {
        var found = new ConcurrentBag<Diagnostic>();
        var options = new ParallelOptions { CancellationToken = end.CancellationToken };
        Parallel.ForEach(deferred, options, item => Report(item.Session, item.Declaration, found.Add, end.CancellationToken));
        foreach (var diagnostic in found.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal))
        {
            end.ReportDiagnostic(diagnostic);
        }
    }

    /// <summary>Reports the diagnostics located in one summarized declaration: LLM001 to LLM005.</summary>
    private static void Report(TaskAnalysisSession session, OwnerSummary declaration, Action<Diagnostic> reportDiagnostic, CancellationToken cancellationToken)
    {
        var report = new DeclarationReport(session, declaration, reportDiagnostic, cancellationToken);
        Llm001CallInLoopRule.Report(report);
        if (declaration.Summary is { Attributes.IsTask: true } task)
        {
            var evaluation = session.Evaluate(task, cancellationToken);
            Llm003AvailabilityRule.Report(report, evaluation);
            Llm004LatencyRule.Report(report, evaluation);
        }

        Llm002UnboundedFanOutRule.Report(report);
        Llm005ColdStartRule.Report(report);
    }
}
