using LlmCallAnalyzers.Analyzers.Tests.Infrastructure;
using Verify = LlmCallAnalyzers.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LlmCallAnalyzers.Analyzers.LlmTaskAnalyzer>;

namespace LlmCallAnalyzers.Analyzers.Tests;

public class CallInLoopTests
{
    [Fact]
    public async Task IChatClient_in_for_loop_with_constant_bound_states_the_bound()
    {
        await Verify.VerifyAsync("""
            using Microsoft.Extensions.AI;
            class Agent
            {
                async Task Run(IChatClient client)
                {
                    for (int i = 0; i < 5; i++)
                    {
                        await {|#0:client.GetResponseAsync("hi")|};
                    }
                }
            }
            """,
            Verify.Diagnostic("LLM001").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithLocation(0)
                .WithArguments("ChatClientExtensions.GetResponseAsync", "1 LLM call", "5 times"));
    }
}
