using System.Text;

namespace LlmCallAnalyzers.Analyzers.Tests.Infrastructure;

/// <summary>
/// Source for a doubling call graph: M1 calls M2 twice, M2 calls M3 twice, …, so that 2^n paths reach what the last
/// method does while the graph has n + 1 methods. A walk per path never finishes; a walk per node is instant.
/// </summary>
internal static class DoublingCallGraph
{
    /// <summary>
    /// A class <c>Doubling</c> whose task M0 calls M1 twice, each level down to M<paramref name="depth"/>, whose body
    /// is <paramref name="deepest"/>: 2^<paramref name="depth"/> paths to it.
    /// </summary>
    public static string Class(int depth, string deepest)
    {
        var sb = new StringBuilder("using System.Threading.Tasks; using Microsoft.Extensions.AI; using LlmCallAnalyzers;\nclass Doubling\n{\n");
        sb.AppendLine("    [TaskSlo(0.99)] public async Task M0(IChatClient c) { await M1(c); await M1(c); }");
        sb.Append(Levels(depth));
        sb.AppendLine($"    async Task M{depth}(IChatClient c) {{ {deepest} }}");
        sb.AppendLine("}");
        return sb.ToString();
    }

    /// <summary>The methods M1 … M<c>depth − 1</c>, one a line, each calling the next twice (declared with <paramref name="modifiers"/>).</summary>
    public static string Levels(int depth, string modifiers = "")
    {
        var sb = new StringBuilder();
        for (int i = 1; i < depth; i++)
        {
            sb.AppendLine($"    {modifiers}async Task M{i}(IChatClient c) {{ await M{i + 1}(c); await M{i + 1}(c); }}");
        }

        return sb.ToString();
    }
}
