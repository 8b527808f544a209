using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using LlmCallAnalyzers.Cli.Estimates;
using LlmCallAnalyzers.Cli.Loading;
using LlmCallAnalyzers.Cli.Prometheus;

namespace LlmCallAnalyzers.Cli.Commands;

/// <summary>
/// <c>llmslo alerts &lt;assembly | project&gt; [-o FILE] [--selector M] [--format prometheus|openslo]</c>: writes the
/// Prometheus rule file that watches each task's <c>[TaskSlo]</c> (<see cref="AlertRules"/>), or the SLOs as OpenSLO
/// (<see cref="OpenSloWriter"/>). Exit 0 when rules were written, 2 on bad input or when no
/// task declares an SLO or has a bounded estimate.
/// </summary>
internal static class AlertsCommand
{
    public static Command Create(CliIO io)
    {
        var project = new ProjectOptions();
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the rule file here (default: standard output); load it with rule_files: in prometheus.yml",
            HelpName = "FILE",
        };
        var selector = new Option<string?>("--selector")
        {
            Description = "Extra label matchers for every series selector, e.g. service=\"checkout\"",
            HelpName = "MATCHERS",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "prometheus: a rule file (recording and alerting rules); openslo: one OpenSLO v1 SLO document per [TaskSlo]",
            DefaultValueFactory = _ => "prometheus",
            HelpName = "prometheus|openslo",
        };
        format.AcceptOnlyFromAmong("prometheus", "openslo");
        var command = new Command(
            "alerts",
            "Write Prometheus recording and alerting rules from the tasks' [TaskSlo]: success ratios over 5m..3d, multi-window multi-burn-rate alerts, and an alert when a task makes more calls than its estimate. "
            + "The input is a built assembly (.dll, read as metadata) or a project, solution or folder (analyzed as 'report' does)");
        project.AddTo(command);
        command.Add(output);
        command.Add(selector);
        command.Add(format);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string input = parse.GetValue(project.Path)!;
            IReadOnlyList<SloTarget> targets;
            if (IsAssembly(input))
            {
                targets = SloTargets.From(EstimateAssemblyReader.Read(input));
            }
            else
            {
                var report = await ProgressDisplay.RunAsync(io, parse.GetValue(project.Verbose), parse.GetValue(project.Quiet), progress =>
                    ReportCommand.AnalyzeAsync(input, project.LoadOptions(parse), includePublicEntryPoints: false, progress, cancellationToken)).ConfigureAwait(false);
                targets = SloTargets.From(report);
            }

            if (targets.Count == 0)
            {
                throw new CliException($"{input}: no task declares a [TaskSlo] or has a bounded estimate: there is nothing to alert on");
            }

            string? target = parse.GetValue(output);
            if (parse.GetValue(format) == "openslo")
            {
                var slo = new StringWriter();
                string service = Path.GetFileNameWithoutExtension(input.TrimEnd('/', '\\'));
                int documents = OpenSloWriter.Write(slo, targets, service, parse.GetValue(selector));
                if (documents == 0)
                {
                    throw new CliException($"{input}: no task declares a [TaskSlo]: there is no SLO to write");
                }

                WriteOut(io, target, slo.ToString(), $"{documents} OpenSLO SLO documents");
                return ExitCodes.Success;
            }

            var rules = AlertRules.Build(targets, parse.GetValue(selector));
            string header = Header(input, targets);
            var text = new StringWriter();
            rules.Write(text, header);
            int alerts = rules.Groups.Sum(g => g.Rules.Count(r => r.Alert is not null));
            WriteOut(io, target, text.ToString(), $"{rules.Groups[0].Rules.Count} recording rules, {alerts} alerting rules for {targets.Count} tasks");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteOut(CliIO io, string? target, string content, string what)
    {
        if (target is null)
        {
            io.Output.Write(content);
            io.Output.Flush();
            return;
        }

        Telemetry.AvailabilityFileWriter.Write(target, content);
        io.Error.WriteLine($"llmslo: wrote {target}: {what}");
    }

    private static bool IsAssembly(string path)
        => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);

    private static string Header(string input, IReadOnlyList<SloTarget> targets)
    {
        var sb = new StringBuilder();
        sb.Append("Generated by `llmslo alerts ").Append(Path.GetFileName(input.TrimEnd('/', '\\'))).AppendLine("`: regenerate it when a [TaskSlo] or an estimate changes.");
        sb.AppendLine("Burn-rate alerts after the SRE workbook (\"Alerting on SLOs\"): 14.4x over 1h and 5m, 6x over 6h and 30m page;");
        sb.AppendLine("3x over 1d and 2h, 1x over 3d and 6h open a ticket. Success ratio = success / (success + failure) per task.");
        foreach (var t in targets.Where(t => t.Availability is double a && 14.4 * (1 - a) >= 1))
        {
            sb.Append("No 14.4x page for ").Append(t.Task).AppendLine(": its SLO leaves so much budget that the rate cannot be reached.");
        }

        sb.Append("Tasks: ").Append(targets.Count).Append(", with an SLO: ").Append(targets.Count(t => t.Availability is not null))
            .Append(", with a call limit: ").Append(targets.Count(t => t.CallLimit is not null)).Append('.');
        return sb.ToString();
    }
}
