using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LlmCallAnalyzers.Cli.Tests.Infrastructure;

/// <summary>Emits a small assembly carrying <c>[assembly: LlmTaskEstimate]</c> attributes of the real LlmCallAnalyzers.Attributes.</summary>
public static class EstimateAssembly
{
    public static string Emit(string directory, string assemblyAttributes, string assemblyName = "Shop")
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(assemblyAttributes) },
            Basic.Reference.Assemblies.Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(LlmTaskEstimateAttribute).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        string path = Path.Combine(directory, assemblyName + ".dll");
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return path;
    }
}
