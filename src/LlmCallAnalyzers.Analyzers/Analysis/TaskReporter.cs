using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>
/// Compilation-end reporting: composes every summarized method, evaluates each task and reports the cross-method
/// rules. Every traversal of the call graph visits each method at most once, so the cost is linear in its size.
/// </summary>
internal sealed class TaskReporter
{
    private readonly IReadOnlyDictionary<IMethodSymbol, MethodSummary> _summaries;
    private readonly AnalyzerOptions _options;
    private readonly MeasuredAvailability _measured;
    private readonly Action<Diagnostic> _report;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<AnalyzerConfigOptions, ModelParameters> _parameters = new();
    private readonly List<ConfigurationProblem> _configurationProblems = new();
    private readonly TaskEvaluator _evaluator = new();

    public TaskReporter(
        IReadOnlyDictionary<IMethodSymbol, MethodSummary> summaries,
        IReadOnlyDictionary<ISymbol, ValueFacts> memberFacts,
        AnalyzerOptions options,
        MeasuredAvailability measured,
        Action<Diagnostic> report,
        CancellationToken cancellationToken)
    {
        _summaries = summaries;
        _options = options;
        _measured = measured;
        _report = report;
        _cancellationToken = cancellationToken;
        Composer = new TaskComposer(summaries, memberFacts, ReadFineTunedModels(options));
    }

    public TaskComposer Composer { get; }

    [MethodImpl(JitHints.Optimized)]
    public void Run()
    {
        // Surface invalid global configuration even in a compilation without tasks.
        ModelOptions.Read(_options.AnalyzerConfigOptionsProvider.GlobalOptions, _measured, _configurationProblems);
        ReportCallsOfLlmMethodsInLoops();
        var tasks = _summaries.Values.Where(s => s.Attributes.IsTask).OrderBy(s => s.TaskName, StringComparer.Ordinal).ToList();
        foreach (var task in tasks)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var evaluation = Evaluate(task);
            ReportSlo(evaluation);
            ReportLatency(evaluation);
        }

        ReportUnboundedFanOut(tasks);
        ReportAgentStepsWithoutSlo(tasks);
        ReportFineTunedModels(tasks);
        foreach (var problem in _configurationProblems.GroupBy(p => p.Key).Select(g => g.First()))
        {
            _report(Diagnostic.Create(Descriptors.InvalidConfiguration, Location.None, problem.Key, problem.Value, problem.Reason, problem.Fallback));
        }
    }

    public TaskEvaluation Evaluate(MethodSummary task) => _evaluator.Evaluate(task, Composer.TreeOf(task.Method), ParametersFor(task.Method));

    public ModelParameters ParametersFor(IMethodSymbol method)
    {
        var tree = method.Locations.FirstOrDefault(l => l.IsInSource)?.SourceTree;
        var options = tree is null ? _options.AnalyzerConfigOptionsProvider.GlobalOptions : _options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        if (!_parameters.TryGetValue(options, out var parameters))
        {
            parameters = ModelOptions.Read(options, _measured, _configurationProblems);
            _parameters[options] = parameters;
        }

        return parameters;
    }

    private static FineTunedModels ReadFineTunedModels(AnalyzerOptions options)
    {
        if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(ModelOptions.FineTunedModelsKey, out var list) && !string.IsNullOrWhiteSpace(list))
        {
            return new FineTunedModels(list.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries));
        }

        return FineTunedModels.Default;
    }

    [MethodImpl(JitHints.Optimized)]
    private void ReportCallsOfLlmMethodsInLoops()
    {
        HashSet<Location>? reported = null;
        foreach (var summary in _summaries.Values)
        {
            reported?.Clear();

            // Direct calls first (calls on fields, resolved now), then calls of methods that make LLM calls.
            foreach (var leaf in ShapeWalker.Leaves(summary.Shape))
            {
                if (leaf is CallShape { Loop: { } callLoop, Receiver.AliasOf: not null } call && (reported ??= new HashSet<Location>()).Add(call.Location))
                {
                    _report(Diagnostic.Create(Descriptors.CallInLoopAcrossMethods, call.Location, call.Label, MessageText.DescribeRequests(Composer.RequestsOf(call)), callLoop.Describe()));
                }
            }

            foreach (var leaf in ShapeWalker.Leaves(summary.Shape))
            {
                if (leaf is InvokeShape { Loop: { } loop } invoke && (reported ??= new HashSet<Location>()).Add(invoke.Location))
                {
                    var probe = Composer.Probe(Composer.TreeOf(invoke.Target));
                    if (probe.MaxCalls != 0)
                    {
                        _report(Diagnostic.Create(Descriptors.CallInLoopAcrossMethods, invoke.Location, invoke.Target.Name, DescribeCalls(probe), loop.Describe()));
                    }
                }
                else if (leaf is DelegateInvokeShape { Loop: { } delegateLoop } invokeDelegate && (reported ??= new HashSet<Location>()).Add(invokeDelegate.Location))
                {
                    var probe = Composer.DelegateTargetOf(invokeDelegate.Member) is { } held ? Composer.Probe(Composer.TreeOf(held)) : null;
                    if (probe is { MaxCalls: not 0 })
                    {
                        _report(Diagnostic.Create(Descriptors.CallInLoopAcrossMethods, invokeDelegate.Location, invokeDelegate.Member.Name, DescribeCalls(probe), delegateLoop.Describe()));
                    }
                }
                else if (leaf is DispatchShape { Loop: { } dispatchLoop } dispatch && (reported ??= new HashSet<Location>()).Add(dispatch.Location))
                {
                    var tree = Composer.TreeOfDispatch(dispatch);
                    var probe = Composer.Probe(tree);
                    if (probe.MaxCalls != 0)
                    {
                        string implementations = tree is BranchNode { Arms.Length: > 1 } node ? " (" + DispatchText.DescribeImplementations(node, Composer.Probe) + ")" : string.Empty;
                        _report(Diagnostic.Create(Descriptors.CallInLoopAcrossMethods, dispatch.Location, dispatch.Label, DescribeCalls(probe) + implementations, dispatchLoop.Describe()));
                    }
                }
            }
        }
    }

    private static string DescribeCalls(TreeEstimate probe)
    {
        if (probe.MaxCalls is not long max)
        {
            return "an unbounded number of LLM calls";
        }

        string calls = max == 1 ? "1 LLM call" : max.ToString(CultureInfo.InvariantCulture) + " LLM calls";
        return probe.MinCalls == max ? calls : "up to " + calls;
    }

    private void ReportSlo(TaskEvaluation evaluation)
    {
        if (evaluation.Slo is not double slo || evaluation.Estimate.IsUnbounded || evaluation.MeetsSlo || evaluation.Estimate.Availability is not double availability)
        {
            return;
        }

        var (composed, target) = Percent.FormatDistinct(availability, slo);
        double? required = evaluation.RequiredPerCall();
        string needs = required is double r
            ? "≥ " + Percent.FormatRequirement(r) + " per call"
            : "more than any per-call availability can give (provider outages alone allow " + Percent.Format(OutageCeiling(evaluation)) + ")";
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[DiagnosticPropertyKeys.EssentialCalls] = evaluation.Estimate.EssentialCalls?.ToString(CultureInfo.InvariantCulture);
        _report(Diagnostic.Create(
            Descriptors.SloNotMet,
            evaluation.Summary.Location,
            properties.ToImmutable(),
            evaluation.Method.Name,
            MessageText.DescribeInputs(evaluation) + (DispatchText.DescribeLargest(evaluation.Tree, Composer.Probe) is { } dispatch ? " (" + dispatch + ")" : string.Empty),
            composed,
            target,
            needs));
    }

    /// <summary>The task's availability if every call always succeeded: what provider outages alone leave.</summary>
    private static double OutageCeiling(TaskEvaluation evaluation)
        => new CallTreeEvaluator(evaluation.Parameters.WithUniformAvailability(1)).EvaluateTask(evaluation.Tree).Availability ?? 0;

    private void ReportLatency(TaskEvaluation evaluation)
    {
        int budget = evaluation.Summary.Attributes.LatencyBudgetMs;
        if (budget <= 0 || evaluation.Estimate.LatencyP99Ms is not double latency || latency <= budget)
        {
            return;
        }

        _report(Diagnostic.Create(
            Descriptors.LatencyBudgetExceeded,
            evaluation.Summary.Location,
            evaluation.Method.Name,
            MessageText.DescribeLatency(evaluation),
            Math.Round(latency).ToString(CultureInfo.InvariantCulture),
            budget.ToString(CultureInfo.InvariantCulture)));
    }

    [MethodImpl(JitHints.Optimized)]
    private void ReportUnboundedFanOut(List<MethodSummary> tasks)
    {
        // One breadth-first pass from all tasks; each source is reported once, naming the first task that reaches it.
        var firstTask = new Dictionary<IMethodSymbol, MethodSummary>(SymbolEqualityComparer.Default);
        var queue = new Queue<IMethodSymbol>();
        foreach (var task in tasks)
        {
            if (firstTask.ContainsKey(task.Method))
            {
                continue;
            }

            firstTask[task.Method] = task;
            queue.Enqueue(task.Method);
            while (queue.Count > 0)
            {
                var method = queue.Dequeue();
                foreach (var source in Composer.UnboundedSourcesOf(method))
                {
                    string description = char.ToUpperInvariant(source.Description[0]) + source.Description.Substring(1);
                    // For the LLM002 code fix: what one iteration makes and what [FanOut(n)] would declare.
                    var properties = ImmutableDictionary.CreateBuilder<string, string?>();
                    properties[DiagnosticPropertyKeys.CallsPerIteration] = source.CallsPerIteration?.ToString(CultureInfo.InvariantCulture);
                    properties[DiagnosticPropertyKeys.SuggestedFanOut] = Composer.SuggestedFanOutOf(method)?.ToString(CultureInfo.InvariantCulture);
                    properties[DiagnosticPropertyKeys.AssumedIterations] = TaskComposer.AssumedIterations.ToString(CultureInfo.InvariantCulture);
                    _report(Diagnostic.Create(Descriptors.UnboundedFanOut, source.Location, properties.ToImmutable(), description, task.Method.Name, string.Empty, method.Name));
                }

                foreach (var callee in Composer.Graph.Callees(method))
                {
                    if (_summaries[callee].Attributes.FanOut is null && !firstTask.ContainsKey(callee))
                    {
                        firstTask[callee] = task;
                        queue.Enqueue(callee);
                    }
                }
            }
        }
    }

    [MethodImpl(JitHints.Optimized)]
    private void ReportAgentStepsWithoutSlo(List<MethodSummary> tasks)
    {
        var covered = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var queue = new Queue<IMethodSymbol>();
        foreach (var task in tasks.Where(t => t.Attributes.Slo is not null))
        {
            if (covered.Add(task.Method))
            {
                queue.Enqueue(task.Method);
            }
        }

        while (queue.Count > 0)
        {
            foreach (var callee in Composer.Graph.Callees(queue.Dequeue()))
            {
                if (covered.Add(callee))
                {
                    queue.Enqueue(callee);
                }
            }
        }

        foreach (var step in tasks.Where(t => t.Attributes.IsAgentStep && !covered.Contains(t.Method)))
        {
            var evaluation = Evaluate(step);
            if (evaluation.Estimate.MaxCalls == 0)
            {
                continue;
            }

            string availability = evaluation.Estimate.Availability is double a ? Percent.Format(a) : "unknown (unbounded fan-out)";
            // For the LLM006 code fix, which declares [TaskSlo] at the composed availability rounded down.
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[DiagnosticPropertyKeys.Availability] = evaluation.Estimate.Availability?.ToString("R", CultureInfo.InvariantCulture);
            _report(Diagnostic.Create(Descriptors.AgentStepWithoutSlo, step.Location, properties.ToImmutable(), step.Method.Name, DescribeCalls(evaluation.Estimate.Tree), availability));
        }
    }

    [MethodImpl(JitHints.Optimized)]
    private void ReportFineTunedModels(List<MethodSummary> tasks)
    {
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var reported = new HashSet<Location>();
        var queue = new Queue<IMethodSymbol>();
        foreach (var task in tasks)
        {
            if (!visited.Add(task.Method))
            {
                continue;
            }

            var parameters = ParametersFor(task.Method);
            queue.Enqueue(task.Method);
            while (queue.Count > 0)
            {
                var method = queue.Dequeue();
                foreach (var call in ShapeWalker.Calls(_summaries[method].Shape))
                {
                    string? model = Composer.ModelOf(call);
                    if (model is not null && Composer.IsFineTuned(model) && reported.Add(call.Location))
                    {
                        _report(Diagnostic.Create(Descriptors.FineTunedColdStart, call.Location, call.Label, model, task.Method.Name, Math.Round(parameters.ColdStartP99Ms).ToString(CultureInfo.InvariantCulture)));
                    }
                }

                foreach (var callee in Composer.Graph.Callees(method))
                {
                    if (visited.Add(callee))
                    {
                        queue.Enqueue(callee);
                    }
                }
            }
        }
    }
}
