using System.Collections.Generic;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>One task's composed tree and figures under the parameters that apply to its file.</summary>
internal sealed class TaskEvaluation
{
    public TaskEvaluation(MethodSummary summary, CallTree tree, ModelParameters parameters, TaskEstimate estimate)
    {
        Summary = summary;
        Tree = tree;
        Parameters = parameters;
        Estimate = estimate;
    }

    public MethodSummary Summary { get; }

    public IMethodSymbol Method => Summary.Method;

    public CallTree Tree { get; }

    public ModelParameters Parameters { get; }

    public TaskEstimate Estimate { get; }

    public double? Slo => Summary.Attributes.Slo;

    /// <summary>True when an SLO is declared and the worst case meets it.</summary>
    public bool MeetsSlo => Slo is not double slo || Estimate.Meets(slo);

    /// <summary>The per-call availability the task would need (back-solved), computed on demand.</summary>
    public double? RequiredPerCall()
        => Slo is double slo && !Estimate.IsUnbounded ? RequirementSolver.RequiredPerCallAvailability(Tree, Parameters, slo) : null;
}

/// <summary>Evaluates tasks, caching one evaluator per distinct parameter set (usually one per compilation).</summary>
internal sealed class TaskEvaluator
{
    private readonly Dictionary<ModelParameters, CallTreeEvaluator> _evaluators = new();

    public TaskEvaluation Evaluate(MethodSummary summary, CallTree tree, ModelParameters parameters)
    {
        if (!_evaluators.TryGetValue(parameters, out var evaluator))
        {
            evaluator = new CallTreeEvaluator(parameters);
            _evaluators[parameters] = evaluator;
        }

        return new TaskEvaluation(summary, tree, parameters, evaluator.EvaluateTask(tree));
    }
}
