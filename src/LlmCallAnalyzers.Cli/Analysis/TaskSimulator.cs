using System;
using System.Collections.Generic;
using System.Linq;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Cli.Statistics;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Cli.Analysis;

/// <summary>Runs <see cref="MonteCarloSimulator"/> over each task's call tree.</summary>
public static class TaskSimulator
{
    /// <summary>Simulates every task of <paramref name="report"/> (optionally only those named <paramref name="only"/>).</summary>
    public static IReadOnlyList<TaskSimulation> Run(ReportResult report, SimulationSettings settings, ICollection<string>? only = null)
    {
        var results = new List<TaskSimulation>();
        foreach (var (project, task) in report.AllTasks)
        {
            if (only is { Count: > 0 } && !only.Contains(task.TaskName))
            {
                continue;
            }

            var parameters = settings.ProviderOutage is double outage ? WithOutage(task.Parameters, outage) : task.Parameters;
            var simulator = new MonteCarloSimulator(parameters, settings.Seed, settings.RandomBranches)
            {
                UnboundedIterations = settings.UnboundedIterations,
            };
            var result = simulator.Run(task.Tree, settings.Runs);
            var closedForm = new CallTreeEvaluator(parameters).EvaluateTask(task.Tree);
            results.Add(new TaskSimulation(project.Name, task, result, parameters, closedForm));
        }

        return results;
    }

    private static ModelParameters WithOutage(ModelParameters p, double outage)
    {
        var providers = p.Providers.ToDictionary(
            pair => pair.Key,
            pair => new ProviderParameters(pair.Value.CallAvailability, outage, pair.Value.CallLatencyP99Ms, pair.Value.Models),
            StringComparer.OrdinalIgnoreCase);
        return new ModelParameters(p.CallAvailability, p.RetryRecoverable, outage, p.CallLatencyP99Ms, p.ColdStartP99Ms, p.RetryBackoffMs, providers);
    }
}
