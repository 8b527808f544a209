#!/usr/bin/env bash
# LlmCallAnalyzers.Runtime as a consumer gets it (see docs/runtime.md):
#   1. packs src/LlmCallAnalyzers.Runtime into a temporary folder feed;
#   2. creates a fresh console app that references ONLY LlmCallAnalyzers.Runtime (from that feed) and
#      Microsoft.Extensions.AI, restored into an isolated NUGET_PACKAGES folder (no stale copy can be used);
#   3. runs 1000 tasks of 12 sequential calls against a provider failing 1 % of calls, with UseLlmTaskTelemetry()
#      and LlmTask.RunAsync, listening with an ActivityListener on "LlmCallAnalyzers";
#   4. asserts 1000 llm.task spans, status Error exactly on the tasks that threw, llm.task.calls = 12 on every
#      successful one; exits non-zero otherwise.
# Environment: KEEP_WORK=1 keeps the temporary folder; RUNTIME_CONSUMER_SOURCE=git-head packs the committed HEAD
# instead of the working tree.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
# shellcheck source=common.sh
source "$HERE/common.sh"
LLMCALL_SOURCE="${RUNTIME_CONSUMER_SOURCE:-worktree}"
llmcall_setup runtime-consumer
APP="$WORK/app"
mkdir -p "$APP"

echo "== 1. pack LlmCallAnalyzers.Runtime $VERSION"
# The runtime depends on the main LlmCallAnalyzers package (for the attributes): pack both, same version.
llmcall_pack "$REPO" src/LlmCallAnalyzers.Package src/LlmCallAnalyzers.Runtime

echo "== 2. fresh consumer app (isolated NUGET_PACKAGES)"
export NUGET_PACKAGES="$WORK/packages"
# The feed, plus the machine's package cache as a read-only source for the dependencies; the runtime's version is
# unique to this run, so only the freshly packed copy can satisfy it.
llmcall_nuget_config "$APP/nuget.config"
# Stop the app from inheriting any Directory.*.props above the temporary folder.
echo '<Project />' > "$APP/Directory.Build.props"
echo '<Project />' > "$APP/Directory.Build.targets"
echo '<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>' > "$APP/Directory.Packages.props"

cat > "$APP/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RootNamespace>Consumer</RootNamespace>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="LlmCallAnalyzers.Runtime" Version="[$VERSION]" />
    <PackageReference Include="Microsoft.Extensions.AI" Version="10.11.0" />
  </ItemGroup>
</Project>
XML

cat > "$APP/Program.cs" <<'CS'
using System.Collections.Concurrent;
using System.Diagnostics;
using LlmCallAnalyzers;
using LlmCallAnalyzers.Runtime;
using Microsoft.Extensions.AI;

// What the analyzer's source generator writes; here by hand, from the attributes the package ships in lib/.
[assembly: LlmTaskEstimate("Consumer.Scenario.AnswerAsync", 12, 12, 0.8864, 0.85)]

namespace Consumer;

public static class Scenario
{
    private const int Tasks = 1000;
    private const int CallsPerTask = 12;

    [TaskSlo(0.85)]
    public static async Task<string> AnswerAsync(IChatClient client, int task)
    {
        string last = "";
        for (int call = 0; call < CallsPerTask; call++)
        {
            last = (await client.GetResponseAsync($"task {task} call {call}")).Text;
        }

        return last;
    }

    public static async Task<int> Main()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "LlmCallAnalyzers",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        using IChatClient client = new ChatClientBuilder(new FlakyProvider(0.01, seed: 4242))
            .UseLlmTaskTelemetry()
            .Build();

        var threw = new HashSet<string>();
        for (int i = 0; i < Tasks; i++)
        {
            int task = i;
            try
            {
                await LlmTask.RunAsync("Consumer.Scenario.AnswerAsync", async () =>
                {
                    LlmTask.Current!.Activity?.SetTag("consumer.task", task);
                    return await AnswerAsync(client, task);
                });
            }
            catch (HttpRequestException)
            {
                threw.Add(task.ToString());
            }
        }

        var taskSpans = spans.Where(s => s.OperationName == "llm.task").ToList();
        var errorTasks = taskSpans.Where(s => s.Status == ActivityStatusCode.Error).Select(s => s.GetTagItem("consumer.task")!.ToString()!).ToHashSet();
        var ok = taskSpans.Where(s => s.Status != ActivityStatusCode.Error).ToList();
        int okWithTwelve = ok.Count(s => s.GetTagItem("llm.task.calls") is int c && c == CallsPerTask);
        int withSlo = taskSpans.Count(s => s.GetTagItem("llm.task.slo.availability") is double d && d == 0.85);
        int withEstimate = taskSpans.Count(s => s.GetTagItem("llm.task.estimate.max_calls") is int m && m == CallsPerTask);
        int chatSpans = spans.Count(s => s.GetTagItem("gen_ai.operation.name") as string == "chat");
        double expected = 1 - Math.Pow(0.99, CallsPerTask);
        double sigma = Math.Sqrt(expected * (1 - expected) / Tasks);

        Console.WriteLine($"llm.task spans:                      {taskSpans.Count} (expected {Tasks})");
        Console.WriteLine($"tasks that threw:                    {threw.Count} ({threw.Count / (double)Tasks:P2}; 1 - 0.99^12 = {expected:P2} ± 3σ {3 * sigma:P2})");
        Console.WriteLine($"spans with status Error:             {errorTasks.Count}; same tasks as those that threw: {errorTasks.SetEquals(threw)}");
        Console.WriteLine($"successful spans with calls = 12:    {okWithTwelve} of {ok.Count}");
        Console.WriteLine($"spans with llm.task.slo.availability = 0.85 ([TaskSlo]): {withSlo}");
        Console.WriteLine($"spans with llm.task.estimate.max_calls = 12 (embedded):  {withEstimate}");
        Console.WriteLine($"gen_ai chat spans:                   {chatSpans}");

        bool pass = taskSpans.Count == Tasks
                    && errorTasks.SetEquals(threw)
                    && ok.Count == Tasks - threw.Count
                    && okWithTwelve == ok.Count
                    && withSlo == Tasks
                    && withEstimate == Tasks
                    && Math.Abs(threw.Count / (double)Tasks - expected) <= 3 * sigma;
        Console.WriteLine(pass ? "RESULT: PASS" : "RESULT: FAIL");
        return pass ? 0 : 1;
    }
}

/// <summary>A fake LLM provider (real IChatClient interface) failing each call independently with probability p.</summary>
internal sealed class FlakyProvider(double failure, int seed) : IChatClient
{
    private readonly Random _random = new(seed);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (_random.NextDouble() < failure)
        {
            throw new HttpRequestException("503 Service Unavailable (simulated)");
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { ModelId = "fake-model" });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake-provider", null, "fake-model") : null;

    public void Dispose()
    {
    }
}
CS

if ! (cd "$APP" && dotnet build -c Release -p:UseSharedCompilation=false -nodeReuse:false --disable-build-servers -v:n -nologo > "$WORK/build.log" 2>&1); then
  grep -E "error|warning" "$WORK/build.log" | sort -u | head -20; echo "FAIL: the consumer does not build"; exit 1
fi
# A project that references the runtime gets the estimate generator on the compiler's list (the analyzer package's
# build/LlmCallAnalyzers.targets takes it off only where no runtime is referenced): the csc command line shows it.
if ! grep -q "LlmCallAnalyzers.Generators.dll" "$WORK/build.log"; then
  echo "FAIL: a project that references LlmCallAnalyzers.Runtime does not pass the estimate generator to the compiler"; exit 1
fi
echo "ok: the estimate generator is on the compiler's list"

echo "== package references resolved by the consumer"
grep -o '"LlmCallAnalyzers[^"]*"' "$APP/obj/project.assets.json" | sort -u
ls -1 "$NUGET_PACKAGES/llmcallanalyzers.runtime/$VERSION/lib/"*

echo "== 3. run the 1000-task scenario"
set +e
dotnet "$APP/bin/Release/net10.0/Consumer.dll"
status=$?
set -e
echo "consumer exit code: $status"
exit "$status"
