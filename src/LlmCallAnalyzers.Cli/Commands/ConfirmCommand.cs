using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using LlmCallAnalyzers.Cli.Estimates;
using LlmCallAnalyzers.Cli.Loading;
using LlmCallAnalyzers.Cli.Output;
using LlmCallAnalyzers.Cli.Prometheus;
using LlmCallAnalyzers.Cli.Telemetry;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Cli.Commands;

/// <summary>
/// <c>llmslo confirm --telemetry FILE... [--estimates ASSEMBLY...]</c>: streams OTLP JSON Lines traces, groups model
/// calls under their task spans and compares each task with its static estimate; reports cold starts per model.
/// <c>llmslo confirm --prometheus URL [--window 7d | --start T --end T] [--selector M]</c>: the same verdicts from the
/// runtime's task metrics in Prometheus (<see cref="PrometheusTelemetryReader"/>). Exit 0 when every task is confirmed
/// (cold starts are a finding, not a failure), 1 when one is exceeded or below its SLO, 2 on bad input (a malformed
/// line: file, line number, what is wrong; a server that does not answer, a rejected query, absent metrics).
/// </summary>
internal static class ConfirmCommand
{
    public static Command Create(CliIO io)
    {
        var telemetry = new Option<string[]>("--telemetry", "-t")
        {
            Description = "OTLP JSON Lines trace files (one ExportTraceServiceRequest per line; .gz too)",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "FILE",
        };
        var estimates = new Option<string[]>("--estimates", "-e")
        {
            Description = "Built assemblies carrying [assembly: LlmTaskEstimate] (read as metadata, never loaded); without it the estimates on the task spans are used",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "ASSEMBLY",
        };
        var writeAvailability = new Option<string?>("--write-availability")
        {
            Description = $"Write the measured per-call availability to this file (name it {AvailabilityFile.FileNamePrefix}*{AvailabilityFile.FileNameExtension} and add it as an AdditionalFile)",
            HelpName = "FILE",
        };
        var minCalls = new Option<long>("--min-calls")
        {
            Description = "With --write-availability: the fewest calls for a provider or model to be written",
            HelpName = "N",
            DefaultValueFactory = _ => 100,
        };
        var lowerBound = new Option<bool>("--lower-bound")
        {
            Description = "With --write-availability: write the lower bound of the 95 % interval instead of the observed proportion",
        };
        var maxBuffered = new Option<int>("--max-buffered-spans")
        {
            Description = "The most spans held while their trace is incomplete (memory bound)",
            HelpName = "N",
            DefaultValueFactory = _ => 500_000,
        };
        var prometheus = new PrometheusOptions();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print progress lines on standard error" };
        var format = ProjectOptions.FormatOption(OutputFormat.Table, OutputFormat.Json, OutputFormat.Markdown);
        minCalls.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() < 1) r.AddError("--min-calls must be at least 1");
        });
        maxBuffered.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1000) r.AddError("--max-buffered-spans must be at least 1000");
        });

        var command = new Command("confirm", "Compare production telemetry (OTLP JSON Lines files, or the task metrics in Prometheus) with the build's estimates, per task; measure per-call availability");
        command.Add(telemetry);
        prometheus.AddTo(command);
        command.Add(estimates);
        command.Add(writeAvailability);
        command.Add(minCalls);
        command.Add(lowerBound);
        command.Add(maxBuffered);
        command.Add(verbose);
        command.Add(format);
        command.Validators.Add(r =>
        {
            bool files = r.GetResult(telemetry) is not null;
            bool metrics = r.GetResult(prometheus.Url) is not null;
            if (files == metrics)
            {
                r.AddError(files ? "--telemetry and --prometheus exclude each other: confirm from files or from Prometheus" : "Option '--telemetry' or '--prometheus' is required.");
            }
            else if (files && prometheus.UsedWithoutUrl(r))
            {
                r.AddError("--window, --start, --end and --selector go with --prometheus");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var files = parse.GetValue(telemetry) ?? Array.Empty<string>();
            var assemblies = parse.GetValue(estimates) ?? Array.Empty<string>();
            var embedded = assemblies.SelectMany(EstimateAssemblyReader.Read).ToList();
            string? url = parse.GetValue(prometheus.Url);
            var result = await ProgressDisplay.RunAsync(io, parse.GetValue(verbose), quiet: false, progress =>
                url is not null
                    ? prometheus.ConfirmAsync(parse, embedded, progress, cancellationToken)
                    : System.Threading.Tasks.Task.FromResult(Confirm(files, embedded, new AggregatorLimits { MaxBufferedSpans = parse.GetValue(maxBuffered) }, progress, cancellationToken))).ConfigureAwait(false);

            switch (ProjectOptions.Format(parse, format))
            {
                case OutputFormat.Json:
                    ConfirmFormatter.WriteJson(io.Output, result);
                    break;
                case OutputFormat.Markdown:
                    ConfirmFormatter.WriteMarkdown(io.Output, result);
                    break;
                default:
                    ConfirmFormatter.WriteTable(io.Out, result);
                    break;
            }

            if (parse.GetValue(writeAvailability) is string target)
            {
                IReadOnlyList<string> sources = url is not null ? new[] { url } : files;
                string content = AvailabilityFileWriter.Render(result.Availability, parse.GetValue(minCalls), parse.GetValue(lowerBound), sources, DateTimeOffset.UtcNow);
                AvailabilityFileWriter.Write(target, content);
                string hint = AvailabilityFile.IsAvailabilityFile(target)
                    ? string.Empty
                    : $" (note: the analyzer only reads AdditionalFiles named {AvailabilityFile.FileNamePrefix}*{AvailabilityFile.FileNameExtension})";
                io.Error.WriteLine($"llmslo: wrote {target}{hint}");
            }

            io.Output.Flush();
            return result.AnyFails ? ExitCodes.Findings : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Reads every file in order into one aggregate, compares it with <paramref name="embedded"/> and analyzes the cold
    /// starts of each model over the model calls of all files.
    /// </summary>
    public static ConfirmResult Confirm(IReadOnlyList<string> files, IReadOnlyList<EmbeddedEstimate> embedded, AggregatorLimits limits, IProgressReporter progress, CancellationToken cancellationToken)
    {
        var stats = new TelemetryReadStats();
        var coldStarts = new ColdStartCollector();
        var aggregator = new TaskAggregator(limits, coldStarts);
        foreach (var file in files)
        {
            progress.Report("Reading " + file);
            long spans = 0;
            foreach (var span in OtlpJsonLinesReader.Read(file, stats, cancellationToken))
            {
                aggregator.Add(span);
                if (++spans % 100_000 == 0)
                {
                    progress.Report($"Reading {file}: {stats.Lines} lines, {stats.Spans} spans");
                }
            }
        }

        aggregator.CompleteAll();
        progress.Report("Analyzing cold starts");
        return ConfirmResult.Create(aggregator, embedded, stats, files, coldStarts.Analyze());
    }
}
