namespace LlmCallAnalyzers.CodeFixes.Tests.Infrastructure;

/// <summary>What the fixes write, as the tests expect it.</summary>
internal static class Expected
{
    /// <summary>The usings of <see cref="FixVerifier{TFix}.Usings"/> plus those a generated pipeline adds.</summary>
    public const string PipelineUsings = """
        using System;
        using System.ClientModel;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using LlmCallAnalyzers;

        """;

    public static string RetryField(string name = "RetryPipeline") => $$"""
            // Retries transient failures of LLM calls (LLM003): 3 retries, exponential backoff with jitter, 100 s per attempt.
            private static readonly ResiliencePipeline {{name}} = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder()
                        .Handle<HttpRequestException>()
                        .Handle<TimeoutRejectedException>()
                        .Handle<ClientResultException>(e => e.Status == 408 || e.Status == 429 || e.Status >= 500),
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(1),
                })
                .AddTimeout(TimeSpan.FromSeconds(100))
                .Build();
        """;

    public static string HedgingField(string result, int attempts, int delayMs, string reason, string name = "HedgingPipeline") => $$"""
            // Hedges LLM calls (LLM003): {{reason}}; 100 s per attempt.
            private static readonly ResiliencePipeline<{{result}}> {{name}} = new ResiliencePipelineBuilder<{{result}}>()
                .AddHedging(new HedgingStrategyOptions<{{result}}>
                {
                    ShouldHandle = new PredicateBuilder<{{result}}>()
                        .Handle<HttpRequestException>()
                        .Handle<TimeoutRejectedException>()
                        .Handle<ClientResultException>(e => e.Status == 408 || e.Status == 429 || e.Status >= 500),
                    MaxHedgedAttempts = {{attempts}},
                    Delay = TimeSpan.FromMilliseconds({{delayMs}}),
                })
                .AddTimeout(TimeSpan.FromSeconds(100))
                .Build();
        """;
}
