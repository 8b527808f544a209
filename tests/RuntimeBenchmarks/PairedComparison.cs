using System.Diagnostics;
using LlmCallAnalyzers.Runtime;
using Microsoft.Extensions.AI;

/// <summary>
/// <c>dotnet run -c Release -- paired [None|Traces|TracesAndMetrics] [task]</c>: the middlewares measured side by side
/// in one process, alternated round by round, so that a slow minute of a shared machine slows all of them alike
/// (BenchmarkDotNet measures one benchmark after another, and its means move by ±15 % from run to run here).
/// </summary>
internal static class PairedComparison
{
    private const int Rounds = 25;
    private const int WarmupRounds = 5;
    private const int CallsPerRound = 200_000;

    public static int Run(string[] args)
    {
        Telemetry telemetry = args.Length > 0 ? Enum.Parse<Telemetry>(args[0], ignoreCase: true) : Telemetry.Traces;
        bool inTask = args.Contains("task", StringComparer.OrdinalIgnoreCase);
        IChatClient provider = new InstantProvider();
        (string Name, IChatClient Client)[] clients =
        [
            (nameof(ChatClientOverhead.GenAiSpanOnly), new SpanOnlyChatClient(provider)),
            ("UseLlmTaskTelemetry", provider.AsBuilder().UseLlmTaskTelemetry().Build()),
            ("UseOpenTelemetry", provider.AsBuilder().UseOpenTelemetry().Build()),
        ];

        using OpenTelemetryListener? listener = OpenTelemetryListener.Start(telemetry);
        using LlmTaskScope? task = inTask ? LlmTask.Start("Bench.Agent.Run") : null;
        List<ChatMessage> messages = [new ChatMessage(ChatRole.User, "hi")];
        var perCallNs = clients.ToDictionary(c => c.Name, _ => new List<double>());
        for (int round = 0; round < Rounds; round++)
        {
            foreach ((string name, IChatClient client) in clients)
            {
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < CallsPerRound; i++)
                {
                    client.GetResponseAsync(messages).GetAwaiter().GetResult();
                }

                if (round >= WarmupRounds)
                {
                    perCallNs[name].Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / CallsPerRound);
                }
            }
        }

        Console.WriteLine($"Listener {telemetry}, {(inTask ? "inside a task" : "outside any task")}: median (min) ns per call over {Rounds - WarmupRounds} rounds of {CallsPerRound:N0} calls");
        foreach ((string name, List<double> samples) in perCallNs)
        {
            samples.Sort();
            Console.WriteLine($"  {name,-22} {samples[samples.Count / 2],8:F1} ({samples[0]:F1})");
        }

        return 0;
    }
}
