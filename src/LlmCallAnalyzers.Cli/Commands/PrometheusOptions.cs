using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Cli.Estimates;
using LlmCallAnalyzers.Model.Contracts;
using LlmCallAnalyzers.Cli.Loading;
using LlmCallAnalyzers.Cli.Prometheus;
using LlmCallAnalyzers.Cli.Telemetry;

namespace LlmCallAnalyzers.Cli.Commands;

/// <summary>The options of <c>llmslo confirm --prometheus</c>: the server, the window and extra label matchers.</summary>
internal sealed class PrometheusOptions
{
    public Option<string> Url { get; } = new("--prometheus")
    {
        Description = "Read the runtime's task metrics from this Prometheus server (its base URL, e.g. http://localhost:9090) instead of trace files",
        HelpName = "URL",
    };

    public Option<string> Window { get; } = new("--window")
    {
        Description = "With --prometheus: the window before --end (a Prometheus duration: 7d, 12h, 1h30m; default 7d)",
        HelpName = "DURATION",
    };

    public Option<string> Start { get; } = new("--start")
    {
        Description = "With --prometheus: the window's start (RFC 3339 or Unix seconds) instead of --window",
        HelpName = "TIME",
    };

    public Option<string> End { get; } = new("--end")
    {
        Description = "With --prometheus: the window's end (RFC 3339 or Unix seconds; default now)",
        HelpName = "TIME",
    };

    public Option<string> Selector { get; } = new("--selector")
    {
        Description = "With --prometheus: extra label matchers for every query, e.g. service=\"checkout\",env=\"prod\"",
        HelpName = "MATCHERS",
    };

    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "With --prometheus: seconds to wait for each answer",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 60,
    };

    public void AddTo(Command command)
    {
        command.Add(Url);
        command.Add(Window);
        command.Add(Start);
        command.Add(End);
        command.Add(Selector);
        command.Add(Timeout);
        Timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--timeout must be at least 1");
        });
    }

    /// <summary>True when a window or selector option was given (they need --prometheus).</summary>
    public bool UsedWithoutUrl(System.CommandLine.Parsing.CommandResult result)
        => result.GetResult(Window) is not null || result.GetResult(Start) is not null || result.GetResult(End) is not null || result.GetResult(Selector) is not null;

    public async Task<ConfirmResult> ConfirmAsync(ParseResult parse, IReadOnlyList<EmbeddedEstimate> embedded, IProgressReporter progress, CancellationToken cancellationToken)
    {
        var url = PrometheusClient.ParseUrl(parse.GetValue(Url)!);
        var window = QueryWindow.Parse(parse.GetValue(Window), parse.GetValue(Start), parse.GetValue(End), DateTimeOffset.UtcNow);
        using var client = new PrometheusClient(url, TimeSpan.FromSeconds(parse.GetValue(Timeout)));
        return await PrometheusTelemetryReader.ConfirmAsync(client, window, parse.GetValue(Selector), embedded, progress, cancellationToken).ConfigureAwait(false);
    }
}
