using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using LlmCallAnalyzers.Benchmarks.PrometheusScale;
using LlmCallAnalyzers.Prometheus.Tests.Infrastructure;

// dotnet run -c Release --project tests/Benchmarks/PrometheusScale -- [--tasks 1000] [--days 30] [--step-hours 6] [--per-step 1] [--dir DIR] [--files-only]
// Writes a month of N tasks as OpenMetrics (backfilled with promtool, one 2-hour block per step) and the same
// invocations as OTLP JSON Lines, starts Prometheus on the blocks, then runs llmslo confirm over each (as a process,
// under /usr/bin/time) and prints wall time and peak resident memory.
int tasks = 1000, days = 30, perStep = 1;
bool filesOnly = false;
double stepHours = 6;
string dir = Path.Combine(Path.GetTempPath(), "llmslo-scale");
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--tasks": tasks = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--days": days = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--step-hours": stepHours = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--per-step": perStep = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--dir": dir = args[++i]; break;
        case "--files-only": filesOnly = true; break;
        default: throw new ArgumentException("unknown option " + args[i]);
    }
}

if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
Directory.CreateDirectory(dir);
var now = DateTimeOffset.UtcNow;
var end = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero) - TimeSpan.FromDays(1);
var start = end - TimeSpan.FromDays(days);
var step = TimeSpan.FromHours(stepHours);
string traces = Path.Combine(dir, "traces.jsonl");

var watch = Stopwatch.StartNew();
using (var otlp = new OtlpTraceWriter(traces))
{
    // Each task: 1-8 calls (estimate 12); every 100th task makes 15 calls once every 20 steps; 0.2 % of invocations fail.
    var history = Enumerable.Range(0, tasks).Select(t =>
    {
        string name = $"Bench.Service{t / 50:D2}.Task{t:D4}Async";
        return new HistoryTask(name, perStep, (random, s, i) =>
        {
            int calls = t % 100 == 0 && s % 20 == 0 && i == 0 ? 15 : random.Next(1, 9);
            bool fail = random.NextDouble() < 0.002;
            otlp.Write(name, start + TimeSpan.FromTicks(step.Ticks * s) - TimeSpan.FromMinutes(5), calls, fail, 12);
            return (calls, fail);
        }, 12);
    }).ToList();
    var (_, files) = OpenMetricsHistory.Write(dir, history, start, end, step, seed: 19, fileSpan: step);
    if (filesOnly)
    {
        foreach (string file in files) File.Delete(file);
        otlp.Dispose();
        string only = Path.Combine(AppContext.BaseDirectory, "LlmCallAnalyzers.Cli.dll");
        for (int round = 1; round <= 2; round++) Measure($"confirm --telemetry (round {round})", "dotnet", only, "confirm", "--telemetry", traces, "--format", "json");
        return;
    }

    Console.WriteLine($"wrote {files.Count} OpenMetrics files ({files.Sum(f => new FileInfo(f).Length) / 1e6:0} MB) and {new FileInfo(traces).Length / 1e6:0} MB of OTLP JSON Lines ({otlp.Spans:N0} spans) in {watch.Elapsed.TotalSeconds:0} s");
    watch.Restart();
    string data = Path.Combine(dir, "data");
    foreach (string file in files)
    {
        Run("promtool", "tsdb", "create-blocks-from", "openmetrics", "--quiet", file, data);
        File.Delete(file);
    }

    Console.WriteLine($"backfilled {files.Count} blocks in {watch.Elapsed.TotalSeconds:0} s ({Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1e6:0} MB on disk)");
}

int port = 19000 + Random.Shared.Next(1000);
var prometheus = Process.Start(new ProcessStartInfo("prometheus")
{
    ArgumentList = { $"--config.file={WriteConfig(dir)}", $"--storage.tsdb.path={Path.Combine(dir, "data")}", "--storage.tsdb.retention.time=3650d", $"--web.listen-address=127.0.0.1:{port}" },
    RedirectStandardError = true,
    RedirectStandardOutput = true,
})!;
prometheus.BeginErrorReadLine();
prometheus.BeginOutputReadLine();
try
{
    using var http = new HttpClient();
    while (true)
    {
        try
        {
            if ((await http.GetAsync($"http://127.0.0.1:{port}/-/ready")).IsSuccessStatusCode) break;
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(500);
    }

    string cli = Path.Combine(AppContext.BaseDirectory, "LlmCallAnalyzers.Cli.dll");
    string s = start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), e = end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    for (int round = 1; round <= 3; round++)
    {
        Measure($"confirm --prometheus (round {round})", "dotnet", cli, "confirm", "--prometheus", $"http://127.0.0.1:{port}", "--start", s, "--end", e, "--format", "json");
    }

    for (int round = 1; round <= 2; round++)
    {
        Measure($"confirm --telemetry (round {round})", "dotnet", cli, "confirm", "--telemetry", traces, "--format", "json");
    }
}
finally
{
    prometheus.Kill();
    prometheus.WaitForExit();
}

static void Measure(string label, string program, params string[] arguments)
{
    var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
    info.ArgumentList.Add("-f");
    info.ArgumentList.Add("TIME %e s %M KB");
    info.ArgumentList.Add(program);
    foreach (string a in arguments) info.ArgumentList.Add(a);
    using var process = Process.Start(info)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    string stderr = process.StandardError.ReadToEnd();
    process.WaitForExit();
    string output = stdout.Result;
    string timing = stderr.Split('\n').LastOrDefault(l => l.StartsWith("TIME ", StringComparison.Ordinal)) ?? stderr;
    int tasksSeen = output.Split("\"task\":").Length - 1;
    int exceeded = output.Split("\"verdict\": \"exceeded\"").Length - 1;
    Console.WriteLine($"{label}: exit {process.ExitCode}, {timing}, {tasksSeen} tasks, {exceeded} exceeded");
}

static void Run(string program, params string[] arguments)
{
    var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (string a in arguments) info.ArgumentList.Add(a);
    using var process = Process.Start(info)!;
    string error = process.StandardError.ReadToEnd();
    process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {error}");
}

static string WriteConfig(string dir)
{
    string path = Path.Combine(dir, "prometheus.yml");
    File.WriteAllText(path, "global:\n  scrape_interval: 15s\nscrape_configs: []\n");
    return path;
}
