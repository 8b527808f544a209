using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LlmCallAnalyzers.Cli.Tests.Infrastructure;

/// <summary>Emits a small assembly carrying <c>[assembly: LlmTaskEstimate]</c> attributes, as the source generator writes them.</summary>
public static class EstimateAssembly
{
    private const string AttributeSource = """
        namespace LlmCallAnalyzers
        {
            [System.AttributeUsage(System.AttributeTargets.Assembly, AllowMultiple = true)]
            public sealed class LlmTaskEstimateAttribute : System.Attribute
            {
                public LlmTaskEstimateAttribute(string task, int minCalls, int maxCalls, double availability, double slo) { }
                public int DeclaredFanOut { get; set; } = -1;
                public int LatencyP99Ms { get; set; }
            }
        }
        """;

    public static string Emit(string directory, string assemblyAttributes)
    {
        var compilation = CSharpCompilation.Create(
            "Shop",
            new[] { CSharpSyntaxTree.ParseText(AttributeSource), CSharpSyntaxTree.ParseText(assemblyAttributes) },
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        string path = Path.Combine(directory, "Shop.dll");
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return path;
    }
}
