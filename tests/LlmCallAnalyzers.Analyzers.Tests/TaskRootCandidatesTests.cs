using System.Collections.Immutable;
using LlmCallAnalyzers.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmCallAnalyzers.Analyzers.Tests;

/// <summary>
/// The estimate generator finds its task roots from each file's declarations by attribute name, binding nothing: every
/// method whose attribute is named <c>TaskSlo</c> or <c>AgentStep</c> (or an alias of one), and nothing inside a body.
/// </summary>
public class TaskRootCandidatesTests
{
    [Fact]
    public void Methods_with_an_attribute_named_as_a_task_attribute_are_found_in_any_spelling_and_nothing_in_bodies()
    {
        var tree = Parse("""
            namespace N
            {
                public class A
                {
                    [TaskSlo(0.99)] public void Short() { }
                    [LlmCallAnalyzers.AgentStep] public void Qualified() { }
                    [global::LlmCallAnalyzers.TaskSloAttribute(0.9)] public void Global() { }
                    [AgentStepAttribute, System.Obsolete] public void Long() { }
                    [System.Obsolete] public void Other() { }
                    public void Plain() { [TaskSlo(0.9)] void Local() { } }
                    [TaskSlo(0.9)] public int Property => 1;
                    public class Nested { [AgentStep] public void Inner() { } }
                }
            }
            """);

        var roots = TaskRootCandidates.Merge(ImmutableArray.Create(TaskRootCandidates.Find(tree, CancellationToken.None))).Roots;

        Assert.Equal(new[] { "Short", "Qualified", "Global", "Long", "Inner" }, roots.Select(r => MethodAt(tree, r.Position)));
    }

    [Fact]
    public void An_alias_of_a_task_attribute_in_any_file_names_roots_in_every_file()
    {
        var aliases = Parse("global using Slo = LlmCallAnalyzers.TaskSloAttribute;", "/src/Aliases.cs");
        var tasks = Parse("""
            using Step = LlmCallAnalyzers.AgentStepAttribute;
            public class A
            {
                [Slo(0.99)] public void ThroughGlobal() { }
                [Step] public void ThroughLocal() { }
                [Unrelated] public void NotATask() { }
            }
            """, "/src/Tasks.cs");

        var roots = TaskRootCandidates.Merge(ImmutableArray.Create(TaskRootCandidates.Find(aliases, CancellationToken.None), TaskRootCandidates.Find(tasks, CancellationToken.None))).Roots;

        Assert.All(roots, r => Assert.Equal("/src/Tasks.cs", r.Path));
        Assert.Equal(new[] { "ThroughGlobal", "ThroughLocal" }, roots.Select(r => MethodAt(tasks, r.Position)));
    }

    [Fact]
    public void The_same_text_parsed_again_gives_an_equal_value_and_an_edit_that_moves_a_task_does_not()
    {
        const string text = "public class A { [TaskSlo(0.9)] public void T() { int x = 1; } }";
        var first = TaskRootCandidates.Find(Parse(text), CancellationToken.None);

        Assert.Equal(first, TaskRootCandidates.Find(Parse(text), CancellationToken.None));
        Assert.Equal(first, TaskRootCandidates.Find(Parse(text.Replace("int x = 1;", "int x = 2;", StringComparison.Ordinal)), CancellationToken.None));
        Assert.NotEqual(first, TaskRootCandidates.Find(Parse("// moved\n" + text), CancellationToken.None));
    }

    private static SyntaxTree Parse(string text, string path = "/src/A.cs") => CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path);

    private static string MethodAt(SyntaxTree tree, int position)
        => tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.SpanStart == position).Identifier.ValueText;
}
