using System.CommandLine;
using System.Linq;
using LlmCallAnalyzers.Cli.Analysis;
using LlmCallAnalyzers.Cli.Loading;
using LlmCallAnalyzers.Cli.Output;

namespace LlmCallAnalyzers.Cli.Commands;

/// <summary>
/// <c>llmslo simulate &lt;project&gt; [--tasks N]</c>: runs the model's Monte Carlo over each task's call tree (with
/// correlated provider outages when configured) and prints the distribution of calls and of task success.
/// Exit 0 after a run, 2 on bad input.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(CliIO io)
    {
        var project = new ProjectOptions();
        var runs = new Option<int>("--tasks", "-n") { Description = "Simulated runs per task", DefaultValueFactory = _ => 10_000, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "Random seed (runs are reproducible)", DefaultValueFactory = _ => 12345, HelpName = "N" };
        var outage = new Option<double?>("--provider-outage")
        {
            Description = "Probability that a run overlaps an outage of each provider (overrides llm_call_analyzers.provider_outage); an outage fails every call to that provider in the run",
            HelpName = "P",
        };
        var randomBranches = new Option<bool>("--random-branches") { Description = "Take a random arm of each if/switch rather than the worst arm" };
        var unbounded = new Option<int>("--unbounded-iterations") { Description = "Iterations of a loop the code does not bound", DefaultValueFactory = _ => 100, HelpName = "N" };
        var taskFilter = new Option<string[]>("--task") { Description = "Only this task (Namespace.Type.Method; repeatable)", HelpName = "NAME" };
        var histogram = new Option<bool>("--histogram") { Description = "Also draw the distribution of calls per run for each task" };
        var format = ProjectOptions.FormatOption(OutputFormat.Table, OutputFormat.Json, OutputFormat.Markdown);

        runs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000) r.AddError("--tasks must be between 1 and 10000000");
        });
        outage.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is double o && (o < 0 || o > 1 || double.IsNaN(o))) r.AddError("--provider-outage must lie in [0, 1]");
        });
        unbounded.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 100_000) r.AddError("--unbounded-iterations must be between 0 and 100000");
        });

        var command = new Command("simulate", "Run the model's Monte Carlo over each task's call tree: distribution of calls and of task success");
        project.AddTo(command);
        command.Add(runs);
        command.Add(seed);
        command.Add(outage);
        command.Add(randomBranches);
        command.Add(unbounded);
        command.Add(taskFilter);
        command.Add(histogram);
        command.Add(format);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(project.Path)!;
            var options = project.LoadOptions(parse);
            var report = await ProgressDisplay.RunAsync(io, parse.GetValue(project.Verbose), parse.GetValue(project.Quiet), progress =>
                ReportCommand.AnalyzeAsync(path, options, !parse.GetValue(project.AnnotatedOnly), progress, cancellationToken)).ConfigureAwait(false);

            var only = (parse.GetValue(taskFilter) ?? System.Array.Empty<string>()).ToHashSet(System.StringComparer.Ordinal);
            var unknown = only.Where(n => !report.AllTasks.Any(t => t.Task.TaskName == n)).ToList();
            if (unknown.Count > 0)
            {
                throw new CliException($"--task {unknown[0]}: no such task in {path}");
            }

            var settings = new SimulationSettings
            {
                Runs = parse.GetValue(runs),
                Seed = parse.GetValue(seed),
                ProviderOutage = parse.GetValue(outage),
                RandomBranches = parse.GetValue(randomBranches),
                UnboundedIterations = parse.GetValue(unbounded),
            };
            var simulations = TaskSimulator.Run(report, settings, only);
            switch (ProjectOptions.Format(parse, format))
            {
                case OutputFormat.Json:
                    SimulateFormatter.WriteJson(io.Output, simulations, settings);
                    break;
                case OutputFormat.Markdown:
                    SimulateFormatter.WriteMarkdown(io.Output, simulations, settings);
                    break;
                default:
                    SimulateFormatter.WriteTable(io.Out, simulations, settings, parse.GetValue(histogram));
                    break;
            }

            io.Output.Flush();
            return ExitCodes.Success;
        });
        return command;
    }
}
