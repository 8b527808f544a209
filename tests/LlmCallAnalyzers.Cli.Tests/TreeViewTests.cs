using LlmCallAnalyzers.Cli.Output;
using LlmCallAnalyzers.Model;

namespace LlmCallAnalyzers.Cli.Tests;

/// <summary>
/// The tree view of a composed tree: a callee's sequence within a sequence of its caller is listed under the method
/// node as if spliced in (the tree keeps it one shared child), and a call graph with exponentially many paths is cut
/// at <see cref="TreeView.MaxNodes"/> without walking the paths.
/// </summary>
public sealed class TreeViewTests
{
    private static MethodFrame Frame(string method, int line) => new(method, new NodePlace("/src/Agent.cs", line, null));

    [Fact]
    public void A_callees_sequence_is_listed_under_its_method_node()
    {
        // Run { Ask(); call } with Ask { call; loop ×3 { call } }.
        var ask = CallTree.Sequence(CallTree.Call("openai"), CallTree.Loop(CallTree.Call("openai"), 3, 3));
        var run = CallTree.Sequence(ask.WithFrame(Frame("Agent.Ask", 12)), CallTree.Call("anthropic"));

        string text = TreeView.ToText(TreeView.Build(run, ModelParameters.Default, TreeMode.Full, "Agent.Run"));

        var labels = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimStart(' ', '│', '├', '└', '─').Split("  ")[0])
            .ToList();
        Assert.Equal(new[] { "sequence", "→ Agent.Ask", "call openai", "loop ×3", "call openai", "call anthropic" }, labels);
    }

    [Fact]
    public void Sixty_doublings_are_cut_at_the_node_budget()
    {
        var tree = CallTree.Call("openai");
        for (int i = 59; i >= 0; i--)
        {
            tree = CallTree.Sequence(tree.WithFrame(Frame("Doubling.M" + (i + 1), i + 1)), tree.WithFrame(Frame("Doubling.M" + (i + 1), i + 1)));
        }

        var view = TreeView.Build(tree, ModelParameters.Default, TreeMode.Pruned, "Doubling.M0");

        Assert.Equal("sequence", view.Kind);
        Assert.Equal(1L << 60, view.Figures!.MaxCalls);
        Assert.Contains(view.Children, c => c.Kind == "elided");
    }
}
