using System.Collections.Generic;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>Evaluates tasks, caching one evaluator and one requirement solver per distinct parameter set (usually one per compilation). Not thread-safe.</summary>
internal sealed class TaskEvaluator
{
    private readonly Dictionary<ModelParameters, (CallTreeEvaluator Evaluator, RequirementSolver Solver)> _evaluators = new();

    public TaskEvaluation Evaluate(MethodSummary summary, CallTree tree, ModelParameters parameters)
    {
        if (!_evaluators.TryGetValue(parameters, out var cached))
        {
            cached = (new CallTreeEvaluator(parameters), new RequirementSolver(parameters));
            _evaluators[parameters] = cached;
        }

        return new TaskEvaluation(summary, tree, parameters, cached.Evaluator.EvaluateTask(tree), cached.Solver, cached.Evaluator, this);
    }
}
