using LlmCallAnalyzers.Analyzers.Analysis;
using LlmCallAnalyzers.Analyzers.Catalog;
using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmCallAnalyzers.Analyzers.Tests.Live;

/// <summary>
/// The task a finding is "on the path of" is searched upward from the finding's method (callers found by name, so a
/// file is analyzed without reading the whole program). It must name the same task as a pass over every task of the
/// compilation would, for every method, with and without crossing [FanOut].
/// </summary>
public class TaskReachTests
{
    public static TheoryData<string> Projects => new() { "agent project", "package consumer", "delegates and overloads" };

    private const string DelegatesAndOverloads = """
        using System;
        using System.Threading.Tasks;
        using LlmCallAnalyzers;
        using Microsoft.Extensions.AI;

        namespace Reach;

        public sealed class Worker
        {
            private readonly IChatClient _client;
            private readonly Func<string, Task> _handler;
            private readonly Func<string, Task> _alias;
            private Func<string, Task> Stored { get; } = q => Task.CompletedTask;

            public Worker(IChatClient client)
            {
                _client = client;
                _handler = HandleAsync;
                _alias = _handler;
            }

            [TaskSlo(0.99)]
            public async Task Run(string[] questions)
            {
                foreach (var q in questions)
                {
                    await _alias(q);
                }
            }

            [TaskSlo(0.99)]
            public Task Run(int rounds) => Loop(rounds);

            [AgentStep, FanOut(5)]
            public Task Bounded(string q) => Loop(3);

            private async Task Loop(int rounds)
            {
                while (rounds-- > 0)
                {
                    await _client.GetResponseAsync("again");
                }
            }

            private async Task HandleAsync(string q)
            {
                while (true)
                {
                    var r = await _client.GetResponseAsync(q);
                    if (r.Text.Length > 10) break;
                }
            }

            public int Count => _client.GetHashCode();
        }
        """;

    [Theory]
    [MemberData(nameof(Projects))]
    public void The_upward_search_names_the_same_task_as_the_whole_compilation_pass(string project)
    {
        var compilation = AnalyzerRunner.Compile(project == "delegates and overloads" ? [DelegatesAndOverloads] : LiveAnalysisTests.SourcesOf(project));
        var inputs = CompilationInputs.Read(new AnalyzerOptions([]), default);
        var session = new TaskAnalysisSession(compilation, CallSiteCatalog.Create(compilation, inputs.ExtraEntries), new AnalyzerOptions([]), inputs.Measured, tree => compilation.GetSemanticModel(tree));
        var index = session.Tasks(default);

        int reached = 0;
        foreach (var method in DeclaredMethods(compilation))
        {
            foreach (var summary in session.Store.Owner(method).AllSummaries())
            {
                var counting = session.Reach.FirstTask(summary.Method, throughFanOut: false, default);
                var reaching = session.Reach.FirstTask(summary.Method, throughFanOut: true, default);
                Assert.Same(index.FirstTaskCounting(summary.Method), counting);
                Assert.Same(index.FirstTaskReaching(summary.Method), reaching);
                reached += reaching is null ? 0 : 1;
            }
        }

        Assert.True(reached >= 5, $"only {reached} methods are reached by a task: the comparison proves little");
    }

    private static IEnumerable<IMethodSymbol> DeclaredMethods(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes().Where(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax))
            {
                if (model.GetDeclaredSymbol(node) is IMethodSymbol method)
                {
                    yield return method;
                }
            }
        }
    }
}
