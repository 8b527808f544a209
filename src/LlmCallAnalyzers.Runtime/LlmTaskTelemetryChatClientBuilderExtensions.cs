using System;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace LlmCallAnalyzers.Runtime;

/// <summary>Adds <see cref="LlmTaskTelemetryChatClient"/> to a <see cref="ChatClientBuilder"/>.</summary>
public static class LlmTaskTelemetryChatClientBuilderExtensions
{
    /// <summary>
    /// Counts every model call of the pipeline against <see cref="LlmTask.Current"/> and traces it. Call it last
    /// (innermost, after <c>UseFunctionInvocation()</c>) so that each model request counts.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional configuration of <see cref="LlmTaskTelemetryOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static ChatClientBuilder UseLlmTaskTelemetry(this ChatClientBuilder builder, Action<LlmTaskTelemetryOptions>? configure = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        var options = new LlmTaskTelemetryOptions();
        configure?.Invoke(options);
        return builder.Use(inner => new LlmTaskTelemetryChatClient(inner, options));
    }
}
