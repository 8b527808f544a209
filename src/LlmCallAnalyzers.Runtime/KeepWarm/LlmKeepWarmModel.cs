using System;
using Microsoft.Extensions.AI;

namespace LlmCallAnalyzers.Runtime;

/// <summary>One model that <see cref="LlmKeepWarmService"/> keeps warm.</summary>
public sealed class LlmKeepWarmModel
{
    /// <summary>Keeps <paramref name="modelId"/> warm through <paramref name="client"/> (or, when null, the client configured otherwise).</summary>
    /// <param name="modelId">
    /// The model id as the calls name it (<c>gen_ai.request.model</c>: an OpenAI <c>ft:…</c> id, an Azure OpenAI deployment
    /// name); sent as <see cref="ChatOptions.ModelId"/>, and the key of <see cref="LlmColdStartDetector"/>'s measurements.
    /// </param>
    /// <param name="client">The client that sends the keep-warm requests; see <see cref="Client"/>.</param>
    public LlmKeepWarmModel(string modelId, IChatClient? client = null)
    {
        if (string.IsNullOrWhiteSpace(modelId))
        {
            throw new ArgumentException("A model id is required.", nameof(modelId));
        }

        ModelId = modelId;
        Client = client;
    }

    /// <summary>The model id.</summary>
    public string ModelId { get; }

    /// <summary>
    /// The client that sends the keep-warm requests. When null: <see cref="ClientFactory"/>, else the
    /// <see cref="IChatClient"/> registered in the service provider. It may include <c>UseLlmTaskTelemetry()</c>: its
    /// spans are then tagged <c>llm.synthetic = true</c> and nothing is counted into a task.
    /// </summary>
    public IChatClient? Client { get; set; }

    /// <summary>Creates the client from the service provider when <see cref="Client"/> is null.</summary>
    public Func<IServiceProvider, IChatClient>? ClientFactory { get; set; }

    /// <summary>
    /// The idle threshold to stay under. Null (the default): the threshold <see cref="LlmColdStartDetector"/> measured
    /// (or was given with <see cref="LlmColdStartDetector.SetIdleThreshold"/>); until there is one, nothing is sent.
    /// </summary>
    public TimeSpan? IdleThreshold { get; set; }
}
