using System.Text.Json.Nodes;
using LlmCallAnalyzers.Cli.Tests.Infrastructure;
using static LlmCallAnalyzers.Cli.Tests.Infrastructure.Otlp;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary><c>llmslo confirm</c> on hand-written OTLP JSON Lines fixtures, in process.</summary>
public sealed class ConfirmTests : IDisposable
{
    private const string Task = "Shop.Agent.ResearchAsync";
    private readonly string _dir = Directory.CreateTempSubdirectory("llmslo-confirm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>One trace: a task span with <paramref name="calls"/> chat spans under it; children written before the parent.</summary>
    private static IEnumerable<string> TaskTrace(int calls, int? estimateMax = 12, double? slo = 0.99, string outcome = "success", bool childrenFirst = true, Func<string, string>? id = null)
    {
        id ??= s => s;
        string trace = NewTraceId();
        string root = SpanId(1000);
        var children = Enumerable.Range(1, calls).Select(i => ChatSpan(id(trace), id(SpanId(i)), id(root))).ToArray();
        var parent = TaskSpan(id(trace), id(root), null, Task, estimateMax, slo, outcome);
        return childrenFirst ? new[] { Line(children), Line(parent) } : new[] { Line(parent), Line(children) };
    }

    [Fact]
    public async Task Fifteen_calls_against_an_estimate_of_12_is_exceeded_and_exits_1()
    {
        var lines = TaskTrace(10).Concat(TaskTrace(15)).Concat(TaskTrace(12));
        string file = WriteFile(_dir, "traces.jsonl", lines);

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        string row = result.Output.Split('\n').Single(l => l.Contains(Task));
        Assert.Contains("exceeded", row);
        Assert.Contains("15 calls > estimate 12 in 1 of 3 tasks", row);
        Assert.Contains("10 / 12 / 15 / 15", row);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task Calls_within_the_estimate_are_confirmed_and_exit_0()
    {
        string file = WriteFile(_dir, "traces.jsonl", TaskTrace(12).Concat(TaskTrace(3)));

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("confirmed", result.Output.Split('\n').Single(l => l.Contains(Task)));
    }

    [Fact]
    public async Task A_declared_fan_out_is_a_limit_too()
    {
        string trace = NewTraceId();
        var task = TaskSpan(trace, SpanId(99), null, Task, estimateMax: -1);
        task["attributes"]!.AsArray().Add(Attr("llm.task.fan_out.max", 4));
        var calls = Enumerable.Range(1, 5).Select(i => ChatSpan(trace, SpanId(i), SpanId(99))).ToArray();
        string file = WriteFile(_dir, "traces.jsonl", new[] { Line(calls), Line(task) });

        var result = await CliRunner.InProcessAsync("confirm", "-t", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("exceeded (5 calls > [FanOut] 4 in 1 of 1 tasks)", result.Output);
    }

    [Fact]
    public async Task Gzip_files_are_read()
    {
        string file = WriteFile(_dir, "traces.jsonl.gz", TaskTrace(15));

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", file, "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var json = JsonNode.Parse(result.Output)!;
        var task = json["tasks"]!.AsArray().Single()!;
        Assert.Equal("exceeded", (string?)task["verdict"]);
        Assert.Equal(15, (int)task["calls"]!["max"]!);
    }

    [Fact]
    public async Task Base64_ids_group_like_hex_ids()
    {
        string file = WriteFile(_dir, "traces.jsonl", TaskTrace(15, id: ToBase64).Concat(TaskTrace(11, id: ToBase64)));

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", file, "--format", "json");

        var task = JsonNode.Parse(result.Output)!["tasks"]!.AsArray().Single()!;
        Assert.Equal(2, (int)task["seen"]!);
        Assert.Equal(11, (int)task["calls"]!["min"]!);
        Assert.Equal(15, (int)task["calls"]!["max"]!);
        Assert.Equal(0, (int)JsonNode.Parse(result.Output)!["stats"]!["calls_outside_tasks"]!);
    }

    [Fact]
    public async Task Children_before_parents_and_parents_before_children_count_the_same()
    {
        string childrenFirst = WriteFile(_dir, "a.jsonl", TaskTrace(7, childrenFirst: true));
        string parentsFirst = WriteFile(_dir, "b.jsonl", TaskTrace(7, childrenFirst: false));

        foreach (var file in new[] { childrenFirst, parentsFirst })
        {
            var result = await CliRunner.InProcessAsync("confirm", "--telemetry", file, "--format", "json");
            var json = JsonNode.Parse(result.Output)!;
            Assert.Equal(7, (int)json["tasks"]![0]!["calls"]!["max"]!);
            Assert.Equal(0, (int)json["stats"]!["calls_outside_tasks"]!);
        }
    }

    [Fact]
    public async Task Model_calls_count_at_any_depth_and_tools_and_agents_do_not()
    {
        // task → step → invoke_agent → chat (+ execute_tool), written deepest first, across several lines.
        string trace = NewTraceId();
        var lines = new[]
        {
            Line(ChatSpan(trace, SpanId(4), SpanId(3)), ChatSpan(trace, SpanId(5), SpanId(3), operation: "execute_tool")),
            Line(ChatSpan(trace, SpanId(6), SpanId(2), operation: "text_completion"), ChatSpan(trace, SpanId(3), SpanId(2), operation: "invoke_agent")),
            Line(Span(trace, SpanId(2), SpanId(1), "research.subquestion")),
            Line(TaskSpan(trace, SpanId(1), null, Task, estimateMax: 2)),
            Line(ChatSpan(NewTraceId(), SpanId(7), SpanId(8))),
        };
        string file = WriteFile(_dir, "deep.jsonl", lines);

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", file, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonNode.Parse(result.Output)!;
        Assert.Equal(2, (int)json["tasks"]![0]!["calls"]!["max"]!);
        Assert.Equal(3, (int)json["stats"]!["model_calls"]!);
        Assert.Equal(1, (int)json["stats"]!["calls_outside_tasks"]!);
    }

    [Fact]
    public async Task A_call_counts_for_every_enclosing_task()
    {
        string trace = NewTraceId();
        var lines = new[]
        {
            Line(ChatSpan(trace, SpanId(3), SpanId(2)), ChatSpan(trace, SpanId(4), SpanId(1))),
            Line(TaskSpan(trace, SpanId(2), SpanId(1), "Shop.Agent.Inner")),
            Line(TaskSpan(trace, SpanId(1), null, "Shop.Agent.Outer")),
        };
        string file = WriteFile(_dir, "nested.jsonl", lines);

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", file, "--format", "json");

        var tasks = JsonNode.Parse(result.Output)!["tasks"]!.AsArray();
        Assert.Equal(1, (int)tasks.Single(t => (string?)t!["task"] == "Shop.Agent.Inner")!["calls"]!["max"]!);
        Assert.Equal(2, (int)tasks.Single(t => (string?)t!["task"] == "Shop.Agent.Outer")!["calls"]!["max"]!);
    }

    [Fact]
    public async Task A_success_interval_entirely_below_the_slo_is_below_slo()
    {
        var lines = Enumerable.Range(0, 200).SelectMany(i => TaskTrace(2, slo: 0.99, outcome: i % 10 == 0 ? "failure" : "success"));
        string file = WriteFile(_dir, "traces.jsonl", lines);

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        string row = result.Output.Split('\n').Single(l => l.Contains(Task));
        Assert.Contains("below SLO", row);
        Assert.Contains("90.00 %", row);
    }

    [Fact]
    public async Task A_malformed_line_exits_2_with_file_and_line_and_no_stack_trace()
    {
        var lines = TaskTrace(3).Concat(new[] { "{\"resourceSpans\": [ {\"scopeSpans\": " });
        string file = WriteFile(_dir, "broken.jsonl", lines);

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        string error = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"llmslo: {file}:3: not valid JSON", error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"0102\",\"spanId\":\"0102030405060708\"}]}]}]}", "traceId \"0102\" is neither 32 hex digits nor base64 of 16 bytes")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"0102030405060708090a0b0c0d0e0f10\"}]}]}]}", "resourceSpans[0].scopeSpans[0].spans[0] has no spanId")]
    [InlineData("{\"resourceSpans\":{}}", "resourceSpans must be an array")]
    [InlineData("[1,2]", "expected a JSON object with resourceSpans")]
    [InlineData("{\"hello\":1}", "not an OTLP JSON trace export")]
    public async Task Malformed_spans_name_what_is_wrong(string line, string expected)
    {
        string file = WriteFile(_dir, "bad.jsonl", new[] { string.Empty, line });

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{file}:2: ", result.Error);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public async Task A_missing_telemetry_file_exits_2()
    {
        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", Path.Combine(_dir, "nope.jsonl"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.jsonl: no such telemetry file", result.Error);
    }

    [Fact]
    public async Task Estimates_come_from_the_built_assembly_without_loading_it()
    {
        string assembly = EstimateAssembly.Emit(_dir, "[assembly: LlmCallAnalyzers.LlmTaskEstimate(\"Shop.Agent.ResearchAsync\", 2, 12, 0.988, 0.99, DeclaredFanOut = 20)]");
        string trace = NewTraceId();
        var calls = Enumerable.Range(1, 15).Select(i => ChatSpan(trace, SpanId(i), SpanId(100))).ToArray();
        string file = WriteFile(_dir, "traces.jsonl", new[] { Line(calls), Line(TaskSpan(trace, SpanId(100), null, Task)) });

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", file, "--estimates", assembly, "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var task = JsonNode.Parse(result.Output)!["tasks"]!.AsArray().Single()!;
        Assert.Equal("exceeded", (string?)task["verdict"]);
        Assert.Equal("assembly", (string?)task["estimate_source"]);
        Assert.Equal(12, (int)task["estimate_max_calls"]!);
        Assert.Equal(20, (int)task["declared_fan_out"]!);
        Assert.Equal(0.988, (double)task["predicted_availability"]!, 6);
    }

    [Fact]
    public async Task A_file_that_is_not_an_assembly_is_bad_input()
    {
        string notAssembly = Path.Combine(_dir, "x.dll");
        File.WriteAllText(notAssembly, "hello");
        string file = WriteFile(_dir, "traces.jsonl", TaskTrace(1));

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", file, "--estimates", notAssembly);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("x.dll: not a .NET assembly", result.Error);
    }
}
