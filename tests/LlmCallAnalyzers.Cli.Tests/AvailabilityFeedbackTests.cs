using System.Collections.Immutable;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Cli.Tests.Infrastructure;
using LlmCallAnalyzers.Cli.Telemetry;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.AI;
using static LlmCallAnalyzers.Cli.Tests.Infrastructure.Otlp;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary>Production feeding back into the build: the file <c>--write-availability</c> writes is what the analyzer reads.</summary>
public sealed class AvailabilityFeedbackTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmslo-availability-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Measured_availability_replaces_the_default_in_the_analyzer()
    {
        // 1000 calls to openai (gpt-4o), 2 failed: 99.8 % per call.
        var lines = new List<string>();
        for (int t = 0; t < 100; t++)
        {
            string trace = NewTraceId();
            var calls = Enumerable.Range(1, 10).Select(i => ChatSpan(trace, SpanId(i), SpanId(100), failed: t < 2 && i == 1)).ToArray();
            lines.Add(Line(calls));
            lines.Add(Line(TaskSpan(trace, SpanId(100), null, "Shop.Agent.Twenty", outcome: t < 2 ? "failure" : "success")));
        }

        string telemetry = WriteFile(_dir, "traces.jsonl", lines);
        string availabilityFile = Path.Combine(_dir, "llm-availability.txt");

        var result = await CliRunner.InProcessAsync("confirm", "--telemetry", telemetry, "--write-availability", availabilityFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        string text = File.ReadAllText(availabilityFile);
        Assert.Contains("openai = 0.998   # 1000 calls, 2 failed", text);
        Assert.Contains("openai/gpt-4o = 0.998", text);
        Assert.Contains("chat-client = 0.998", text);

        // The analyzer, given the file as an AdditionalFile: 20 IChatClient calls at 99.8 % = 96.08 %.
        var tasks = Analyze(availabilityFile, text);
        var task = Assert.Single(tasks);
        Assert.Equal(Math.Pow(0.998, 20), task.Estimate.Availability!.Value, 9);
        Assert.Equal("96.08 %", Model.Percent.Format(task.Estimate.Availability!.Value));
    }

    [Fact]
    public void Providers_map_to_analyzer_keys()
    {
        Assert.Equal("openai", LlmCallAnalyzers.Model.Contracts.ProviderKeys.ToAnalyzerKey("openai"));
        Assert.Equal("openai", LlmCallAnalyzers.Model.Contracts.ProviderKeys.ToAnalyzerKey("azure.ai.openai"));
        Assert.Equal("bedrock", LlmCallAnalyzers.Model.Contracts.ProviderKeys.ToAnalyzerKey("aws.bedrock"));
        Assert.Equal("anthropic", LlmCallAnalyzers.Model.Contracts.ProviderKeys.ToAnalyzerKey("Anthropic"));
        Assert.Equal("gcp.gemini", LlmCallAnalyzers.Model.Contracts.ProviderKeys.ToAnalyzerKey("gcp.gemini"));
        Assert.Null(LlmCallAnalyzers.Model.Contracts.ProviderKeys.ToAnalyzerKey("unknown"));
        Assert.Null(LlmCallAnalyzers.Model.Contracts.ProviderKeys.ToAnalyzerKey("a b"));
    }

    [Fact]
    public void Providers_with_too_few_calls_are_left_as_comments()
    {
        var aggregator = new TaskAggregator();
        aggregator.Add(new SpanRecord { TraceId = new TraceId(1, 1), SpanId = 1, Kind = SpanKind.ModelCall, Provider = "anthropic", Model = "claude", Operation = "chat" });
        aggregator.CompleteAll();
        var result = ConfirmResult.Create(aggregator, Array.Empty<LlmCallAnalyzers.Model.Contracts.EmbeddedEstimate>(), new TelemetryReadStats(), new[] { "t.jsonl" });

        string text = AvailabilityFileWriter.Render(result.Availability, minCalls: 100, lowerBound: false, new[] { "t.jsonl" }, DateTimeOffset.UnixEpoch);

        Assert.Contains("# anthropic: only 1 calls, 0 failed", text);
        Assert.DoesNotContain("\nanthropic =", text);
    }

    private static IReadOnlyList<TaskReport> Analyze(string path, string availabilityText)
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace LlmCallAnalyzers { public sealed class TaskSloAttribute : System.Attribute { public TaskSloAttribute(double a) { } } }
            namespace Shop
            {
                public sealed class Agent
                {
                    private readonly IChatClient _client;
                    public Agent(IChatClient client) => _client = client;

                    [LlmCallAnalyzers.TaskSlo(0.99)]
                    public async Task Twenty()
                    {
                        for (int i = 0; i < 20; i++) await _client.GetResponseAsync("step");
                    }
                }
            }
            """;
        var references = Basic.Reference.Assemblies.Net100.References.All.Concat(new[] { MetadataReference.CreateFromFile(typeof(IChatClient).Assembly.Location) });
        var compilation = CSharpCompilation.Create("Shop", new[] { CSharpSyntaxTree.ParseText(source) }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryText(path, availabilityText)));
        return LlmTaskAnalysis.Analyze(compilation, options, includePublicEntryPoints: false);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
