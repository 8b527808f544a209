using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmCallAnalyzers.Cli.Tests.Infrastructure;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary>
/// A task reached through three methods, with a loop, a hand-written retry and ten call-free branches: <c>--tree</c>
/// shows only the way to the calls, with method names and lines; <c>--tree full</c> everything; the JSON tree has
/// nodes with places and bounds; <c>llmslo explain</c> ends its arithmetic in the percentage LLM003 states.
/// </summary>
[Collection(MsBuildCollection.Name)]
public sealed class ExplainTests : IClassFixture<ExplainTests.DeepProject>
{
    private readonly DeepProject _fixture;

    public ExplainTests(DeepProject fixture) => _fixture = fixture;

    public sealed class DeepProject : IDisposable
    {
        public DeepProject()
        {
            Project = TempProject.Create("""
                using System;
                using System.Net.Http;
                using System.Threading.Tasks;
                using LlmCallAnalyzers;
                using Microsoft.Extensions.AI;

                namespace Deep;

                public sealed class Pipeline(IChatClient client)
                {
                    [TaskSlo(0.999)]
                    public async Task<int> RunAsync(int mode)
                    {
                        Validate(mode);
                        return await GatherAsync(mode);
                    }

                    private static void Validate(int mode)
                    {
                        if (mode == 0) Note("zero"); else Note("other");
                        if (mode == 1) Note("one"); else Note("other");
                        if (mode == 2) Note("two"); else Note("other");
                        if (mode == 3) Note("three"); else Note("other");
                        if (mode == 4) Note("four"); else Note("other");
                        if (mode == 5) Note("five"); else Note("other");
                        if (mode == 6) Note("six"); else Note("other");
                        if (mode == 7) Note("seven"); else Note("other");
                        if (mode == 8) Note("eight"); else Note("other");
                        if (mode == 9) Note("nine"); else Note("other");
                    }

                    private static void Note(string text) => Console.WriteLine(text);

                    private async Task<int> GatherAsync(int mode)
                    {
                        int total = 0;
                        for (int i = 0; i < 4; i++)
                        {
                            total += (await AskAsync("part " + i)).Length;
                        }

                        return total + mode;
                    }

                    private async Task<string> AskAsync(string question)
                    {
                        for (int attempt = 0; attempt < 3; attempt++)
                        {
                            try
                            {
                                return (await client.GetResponseAsync(question)).Text;
                            }
                            catch (HttpRequestException) when (attempt < 2)
                            {
                                await Task.Delay(100 * (attempt + 1));
                            }
                        }

                        throw new InvalidOperationException("unreachable");
                    }
                }
                """);
        }

        public TempProject Project { get; }

        public void Dispose() => Project.Dispose();
    }

    private static int LineOf(string source, string text)
        => source.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(text, StringComparison.Ordinal)).i + 1;

    private string Source => File.ReadAllText(Directory.GetFiles(_fixture.Project.Directory, "*.cs").Single(f => File.ReadAllText(f).Contains("class Pipeline")));

    private string FileName => Path.GetFileName(Directory.GetFiles(_fixture.Project.Directory, "*.cs").Single(f => File.ReadAllText(f).Contains("class Pipeline")));

    private static string TreeOf(string output, string task)
    {
        var lines = output.Split('\n');
        int start = Array.FindIndex(lines, l => l.StartsWith(task + "  calls", StringComparison.Ordinal));
        Assert.True(start >= 0, output);
        return string.Join('\n', lines.Skip(start).TakeWhile(l => l.Trim().Length > 0));
    }

    [Fact]
    public async Task The_default_tree_shows_only_the_way_to_the_calls_with_methods_and_lines()
    {
        var result = await CliRunner.ProcessAsync("report", _fixture.Project.Directory, "--tree", "--annotated-only");

        Assert.True(result.ExitCode == 1, result.ToString());
        string tree = TreeOf(result.Output, "Deep.Pipeline.RunAsync");
        string file = FileName;
        Assert.Contains($"→ Pipeline.GatherAsync  {file}:{LineOf(Source, "return await GatherAsync(mode);")}", tree);
        Assert.Contains($"loop ×4  for i < 4  {file}:{LineOf(Source, "for (int i = 0; i < 4; i++)")}", tree);
        Assert.Contains($"→ Pipeline.AskAsync  {file}:{LineOf(Source, "await AskAsync(\"part \" + i)")}", tree);
        Assert.Contains($"retry +2  hand-written retry loop (for attempt < 3)  {file}:{LineOf(Source, "for (int attempt = 0; attempt < 3; attempt++)")}", tree);
        Assert.Contains($"call chat-client ChatClientExtensions.GetResponseAsync  {file}:{LineOf(Source, "client.GetResponseAsync(question)")}", tree);
        Assert.DoesNotContain("branch", tree);
        Assert.DoesNotContain("Validate", tree);
        Assert.Equal(7, tree.Split('\n').Length);
    }

    [Fact]
    public async Task The_full_tree_keeps_the_call_free_branches()
    {
        var result = await CliRunner.ProcessAsync("report", _fixture.Project.Directory, "--tree", "full", "--annotated-only");

        Assert.True(result.ExitCode == 1, result.ToString());
        string tree = TreeOf(result.Output, "Deep.Pipeline.RunAsync");
        Assert.Equal(10, Regex.Matches(tree, @"branch \(2 arms, worst arm counts\)  calls 0").Count);
        Assert.Contains("→ Pipeline.Validate", tree);
        Assert.Contains("→ Pipeline.AskAsync", tree);
    }

    [Fact]
    public async Task The_json_tree_parses_into_nodes_with_places_and_bounds()
    {
        var result = await CliRunner.ProcessAsync("report", _fixture.Project.ProjectFile, "--format", "json", "--tree", "--annotated-only");

        Assert.True(result.ExitCode == 1, result.ToString());
        var document = JsonNode.Parse(result.Output)!;
        Assert.Equal(2, (int)document["schema_version"]!);
        var task = document["projects"]![0]!["tasks"]!.AsArray().Single(t => (string?)t!["task"] == "Deep.Pipeline.RunAsync")!;
        var nodes = Flatten(task["tree"]!).ToList();
        Assert.All(nodes, n =>
        {
            Assert.NotNull(n["kind"]);
            Assert.NotNull(n["calls"]!["min"]);
            Assert.True(n.AsObject().ContainsKey("availability") && n.AsObject().ContainsKey("latency_p99_ms"));
            Assert.True(n.AsObject().ContainsKey("method") && n.AsObject().ContainsKey("file") && n.AsObject().ContainsKey("line"));
        });
        Assert.Equal(new[] { "sequence", "method", "loop", "method", "retry", "call" }, nodes.Select(n => (string)n["kind"]!));

        var loop = nodes[2];
        Assert.Equal(4, (int)loop["calls"]!["min"]!);
        Assert.Equal(12, (int)loop["calls"]!["max"]!);
        Assert.Equal("Pipeline.GatherAsync", (string?)loop["method"]);
        Assert.Equal(LineOf(Source, "for (int i = 0; i < 4; i++)"), (int)loop["line"]!);
        Assert.EndsWith(FileName, (string)loop["file"]!);
        Assert.Equal("iterations", (string?)loop["bound"]!["kind"]);
        Assert.Equal(4, (int)loop["bound"]!["value"]!);
        Assert.Equal("for i < 4", (string?)loop["bound"]!["source"]);

        var retry = nodes[4];
        Assert.Equal("attempts", (string?)retry["bound"]!["kind"]);
        Assert.Equal(2, (int)retry["bound"]!["value"]!);
        Assert.Equal("Pipeline.AskAsync", (string?)retry["method"]);

        var call = nodes[5];
        Assert.Equal(LineOf(Source, "client.GetResponseAsync(question)"), (int)call["line"]!);
        Assert.Equal(0.999, (double)call["availability"]!, 12);
        Assert.Equal("Pipeline.AskAsync", (string?)call["method"]);
    }

    [Fact]
    public async Task Explain_writes_the_arithmetic_out_and_ends_in_the_percentage_of_LLM003()
    {
        var sarif = await CliRunner.ProcessAsync("report", _fixture.Project.Directory, "--format", "sarif");
        var llm003 = JsonNode.Parse(sarif.Output)!["runs"]![0]!["results"]!.AsArray().Single(r => (string?)r!["ruleId"] == "LLM003")!;
        string message = (string)llm003["message"]!["text"]!;
        string stated = Regex.Match(message, @"composed availability ([0-9.]+ %)").Groups[1].Value;
        Assert.NotEqual(string.Empty, stated);

        var result = await CliRunner.ProcessAsync("explain", _fixture.Project.Directory, "RunAsync");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("retried +2: S = [1] = 0.999000, transient share of its failures T = 0.000500", result.Output);
        Assert.Contains("[2] ^ 4 (at most 4 iterations)", result.Output);
        var last = Regex.Match(result.Output, @"task  \[(\d+)\] × ([0-9.]+) \(provider outages, once per provider\) = ([0-9.]+) → ([0-9.]+ %)");
        Assert.True(last.Success, result.Output);
        Assert.Equal(stated, last.Groups[4].Value);

        // Redo it with a calculator: 1 − (0.0005 + 0.0005 × 0.001²) per call, to the fourth power.
        double perCall = 1 - (0.0005 + (0.0005 * 0.001 * 0.001));
        Assert.Equal(Math.Pow(perCall, 4).ToString("0.000000", CultureInfo.InvariantCulture), last.Groups[3].Value);
        Assert.Contains("needs ≥ ", result.Output);
        Assert.Contains($"loop ×4  for i < 4  {FileName}:{LineOf(Source, "for (int i = 0; i < 4; i++)")}: at most 2 iterations (now 4) would meet it", result.Output);
    }

    [Fact]
    public async Task Explain_answers_an_unknown_task_with_one_line_and_exit_code_2()
    {
        var result = await CliRunner.ProcessAsync("explain", _fixture.Project.Directory, "NoSuchTask");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("llmslo: no task named 'NoSuchTask' in ", line);
        Assert.Contains("'llmslo report ", line);
    }

    private static IEnumerable<JsonNode> Flatten(JsonNode node)
    {
        var stack = new Stack<JsonNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            if (current["children"] is JsonArray children)
            {
                for (int i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push(children[i]!);
                }
            }
        }
    }
}
