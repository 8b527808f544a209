using System.Collections.Immutable;
using LlmCallAnalyzers.Analyzers;
using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using LlmCallAnalyzers.CodeFixes.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.CodeFixes.Tests;

/// <summary>
/// The editor flow: a diagnostic obtained by analyzing one open document (not a build), fixed with the fix the
/// editor offers for it, and the document analyzed again. The task and the code the fix changes are in different files
/// from the methods they reach.
/// </summary>
public class LiveFixTests
{
    private const string Tasks = """
        using Microsoft.Extensions.AI;

        public sealed class Agent(IChatClient client, Helper helper)
        {
            [TaskSlo(0.995)]
            public async Task Run()
            {
                await helper.PrepareAsync();
                await client.GetResponseAsync("step 0");
                await client.GetResponseAsync("step 1");
                await client.GetResponseAsync("step 2");
                await client.GetResponseAsync("step 3");
                await client.GetResponseAsync("step 4");
                await client.GetResponseAsync("step 5");
            }

            [TaskSlo(0.9)]
            public Task Survey(IEnumerable<string> questions) => helper.AskAllAsync(questions);
        }
        """;

    private const string Helpers = """
        using Microsoft.Extensions.AI;

        public sealed class Helper(IChatClient client)
        {
            public async Task PrepareAsync()
            {
                await client.GetResponseAsync("prepare a");
                await client.GetResponseAsync("prepare b");
            }

            public async Task AskAllAsync(IEnumerable<string> questions)
            {
                foreach (var q in questions)
                {
                    await client.GetResponseAsync(q);
                }
            }
        }
        """;

    [Fact]
    public async Task The_retry_fix_applies_to_LLM003_found_by_analyzing_the_task_document_alone()
    {
        var (solution, tasks, _) = CreateSolution();
        var diagnostic = Assert.Single(await DocumentDiagnosticsAsync(solution.GetDocument(tasks)!), d => d.Id == "LLM003");
        Assert.Contains("up to 8 essential LLM calls", diagnostic.GetMessage(), StringComparison.Ordinal);

        var fixedSolution = await ApplyAsync(new TaskSloCodeFixProvider(), solution.GetDocument(tasks)!, diagnostic, FixKeys.AddRetry);
        var fixedDocument = fixedSolution.GetDocument(tasks)!;
        Assert.Contains("RetryPipeline.ExecuteAsync", (await fixedDocument.GetTextAsync()).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await DocumentDiagnosticsAsync(fixedDocument), d => d.Id == "LLM003");
    }

    [Fact]
    public async Task The_fan_out_fix_applies_to_LLM002_found_by_analyzing_the_helper_document_alone()
    {
        var (solution, _, helpers) = CreateSolution();
        var diagnostic = Assert.Single(await DocumentDiagnosticsAsync(solution.GetDocument(helpers)!), d => d.Id == "LLM002");
        Assert.Contains("on the path of task 'Survey'", diagnostic.GetMessage(), StringComparison.Ordinal);

        var fixedSolution = await ApplyAsync(new FanOutCodeFixProvider(), solution.GetDocument(helpers)!, diagnostic, FixKeys.DeclareFanOut);
        var fixedDocument = fixedSolution.GetDocument(helpers)!;
        Assert.Contains("[FanOut(10)]", (await fixedDocument.GetTextAsync()).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await DocumentDiagnosticsAsync(fixedDocument), d => d.Id == "LLM002");
    }

    [Fact]
    public async Task The_fan_out_fix_applies_to_LLM002_found_after_typing_in_the_helper()
    {
        // The helper analyzed, then edited in the workspace (a new compilation, one document changed, the analysis
        // carried over from before the edit): the diagnostic and its fix come from the carried-over analysis.
        var (solution, _, helpers) = CreateSolution();
        Assert.Single(await DocumentDiagnosticsAsync(solution.GetDocument(helpers)!), d => d.Id == "LLM002");
        var before = solution.GetProject(helpers.ProjectId)!.AnalyzerOptions;
        var text = await solution.GetDocument(helpers)!.GetTextAsync();
        int loop = text.ToString().IndexOf("foreach (var q in questions)", StringComparison.Ordinal);
        solution = solution.WithDocumentText(helpers, text.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(loop, 0), "var asked = 0;\n        ")));

        var edited = solution.GetDocument(helpers)!;
        var diagnostic = Assert.Single(await DocumentDiagnosticsAsync(edited), d => d.Id == "LLM002");
        var compilation = (await edited.Project.GetCompilationAsync())!;
        Assert.NotSame(before, edited.Project.AnalyzerOptions); // a new snapshot, new option objects: carried over all the same
        Assert.NotNull(Analyzers.Analysis.SessionReuse.GetOrCreate(compilation, edited.Project.AnalyzerOptions, () => throw new InvalidOperationException("no analysis kept")).Root);
        Assert.Equal((await edited.GetSyntaxTreeAsync())!, diagnostic.Location.SourceTree);

        var fixedSolution = await ApplyAsync(new FanOutCodeFixProvider(), edited, diagnostic, FixKeys.DeclareFanOut);
        var fixedDocument = fixedSolution.GetDocument(helpers)!;
        string fixedText = (await fixedDocument.GetTextAsync()).ToString();
        Assert.Contains("[FanOut(10)]", fixedText, StringComparison.Ordinal);
        Assert.Contains("var asked = 0;", fixedText, StringComparison.Ordinal);
        Assert.DoesNotContain(await DocumentDiagnosticsAsync(fixedDocument), d => d.Id == "LLM002");
    }

    private static (Solution Solution, DocumentId Tasks, DocumentId Helpers) CreateSolution()
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var tasks = DocumentId.CreateNewId(projectId);
        var helpers = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(projectId, "Live", "Live", LanguageNames.CSharp)
            .WithProjectCompilationOptions(projectId, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithProjectParseOptions(projectId, new CSharpParseOptions(LanguageVersion.Latest))
            .AddMetadataReferences(projectId, SdkReferences.All)
            .AddDocument(tasks, "Tasks.cs", FixVerifier<TaskSloCodeFixProvider>.Usings + Tasks, filePath: "/src/Tasks.cs")
            .AddDocument(helpers, "Helpers.cs", FixVerifier<TaskSloCodeFixProvider>.Usings + Helpers, filePath: "/src/Helpers.cs");
        return (solution, tasks, helpers);
    }

    /// <summary>The analyzer's diagnostics for one document, as an editor computes them for the open file.</summary>
    private static async Task<ImmutableArray<Diagnostic>> DocumentDiagnosticsAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        // With the project's options, as an editor analyzes (each snapshot of the project has new option objects).
        var analysis = compilation.WithAnalyzers([new LlmTaskAnalyzer()], document.Project.AnalyzerOptions);
        var tree = (await document.GetSyntaxTreeAsync())!;
        var diagnostics = await analysis.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, CancellationToken.None);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.All(diagnostics, d => Assert.Equal(tree, d.Location.SourceTree));
        return diagnostics;
    }

    private static async Task<Solution> ApplyAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic, string equivalenceKey)
    {
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var action = Assert.Single(actions, a => a.EquivalenceKey == equivalenceKey);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
    }
}
