using System.Linq;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Cli.Statistics;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Cli.Analysis;

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
