using System.Threading.Tasks;

namespace LlmCallAnalyzers.Cli;

/// <summary>The <c>llmslo</c> entry point.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => CliApp.RunAsync(args);
}
