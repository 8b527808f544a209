using System.Collections.Generic;
using LlmCallAnalyzers.Model;
using Microsoft.CodeAnalysis;

namespace LlmCallAnalyzers.Analyzers.Analysis;

/// <summary>One task's composed tree and figures under the parameters that apply to its file.</summary>
internal sealed class TaskEvaluation
{
    private readonly RequirementSolver _solver;
    private readonly CallTreeEvaluator _evaluator;
    private readonly object _evaluatorGate;

    // evaluator: the one the estimate came from (it keeps every node's figures); evaluatorGate: the lock its users take.
    public TaskEvaluation(MethodSummary summary, CallTree tree, ModelParameters parameters, TaskEstimate estimate, RequirementSolver solver, CallTreeEvaluator evaluator, object evaluatorGate)
    {
        _solver = solver;
        _evaluator = evaluator;
        _evaluatorGate = evaluatorGate;
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

    /// <summary>
    /// The calls and loops that make up the task's figure in <paramref name="measure"/>, largest first, read with the
    /// evaluator that composed the task (which already holds every node's figures under the task's parameters): no
    /// second evaluation, and one lock for the whole walk rather than one a node.
    /// </summary>
    public List<Contributor> Contributors(ContributionMeasure measure)
    {
        lock (_evaluatorGate)
        {
            return Analysis.Contributors.Of(Tree, measure, _evaluator.Evaluate);
        }
    }

    /// <summary>The per-call availability the task would need (back-solved), computed on demand.</summary>
    public double? RequiredPerCall()
    {
        if (Slo is not double slo || Estimate.IsUnbounded)
        {
            return null;
        }

        // The solver is shared by the tasks of one parameter set (TaskReport may ask from any thread).
        lock (_solver)
        {
            return _solver.RequiredPerCallAvailability(Tree, slo);
        }
    }
}
