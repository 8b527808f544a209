using System.Collections.Generic;

namespace LlmCallAnalyzers.Model;

/// <summary>The availability of one task written out step by step (<see cref="AvailabilityExplainer"/>).</summary>
public sealed class AvailabilityExplanation
{
    internal AvailabilityExplanation(IReadOnlyList<ExplanationStep> steps, ExplanationStep? root, TaskEstimate task)
    {
        Steps = steps;
        Root = root;
        Task = task;
    }

    /// <summary>The steps, children before parents; empty when the task is unbounded or makes no call.</summary>
    public IReadOnlyList<ExplanationStep> Steps { get; }

    /// <summary>The step of the whole tree; null when there is none.</summary>
    public ExplanationStep? Root { get; }

    /// <summary>The task's figures, as <see cref="CallTreeEvaluator.EvaluateTask"/> gives them.</summary>
    public TaskEstimate Task { get; }

    /// <summary>
    /// The last line: the tree's availability times the outage factor, e.g.
    /// <c>[6] × 1 (provider outages) = 0.986080 → 98.61 %</c>; null when the task is unbounded.
    /// </summary>
    public string? TaskFormula
    {
        get
        {
            if (Task.Availability is not double availability)
            {
                return null;
            }

            string tree = Root is null ? "1" : "[" + Root.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
            return tree + " × " + AvailabilityExplainer.Number(Task.OutageFactor) + " (provider outages, once per provider) = "
                + AvailabilityExplainer.Number(availability) + " → " + Percent.Format(availability);
        }
    }
}
