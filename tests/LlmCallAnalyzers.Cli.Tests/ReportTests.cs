using LlmCallAnalyzers.Tests.Shared;
using System.Text.Json.Nodes;
using LlmCallAnalyzers.Cli.Tests.Infrastructure;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary>The temp project of the report tests: restored once, analyzed in every format.</summary>
public sealed class AgentProjectFixture : IDisposable
{
    public const string Source = """
        using System.Threading.Tasks;
        using LlmCallAnalyzers;
        using Microsoft.Extensions.AI;

        namespace Shop;

        public sealed class Agent
        {
            private readonly IChatClient _client;

            public Agent(IChatClient client) => _client = client;

            [TaskSlo(0.995)]
            public async Task TwentyStepsAsync()
            {
                for (int i = 0; i < 20; i++)
                {
                    await _client.GetResponseAsync("step");
                }
            }

            [TaskSlo(0.99)]
            public async Task UntilDoneAsync()
            {
                while (true)
                {
                    var response = await _client.GetResponseAsync("more?");
                    if (response.Text == "done") break;
                }
            }

            [TaskSlo(0.99)]
            public async Task<string> OneCallAsync() => (await _client.GetResponseAsync("hi")).Text;
        }
        """;

    public TempProject Project { get; } = TempProject.Create(Source);

    public void Dispose() => Project.Dispose();
}

/// <summary><c>llmslo report</c> as a process on a temp project: MSBuildWorkspace, restore, formats, exit codes.</summary>
[Collection(MsBuildCollection.Name)]
public sealed class ReportTests(AgentProjectFixture fixture) : IClassFixture<AgentProjectFixture>
{
    [Fact]
    public async Task Report_prints_each_task_with_worst_case_calls_and_composed_availability()
    {
        var result = await CliRunner.ProcessAsync("report", fixture.Project.Directory, "--tree");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        string twenty = result.Output.Split('\n').First(l => l.Contains("Shop.Agent.TwentyStepsAsync"));
        Assert.Contains("20", twenty);
        Assert.Contains("98.02 %", twenty);
        Assert.Contains("99.50 %", twenty);
        Assert.Contains("below SLO (needs ≥ 99.975 % per call)", twenty);
        string loop = result.Output.Split('\n').First(l => l.Contains("Shop.Agent.UntilDoneAsync"));
        Assert.Contains("unbounded", loop);
        string one = result.Output.Split('\n').First(l => l.Contains("Shop.Agent.OneCallAsync"));
        Assert.Contains("99.90 %", one);
        Assert.Contains("meets", one);
        Assert.Contains("loop ×20", result.Output);
        Assert.Contains("call chat-client", result.Output);
    }

    [Fact]
    public async Task Json_has_the_figures()
    {
        var result = await CliRunner.ProcessAsync("report", fixture.Project.ProjectFile, "--format", "json", "--tree");

        Assert.True(result.ExitCode == 1, result.ToString());
        var tasks = JsonNode.Parse(result.Output)!["projects"]![0]!["tasks"]!.AsArray();
        var twenty = tasks.Single(t => (string?)t!["task"] == "Shop.Agent.TwentyStepsAsync")!;
        Assert.Equal(20, (int)twenty["max_calls"]!);
        Assert.Equal("98.02 %", (string?)twenty["availability_text"]);
        Assert.Equal("below_slo", (string?)twenty["verdict"]);
        Assert.Equal("loop", (string?)twenty["tree"]!["kind"]);
        var loop = tasks.Single(t => (string?)t!["task"] == "Shop.Agent.UntilDoneAsync")!;
        Assert.Null(loop["max_calls"]);
        Assert.Equal("unbounded", (string?)loop["verdict"]);
    }

    [Fact]
    public async Task Sarif_and_markdown_carry_the_findings()
    {
        var sarif = await CliRunner.ProcessAsync("report", fixture.Project.Directory, "--format", "sarif");
        var run = JsonNode.Parse(sarif.Output)!["runs"]![0]!;
        Assert.Equal("2.1.0", (string?)JsonNode.Parse(sarif.Output)!["version"]);
        var results = run["results"]!.AsArray();
        Assert.Contains(results, r => (string?)r!["ruleId"] == "LLM003" && ((string?)r["message"]!["text"])!.Contains("composed availability 98.02 % is below its TaskSlo of 99.50 %"));
        Assert.Contains(results, r => (string?)r!["ruleId"] == "LLM002" && ((string?)r["message"]!["text"])!.Contains("on the path of task 'UntilDoneAsync'"));
        Assert.Contains(results, r => (string?)r!["ruleId"] == "LLMSLO" && (string?)r["properties"]!["task"] == "Shop.Agent.OneCallAsync");
        Assert.All(results, r => Assert.EndsWith("Tasks.cs", (string?)r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]));

        var markdown = await CliRunner.ProcessAsync("report", fixture.Project.Directory, "--format", "markdown", "--no-restore");
        Assert.Contains("| App | `Shop.Agent.TwentyStepsAsync` | TaskSlo | 20 | 98.02 % | 99.50 % | **below SLO** (needs ≥ 99.975 % per call) |", markdown.Output);
    }
}

/// <summary><c>llmslo report --format sarif</c> and <c>dotnet build</c>'s SARIF speak of the same findings.</summary>
[Collection(MsBuildCollection.Name)]
public sealed class SarifAgreementTests
{
    [Fact]
    public async Task Cli_sarif_and_build_sarif_agree_on_id_title_and_location()
    {
        string analyzers = string.Join(";", new[] { typeof(LlmCallAnalyzers.Analyzers.LlmTaskAnalyzer), typeof(LlmCallAnalyzers.Model.CallTree) }.Select(t => t.Assembly.Location));
        using var project = TempProject.Create(AgentProjectFixture.Source, extraItems: $"""
            <ItemGroup><Analyzer Include="{analyzers}" /></ItemGroup>
            <PropertyGroup><ErrorLog>build.sarif,version=2.1</ErrorLog></PropertyGroup>
            """);

        var build = await CliRunner.DotnetAsync(project.Directory, "build", "-nologo");
        var cli = await CliRunner.ProcessAsync("report", project.Directory, "--format", "sarif", "--no-restore");

        Assert.True(build.ExitCode == 0, build.ToString());
        var built = Findings(File.ReadAllText(Path.Combine(project.Directory, "build.sarif")), project.Directory);
        var reported = Findings(cli.Output, project.Directory);
        Assert.Contains(built, f => f.StartsWith("LLM003|", StringComparison.Ordinal));
        Assert.Contains(built, f => f.StartsWith("LLM002|", StringComparison.Ordinal));
        Assert.Equal(built, reported);
    }

    [Fact]
    public async Task Cli_sarif_and_build_sarif_agree_on_the_research_agent_sample()
    {
        // The sample references the analyzer projects; --no-dependencies uses the outputs the solution build made.
        string sample = Path.Combine(PackageScript.RepositoryRoot(), "docs", "samples", "ResearchAgent");
        string log = Path.Combine(Path.GetTempPath(), "llmslo-sample-" + Guid.NewGuid().ToString("N")[..12] + ".sarif");
        try
        {
            var build = await CliRunner.DotnetAsync(sample, "build", "-c", "Release", "--no-dependencies", "--no-incremental", "-nologo", "-p:ErrorLog=" + log + "%2Cversion=2.1");
            var cli = await CliRunner.ProcessAsync("report", sample, "--format", "sarif", "--no-restore");

            Assert.True(build.ExitCode == 0, build.ToString());
            var built = Findings(File.ReadAllText(log), sample);
            Assert.Contains(built, f => f.StartsWith("LLM003|", StringComparison.Ordinal) && f.Contains("ResearchService.cs", StringComparison.Ordinal));
            Assert.Equal(built, Findings(cli.Output, sample));
        }
        finally
        {
            File.Delete(log);
        }
    }

    /// <summary>"id|title|help|file:line:column-line:column" of each LLM002 and LLM003 result.</summary>
    private static List<string> Findings(string sarif, string directory)
    {
        var run = JsonNode.Parse(sarif)!["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray().GroupBy(r => (string)r!["id"]!).ToDictionary(g => g.Key, g => g.First()!);
        return run["results"]!.AsArray()
            .Where(r => (string?)r!["ruleId"] is "LLM002" or "LLM003")
            .Select(r =>
            {
                string id = (string)r!["ruleId"]!;
                var rule = rules[id];
                var location = r["locations"]![0]!["physicalLocation"]!;
                var region = location["region"]!;
                string uri = (string)location["artifactLocation"]!["uri"]!;
                string file = Path.GetRelativePath(directory, Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile ? absolute.LocalPath : Path.GetFullPath(uri, directory));
                return $"{id}|{rule["shortDescription"]!["text"]}|{rule["helpUri"]}|{file}:{region["startLine"]}:{region["startColumn"]}-{region["endLine"]}:{region["endColumn"]}";
            })
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>Exit codes 0 and 2 of report, and the sample of the README.</summary>
[Collection(MsBuildCollection.Name)]
public sealed class ReportExitCodeTests
{
    [Fact]
    public async Task Exit_0_when_every_slo_holds()
    {
        using var project = TempProject.Create("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public sealed class Agent(IChatClient client)
            {
                [LlmCallAnalyzers.TaskSlo(0.99)]
                public async Task<string> AskAsync() => (await client.GetResponseAsync("hi")).Text;
            }
            """);

        var result = await CliRunner.ProcessAsync("report", project.Directory, "--annotated-only");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("meets", result.Output);
    }

    [Fact]
    public async Task A_build_failure_exits_2_with_one_line()
    {
        using var project = TempProject.Create("namespace Shop; public class Broken { public void M() { int x = \"no\"; } }");

        var result = await CliRunner.ProcessAsync("report", project.Directory);

        Assert.True(result.ExitCode == 2, result.ToString());
        string error = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("llmslo: build failed: ", error);
        Assert.Contains("Tasks.cs(1,", error);
        Assert.Contains("CS0029", error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task A_restore_failure_exits_2_with_one_line()
    {
        using var project = TempProject.Create("namespace Shop; public class C { }", extraItems: """<ItemGroup><PackageReference Include="LlmCallAnalyzers.NoSuchPackage.Ever" Version="1.0.0" /></ItemGroup>""");

        var result = await CliRunner.ProcessAsync("report", project.Directory);

        Assert.True(result.ExitCode == 2, result.ToString());
        string error = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("llmslo: restore failed for ", error);
        Assert.Contains("NoSuchPackage", error);
    }

    [Theory]
    [InlineData("does/not/exist", "does/not/exist: no such file or folder")]
    [InlineData("README.md", "README.md: not a project, solution or folder")]
    public async Task Bad_paths_exit_2_with_one_line(string path, string expected)
    {
        string root = PackageScript.RepositoryRoot();
        string argument = path == "README.md" ? Path.Combine(root, path) : path;

        var result = await CliRunner.ProcessAsync("report", argument);

        Assert.Equal(2, result.ExitCode);
        string error = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task The_readme_command_reports_the_research_agent_sample()
    {
        string sample = Path.Combine(PackageScript.RepositoryRoot(), "docs", "samples", "ResearchAgent");

        var result = await CliRunner.ProcessAsync("report", sample);

        Assert.True(result.ExitCode == 1, result.ToString());
        string research = result.Output.Split('\n').First(l => l.Contains("ResearchAgent.ResearchService.ResearchAsync "));
        Assert.Contains("2..14", research);
        Assert.Contains("98.61 %", research);
        Assert.Contains("below SLO", research);
        Assert.Contains("meets", result.Output.Split('\n').First(l => l.Contains("DeepResearchAsync")));
    }
}

[CollectionDefinition(Name)]
public sealed class MsBuildCollection
{
    public const string Name = "MSBuild";
}
