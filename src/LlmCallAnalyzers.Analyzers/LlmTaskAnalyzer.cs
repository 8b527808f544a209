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
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var state = CompilationState.TryCreate(context.Compilation, context.Options, context.CancellationToken);
        if (state is null)
        {
            return; // No LLM SDK and no llm-calls file: nothing to do, at no cost.
        }

        context.RegisterOperationBlockAction(state.AnalyzeBlock);
        context.RegisterCompilationEndAction(state.Report);
    }

    /// <summary>Everything one compilation's analysis collects; thread-safe.</summary>
    private sealed class CompilationState
    {
        private readonly CallSiteCatalog _catalog;
        private readonly WellKnownSymbols _symbols;
        private readonly AttributeSymbols _attributes;
        private readonly IAssemblySymbol _assembly;
        private readonly List<FileProblem> _fileProblems;
        private readonly MeasuredAvailability _measured;
        private readonly ConcurrentDictionary<IMethodSymbol, MethodSummary> _summaries = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, ValueFacts> _memberFacts = new(SymbolEqualityComparer.Default);

        private CompilationState(Compilation compilation, CallSiteCatalog catalog, List<FileProblem> fileProblems, MeasuredAvailability measured)
        {
            _catalog = catalog;
            _symbols = new WellKnownSymbols(compilation);
            _attributes = new AttributeSymbols(compilation);
            _assembly = compilation.Assembly;
            _fileProblems = fileProblems;
            _measured = measured;
        }

        public static CompilationState? TryCreate(Compilation compilation, AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
        {
            var problems = new List<FileProblem>();
            var extra = new List<EntryPoint>();
            var measured = MeasuredAvailability.None;
            foreach (var file in options.AdditionalFiles)
            {
                bool catalogFile = CatalogFileParser.IsCatalogFile(file.Path);
                bool availabilityFile = MeasuredAvailability.IsAvailabilityFile(file.Path);
                if (!catalogFile && !availabilityFile)
                {
                    continue;
                }

                var text = file.GetText(cancellationToken)?.ToString();
                if (text is null)
                {
                    problems.Add(new FileProblem(file.Path, 0, "the file cannot be read"));
                    continue;
                }

                if (catalogFile)
                {
                    extra.AddRange(CatalogFileParser.Parse(file.Path, text, problems));
                }
                else
                {
                    measured = MeasuredAvailability.Parse(file.Path, text, problems);
                }
            }

            var catalog = CallSiteCatalog.Create(compilation, extra);
            if (!catalog.HasEntryPoints && problems.Count == 0)
            {
                return null;
            }

            return new CompilationState(compilation, catalog, problems, measured);
        }

        public void AnalyzeBlock(OperationBlockAnalysisContext context)
        {
            switch (context.OwningSymbol)
            {
                case IMethodSymbol method:
                    AnalyzeMethod(context, method);
                    break;
                case IFieldSymbol or IPropertySymbol:
                    foreach (var block in context.OperationBlocks)
                    {
                        if (block is ISymbolInitializerOperation initializer)
                        {
                            var facts = FactsExtractor.Extract(initializer.Value, static _ => null, _symbols);
                            if (!facts.IsEmpty)
                            {
                                _memberFacts.TryAdd(context.OwningSymbol.OriginalDefinition, facts);
                            }
                        }
                    }

                    break;
            }
        }

        private void AnalyzeMethod(OperationBlockAnalysisContext context, IMethodSymbol method)
        {
            var builder = new ShapeBuilder(_catalog, _symbols, _assembly);
            var parts = ImmutableArray.CreateBuilder<Shape>();
            foreach (var block in context.OperationBlocks)
            {
                // Parameter default values and attribute arguments run no code.
                if (block.Kind is OperationKind.ParameterInitializer or OperationKind.Attribute)
                {
                    continue;
                }

                parts.Add(builder.Build(block));
            }

            foreach (var assignment in builder.MemberAssignments)
            {
                _memberFacts.TryAdd(assignment.Key, assignment.Value);
            }

            var shape = Shape.Sequence(parts.ToImmutable());
            var attributes = TaskAttributes.Read(method, _attributes);
            if (shape.IsEmpty && !attributes.IsTask && attributes.FanOut is null)
            {
                return;
            }

            var key = method.OriginalDefinition;
            _summaries[key] = new MethodSummary(key, shape, attributes);
            ReportDirectCallsInLoops(context, shape);
        }

        private static void ReportDirectCallsInLoops(OperationBlockAnalysisContext context, Shape shape)
        {
            var reported = new HashSet<Location>();
            foreach (var call in ShapeWalker.Calls(shape))
            {
                if (call.Loop is { } loop && reported.Add(call.Location))
                {
                    string makes = call.HiddenMaxCalls > 1 ? $"up to {call.HiddenMaxCalls} LLM calls" : "1 LLM call";
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallInLoop, call.Location, call.Label, makes, loop.Describe()));
                }
            }
        }

        public void Report(CompilationAnalysisContext context)
        {
            foreach (var problem in _fileProblems)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.MalformedCatalogFile, Location.None, problem.Path, problem.Line, problem.Message));
            }

            var reporter = new TaskReporter(
                new Dictionary<IMethodSymbol, MethodSummary>(_summaries, SymbolEqualityComparer.Default),
                new Dictionary<ISymbol, ValueFacts>(_memberFacts, SymbolEqualityComparer.Default),
                context.Options,
                _measured,
                context.ReportDiagnostic,
                context.CancellationToken);
            reporter.Run();
        }
    }
}
