using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
        var session = SessionReuse.GetOrCreate(compilation, context.Options, Create, context.CancellationToken);
        var own = ReferenceEquals(session.Store.Compilation, compilation) ? session : null;
        var generatedCode = new GeneratedCodeRegions();
        // A command-line build reports at compilation end (see ReportingTime); an editor, as each declaration comes.
        var deferred = ReportingTime.IsCompilationEnd(compilation) ? new ConcurrentQueue<QueuedDeclaration>() : null;

        context.RegisterOperationBlockAction(block =>
        {
            // A declaration the shared session cannot map (none known today) is analyzed by a session of its own.
            var owner = session.OwnerFor(block.OwningSymbol, compilation, block.CancellationToken);
            var analysis = owner is null ? LazyInitializer.EnsureInitialized(ref own, Create)! : session;
            owner ??= block.OwningSymbol;
            if (!IsSummarized(owner, generatedCode, block))
            {
                return;
            }

            // The driver's blocks belong to the analyzed compilation; a shared session reads from its own models.
            bool ownCompilation = ReferenceEquals(owner, block.OwningSymbol);
            if (deferred is not null && ownCompilation)
            {
                // A build: keep the blocks; they are summarized at compilation end, on every core (see ReportDeferred).
                deferred.Enqueue(new QueuedDeclaration(analysis, owner, block.OperationBlocks, Summary: null));
                return;
            }

            var declaration = analysis.Store.Owner(owner, ownCompilation ? block.OperationBlocks : null, block.CancellationToken);
            if (ReferenceEquals(declaration, OwnerSummary.None))
            {
                return;
            }

            if (deferred is null)
            {
                Report(analysis, declaration, InProgram(analysis, block.ReportDiagnostic), block.CancellationToken);
            }
            else
            {
                deferred.Enqueue(new QueuedDeclaration(analysis, owner, ImmutableArray<IOperation>.Empty, declaration));
            }
        });
        context.RegisterCompilationEndAction(end =>
        {
            if (deferred is not null)
            {
                ReportDeferred(deferred, generatedCode, end);
            }

            Llm008MalformedFileRule.Report(inputs.FileProblems, end.ReportDiagnostic);
            Llm006AgentStepWithoutSloRule.Report(session, generatedCode.Filter(InProgram(session, end.ReportDiagnostic)), end.CancellationToken);
            Llm009InvalidConfigurationRule.Report(session, end.ReportDiagnostic, end.CancellationToken);
        });
    }

    /// <summary>Whether a declaration is summarized: code the rules read (a method, field or property), not generated.</summary>
    /// <param name="owner">The declaration's symbol in the session's compilation.</param>
    /// <param name="generatedCode">Where generated declarations are recorded.</param>
    /// <param name="context">The driver's callback.</param>
    private static bool IsSummarized(ISymbol owner, GeneratedCodeRegions generatedCode, OperationBlockAnalysisContext context)
    {
        if (context.IsGeneratedCode)
        {
            generatedCode.Add(context.OwningSymbol);
            return false; // counted for its callers (read on demand), never reported on
        }

        return owner is IMethodSymbol or IFieldSymbol or IPropertySymbol;
    }

    /// <summary>
    /// A declaration a build reports at compilation end: its operation blocks, to be summarized then, or its summary,
    /// already kept in the store.
    /// </summary>
    private readonly record struct QueuedDeclaration(TaskAnalysisSession Session, ISymbol Owner, ImmutableArray<IOperation> Blocks, OwnerSummary? Summary);

    /// <summary>
    /// Summarizes and reports the queued declarations at compilation end. The end action is the last thing the compiler
    /// waits for, so the declarations are shared among the cores (the session is thread-safe, as live callbacks need);
    /// diagnostics are collected and reported in one order, whichever thread found them.
    /// </summary>
    /// <remarks>
    /// The callbacks only queue the blocks the compiler hands over. Summarizing them there cost the build four to six
    /// times its processor time: a callback's clock runs on while the compiler's own threads and its garbage
    /// collections hold the core (two cores, a build's worth of threads). Here the compiler has bound every body, and
    /// the same work is charged about the processor time it takes. The operation trees live until then (about 8 % more
    /// peak memory in the 600-file benchmark build).
    /// </remarks>
    private static void ReportDeferred(ConcurrentQueue<QueuedDeclaration> deferred, GeneratedCodeRegions generatedCode, CompilationAnalysisContext end)
    {
        var options = new ParallelOptions { CancellationToken = end.CancellationToken };
        var queued = deferred.ToArray();
        var summaries = new OwnerSummary[queued.Length];
        Parallel.For(0, queued.Length, options, i => summaries[i] = queued[i].Summary ?? queued[i].Session.Store.Summarize(queued[i].Owner, queued[i].Blocks));

        // Then keep the summaries (one thread, in the order the declarations came; the first kept wins).
        var declarations = new List<(TaskAnalysisSession Session, OwnerSummary Declaration)>(queued.Length);
        for (int i = 0; i < queued.Length; i++)
        {
            var kept = queued[i].Summary ?? queued[i].Session.Store.Keep(queued[i].Owner, summaries[i]);
            if (!ReferenceEquals(kept, OwnerSummary.None))
            {
                declarations.Add((queued[i].Session, kept));
            }
        }

        var found = new ConcurrentBag<Diagnostic>();
        // Then compose what they reach (the composition lock taken by one thread), then report on all cores.
        // Likewise the task index the rules look tasks up in: built once here rather than by the first thread that
        // asks while the others wait for it.
        foreach (var group in declarations.GroupBy(item => item.Session))
        {
            // Every declaration of a build is summarized by now (generated ones excepted, and read on demand).
            group.Key.Store.CompleteMemberFacts(generatedCode);
            group.Key.Composer.ComposeAll(group.SelectMany(item => item.Declaration.AllSummaries()).ToList(), end.CancellationToken);
            group.Key.Tasks(end.CancellationToken);
        }

        Parallel.ForEach(declarations, options, item => Report(item.Session, item.Declaration, found.Add, end.CancellationToken));
        foreach (var diagnostic in found.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal))
        {
            end.ReportDiagnostic(diagnostic);
        }
    }

    /// <summary>
    /// <paramref name="report"/>, but for a session derived after edits (<see cref="EditedSession"/>): it drops a
    /// diagnostic that still points into an edited file's old tree (none is known to; the compiler would throw).
    /// </summary>
    private static Action<Diagnostic> InProgram(TaskAnalysisSession session, Action<Diagnostic> report)
    {
        if (session.Edits.Count == 0)
        {
            return report;
        }

        return diagnostic =>
        {
            if (!session.IsReplacedTree(diagnostic.Location.SourceTree) && !diagnostic.AdditionalLocations.Any(l => session.IsReplacedTree(l.SourceTree)))
            {
                report(diagnostic);
            }
        };
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
