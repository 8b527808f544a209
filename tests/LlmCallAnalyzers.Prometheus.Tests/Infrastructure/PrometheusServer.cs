using System.Diagnostics;
using System.Text;
using LlmCallAnalyzers.Cli.Prometheus;

namespace LlmCallAnalyzers.Prometheus.Tests.Infrastructure;

/// <summary>
/// A real Prometheus server (the <c>prometheus</c> binary) on a free port of 127.0.0.1 with its own data directory,
/// scraping the given targets every second; stopped and its directory deleted on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _root;

    private PrometheusServer(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Url = new Uri($"http://127.0.0.1:{port}/");
        Client = new PrometheusClient(Url, TimeSpan.FromSeconds(30));
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public Uri Url { get; }

    /// <summary>The CLI's own client, for the tests' queries.</summary>
    public PrometheusClient Client { get; }

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>
    /// Starts a server. <paramref name="dataDirectory"/> may hold backfilled blocks (retention is 10 years so a
    /// month-old block is kept); without it a fresh one is made under a temporary folder.
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(IEnumerable<int>? scrapeTargets = null, string? dataDirectory = null)
    {
        string binary = ToolProcess.Find("prometheus");
        string root = Directory.CreateTempSubdirectory("llmslo-prometheus-").FullName;
        string data = dataDirectory ?? Path.Combine(root, "data");
        var config = new StringBuilder();
        config.AppendLine("global:");
        config.AppendLine("  scrape_interval: 1s");
        config.AppendLine("  evaluation_interval: 1s");
        config.AppendLine("scrape_configs:");
        config.AppendLine("  - job_name: llm-app");
        config.AppendLine("    static_configs:");
        config.Append("      - targets: [").Append(string.Join(", ", (scrapeTargets ?? Array.Empty<int>()).Select(p => $"'127.0.0.1:{p}'"))).AppendLine("]");
        string configPath = Path.Combine(root, "prometheus.yml");
        await File.WriteAllTextAsync(configPath, config.ToString());

        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort.Get();
            var start = new ProcessStartInfo(binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("--config.file=" + configPath);
            start.ArgumentList.Add("--storage.tsdb.path=" + data);
            start.ArgumentList.Add("--storage.tsdb.retention.time=3650d");
            start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");
            var server = new PrometheusServer(Process.Start(start)!, root, port);
            if (await server.WaitReadyAsync(TimeSpan.FromSeconds(90)))
            {
                return server;
            }

            string log = server.Log;
            await server.DisposeAsync();
            if (attempt >= 2)
            {
                Assert.Fail("prometheus did not become ready:\n" + log);
            }
        }
    }

    /// <summary>Evaluates an instant query now.</summary>
    public Task<IReadOnlyList<VectorSample>> QueryAsync(string promql) => Client.QueryAsync(promql, DateTimeOffset.UtcNow, CancellationToken.None);

    /// <summary>Polls <paramref name="promql"/> until <paramref name="done"/> holds for its answer.</summary>
    public async Task<IReadOnlyList<VectorSample>> WaitForAsync(string promql, Func<IReadOnlyList<VectorSample>, bool> done, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var answer = await QueryAsync(promql);
            if (done(answer)) return answer;
            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"'{promql}' did not reach the expected state within {timeout.TotalSeconds:0} s; last answer: "
                    + string.Join("; ", answer.Select(s => string.Join(",", s.Labels.Select(l => l.Key + "=" + l.Value)) + " " + s.Value)) + "\n" + Log);
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<bool> WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited) return false;
            try
            {
                using var response = await http.GetAsync(new Uri(Url, "-/ready"));
                if (response.IsSuccessStatusCode) return true;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        return false;
    }
}
