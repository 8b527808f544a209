using System.Collections.Generic;
using System.IO;
using System.Linq;
using LlmCallAnalyzers.Cli.Analysis;
using LlmCallAnalyzers.Model;
using Spectre.Console;

namespace LlmCallAnalyzers.Cli.Output;

/// <summary>Writes <c>llmslo simulate</c>: the distribution of calls and of task success per task.</summary>
public static class SimulateFormatter
{
    /// <summary>A Spectre.Console table, and a bar chart of calls per run for each task with <paramref name="histogram"/>.</summary>
    public static void WriteTable(IAnsiConsole console, IReadOnlyList<TaskSimulation> simulations, SimulationSettings settings, bool histogram)
    {
        if (simulations.Count == 0)
        {
            console.WriteLine("No LLM tasks to simulate.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Monte Carlo: {settings.Runs} runs per task, seed {settings.Seed}{(settings.RandomBranches ? ", random branch arms" : ", worst branch arm")}");
        table.AddColumn(new TableColumn("Task").NoWrap());
        table.AddColumn(new TableColumn("Calls min / p50 / p99 / max").RightAligned());
        table.AddColumn(new TableColumn("Mean").RightAligned());
        table.AddColumn(new TableColumn("Success (simulated)").RightAligned());
        table.AddColumn(new TableColumn("95 % interval").RightAligned());
        table.AddColumn(new TableColumn("Model").RightAligned());
        table.AddColumn(new TableColumn("SLO").RightAligned());
        foreach (var s in simulations)
        {
            table.AddRow(
                new Text(s.Task.TaskName),
                new Text(CallsText(s)),
                new Text(s.Calls.Mean.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)),
                new Text(Percent.Format(s.Success.Rate)),
                new Text(Percent.Format(s.Success.Lower) + " – " + Percent.Format(s.Success.Upper)),
                new Text(Figures.Availability(s.ClosedForm.Availability)),
                new Text(Figures.Slo(s.Task.Slo)));
        }

        console.Write(table);
        var outages = simulations.Select(s => s.Parameters.ProviderOutage).Distinct().ToList();
        console.WriteLine($"Model = closed-form availability under the same parameters. Provider outage per task: {string.Join(", ", outages.Select(o => Figures.Number(o)))} (correlated: all calls to a provider fail together). Unbounded loops run {settings.UnboundedIterations} times.");
        if (histogram)
        {
            foreach (var s in simulations)
            {
                console.WriteLine();
                var chart = new BarChart().Label(Markup.Escape(s.Task.TaskName) + " — calls per run").Width(80);
                foreach (var bucket in s.Calls.Buckets.Take(40))
                {
                    chart.AddItem(Figures.Count(bucket.Key) + " calls", bucket.Value, Color.Blue);
                }

                console.Write(chart);
            }
        }
    }

    /// <summary>A Markdown table.</summary>
    public static void WriteMarkdown(TextWriter writer, IReadOnlyList<TaskSimulation> simulations, SimulationSettings settings)
    {
        writer.WriteLine($"## Monte Carlo ({settings.Runs} runs per task, seed {settings.Seed})");
        writer.WriteLine();
        writer.WriteLine("| Task | Calls min / p50 / p99 / max | Success (simulated) | 95 % interval | Model | SLO |");
        writer.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in simulations)
        {
            writer.WriteLine($"| `{s.Task.TaskName}` | {CallsText(s)} | {Percent.Format(s.Success.Rate)} | {Percent.Format(s.Success.Lower)} – {Percent.Format(s.Success.Upper)} | {Figures.Availability(s.ClosedForm.Availability)} | {Figures.Slo(s.Task.Slo)} |");
        }
    }

    /// <summary>One JSON document.</summary>
    public static void WriteJson(TextWriter writer, IReadOnlyList<TaskSimulation> simulations, SimulationSettings settings)
    {
        JsonOutput.Write(writer, json =>
        {
            json.WriteStartObject();
            json.WriteString("tool", "llmslo");
            json.WriteString("version", JsonOutput.ToolVersion);
            json.WriteNumber("runs", settings.Runs);
            json.WriteNumber("seed", settings.Seed);
            json.WriteBoolean("random_branches", settings.RandomBranches);
            json.WriteNumber("unbounded_iterations", settings.UnboundedIterations);
            json.WriteStartArray("tasks");
            foreach (var s in simulations)
            {
                json.WriteStartObject();
                json.WriteString("project", s.Project);
                json.WriteString("task", s.Task.TaskName);
                json.WriteNumber("provider_outage", s.Parameters.ProviderOutage);
                json.WriteStartObject("calls");
                json.WriteNumber("min", s.Calls.Min);
                json.WriteNumber("p50", s.Calls.Quantile(0.5));
                json.WriteNumber("p90", s.Calls.Quantile(0.9));
                json.WriteNumber("p99", s.Calls.Quantile(0.99));
                json.WriteNumber("max", s.Calls.Max);
                json.WriteNumber("mean", System.Math.Round(s.Calls.Mean, 6));
                json.WriteStartArray("histogram");
                foreach (var bucket in s.Calls.Buckets)
                {
                    json.WriteStartObject();
                    json.WriteNumber("calls", bucket.Key);
                    json.WriteNumber("runs", bucket.Value);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartObject("success");
                json.WriteNumber("succeeded", s.Result.Succeeded);
                json.WriteNumber("runs", s.Result.Tasks);
                json.WriteNumber("rate", s.Success.Rate);
                json.WriteNumber("ci_low", s.Success.Lower);
                json.WriteNumber("ci_high", s.Success.Upper);
                json.WriteEndObject();
                json.NumberOrNull("model_availability", s.ClosedForm.Availability);
                json.NumberOrNull("slo", s.Task.Slo);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static string CallsText(TaskSimulation s)
        => $"{Figures.Count(s.Calls.Min)} / {Figures.Count(s.Calls.Quantile(0.5))} / {Figures.Count(s.Calls.Quantile(0.99))} / {Figures.Count(s.Calls.Max)}";
}
