using System;
using System.Collections.Generic;
using System.Linq;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Cli.Statistics;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Cli.Analysis;

/// <summary>How <c>llmslo simulate</c> runs the model.</summary>
public sealed class SimulationSettings
{
    /// <summary>Simulated runs per task.</summary>
    public int Runs { get; init; } = 10_000;

    /// <summary>The seed (runs are reproducible).</summary>
    public int Seed { get; init; } = 12345;

    /// <summary>Overrides <c>provider_outage</c> for every provider: correlated outages counted once per provider per run.</summary>
    public double? ProviderOutage { get; init; }

    /// <summary>Take a uniformly random arm of each branch rather than its worst arm.</summary>
    public bool RandomBranches { get; init; }

    /// <summary>Iterations of a loop the code does not bound.</summary>
    public int UnboundedIterations { get; init; } = 100;
}

/// <summary>One task's Monte Carlo outcome next to its closed-form estimate.</summary>
public sealed class TaskSimulation
{
    internal TaskSimulation(string project, TaskReport task, SimulationResult result, ModelParameters parameters, TaskEstimate closedForm)
    {
        Project = project;
        Task = task;
        Result = result;
        Parameters = parameters;
        ClosedForm = closedForm;
        Calls = new CountHistogram();
        foreach (var group in result.CallCounts.GroupBy(c => c))
        {
            Calls.Add(group.Key, group.LongCount());
        }

        Success = WilsonInterval.Compute(result.Succeeded, result.Tasks);
    }

    /// <summary>The project of the task.</summary>
    public string Project { get; }

    /// <summary>The task as the analyzer reports it.</summary>
    public TaskReport Task { get; }

    /// <summary>The raw simulation result.</summary>
    public SimulationResult Result { get; }

    /// <summary>The parameters simulated (the task's, with the outage override applied).</summary>
    public ModelParameters Parameters { get; }

    /// <summary>The closed-form estimate under the same parameters.</summary>
    public TaskEstimate ClosedForm { get; }

    /// <summary>The distribution of model requests per run.</summary>
    public CountHistogram Calls { get; }

    /// <summary>The simulated success rate with its 95 % Wilson interval.</summary>
    public WilsonInterval Success { get; }
}

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
