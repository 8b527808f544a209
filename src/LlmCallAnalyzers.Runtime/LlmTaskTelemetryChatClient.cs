using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.Extensions.AI;

namespace LlmCallAnalyzers.Runtime;

/// <summary>
/// Middleware that counts every model call (<see cref="IChatClient.GetResponseAsync"/>, and each streaming call once)
/// against <see cref="LlmTask.Current"/> and traces it as a GenAI span. It never changes what the inner client
/// returns or throws. Add it with <see cref="LlmTaskTelemetryChatClientBuilderExtensions.UseLlmTaskTelemetry"/>.
/// </summary>
/// <remarks>
/// Place it innermost (after <c>UseFunctionInvocation()</c>) so that each round of function calling counts as the
/// model call it is. A call made while another counted call runs on the same flow (this middleware twice in one
/// pipeline, or <see cref="LlmTaskTelemetryHandler"/> under it) is counted once. A middleware that finds another below
/// it (<see cref="IChatClient.GetService"/>, which every <see cref="DelegatingChatClient"/> forwards) passes its calls
/// through untouched: the innermost one counts and traces them, with its options, and sees every round of function
/// calling between the two. Once the process holds a handler, every middleware marks its calls on the flow (an
/// AsyncLocal write) so that the handler does not count them again. A counting middleware hidden below a client that
/// does not forward <c>GetService</c> is not found, and its calls are counted twice.
/// </remarks>
public sealed class LlmTaskTelemetryChatClient : DelegatingChatClient
{
    private const string ChatOperation = TelemetryNames.OperationChat;

    private readonly LlmTaskTelemetryOptions _options;
    private readonly string? _providerName;
    private readonly string? _defaultModelId;
    private readonly string? _serverAddress;
    private readonly object? _serverPort;
    private readonly GenAiCallSpan _defaultSpan;
    private readonly ActivitySource? _innerInstrumentation;
    private readonly bool _countingLayerBelow;
    private readonly CountingLayers _layers;

    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client that makes the model calls.</param>
    /// <param name="options">Options; defaults when null.</param>
    public LlmTaskTelemetryChatClient(IChatClient innerClient, LlmTaskTelemetryOptions? options = null)
        : this(innerClient, options, CountingLayers.Process)
    {
    }

    /// <summary>Wraps <paramref name="innerClient"/> in a process whose counting layers are <paramref name="layers"/>.</summary>
    internal LlmTaskTelemetryChatClient(IChatClient innerClient, LlmTaskTelemetryOptions? options, CountingLayers layers)
        : base(innerClient)
    {
        _options = options ?? new LlmTaskTelemetryOptions();
        _layers = layers;
        try
        {
            if (innerClient.GetService(typeof(ChatClientMetadata)) is ChatClientMetadata metadata)
            {
                _providerName = metadata.ProviderName;
                _defaultModelId = metadata.DefaultModelId;
                _serverAddress = metadata.ProviderUri?.Host;
                _serverPort = metadata.ProviderUri is Uri uri && uri.Port > 0 ? uri.Port : null;
            }

            // Microsoft.Extensions.AI's OpenTelemetryChatClient below us exposes its ActivitySource as a service.
            if (innerClient.GetService(typeof(OpenTelemetryChatClient)) is OpenTelemetryChatClient otel)
            {
                _innerInstrumentation = otel.GetService(typeof(ActivitySource)) as ActivitySource;
            }

            // Another of these below us (nested pipelines) counts and traces every call: we pass them through.
            _countingLayerBelow = innerClient.GetService(typeof(LlmTaskTelemetryChatClient)) is not null;
        }
        catch (Exception ex)
        {
            Debug.WriteLine("LlmCallAnalyzers.Runtime telemetry error: " + ex);
        }

        _defaultSpan = new GenAiCallSpan(ChatOperation, _providerName, _defaultModelId, _serverAddress, _serverPort);
    }

    /// <summary>The options in effect.</summary>
    public LlmTaskTelemetryOptions Options => _options;

    /// <summary>True when another <see cref="LlmTaskTelemetryChatClient"/> is below this one: this one passes calls through.</summary>
    internal bool HasCountingLayerBelow => _countingLayerBelow;

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        bool guard = _layers.GuardNeeded;
        if (_countingLayerBelow || (guard && LlmCallTracker.InCountedCall))
        {
            return base.GetResponseAsync(messages, options, cancellationToken);
        }

        LlmTaskScope? scope = LlmTaskScope.CurrentScope;
        if (scope is null && !LlmTelemetry.ActivitySource.HasListeners() && _options.ColdStartDetector is not { IsActive: true })
        {
            return base.GetResponseAsync(messages, options, cancellationToken); // nothing to count, trace or detect
        }

        // The de-duplication mark is an AsyncLocal write, which only an async method undoes on return.
        return guard ? GetResponseCoreAsync(messages, options, cancellationToken) : GetResponseTracked(scope, messages, options, cancellationToken);
    }

    /// <summary>
    /// The call without the guard: counted and traced around the inner call, returning the inner client's own task
    /// when it completed synchronously (no state machine, no allocation), else awaiting it.
    /// </summary>
    private Task<ChatResponse> GetResponseTracked(LlmTaskScope? scope, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        LlmCallTracker.CallState call = BeginCall(scope, options, messages);
        Task<ChatResponse> inner;
        try
        {
            inner = base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex)
        {
            LlmCallTracker.End(call, LlmCallTracker.ErrorTypeOf(ex));
            RestoreCurrent(call.Activity);
            throw;
        }

        if (inner.Status == TaskStatus.RanToCompletion)
        {
            TagResponse(call.Activity, inner.Result);
            LlmCallTracker.End(call, errorType: null);
            RestoreCurrent(call.Activity);
            return inner;
        }

        // This method is not async: the span made current for the inner call must not stay current for our caller.
        RestoreCurrent(call.Activity);
        return CompleteAsync(inner, call);
    }

    private async Task<ChatResponse> CompleteAsync(Task<ChatResponse> inner, LlmCallTracker.CallState call)
    {
        ChatResponse response;
        try
        {
            response = await inner.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LlmCallTracker.End(call, LlmCallTracker.ErrorTypeOf(ex));
            throw;
        }

        TagResponse(call.Activity, response);
        LlmCallTracker.End(call, errorType: null);
        return response;
    }

    /// <summary>
    /// Makes the caller's activity current again after <paramref name="span"/> (made current when it started, with the
    /// caller's as its parent); nothing to do when no span was made.
    /// </summary>
    private static void RestoreCurrent(Activity? span)
    {
        if (span is not null && !ReferenceEquals(Activity.Current, span.Parent))
        {
            Activity.Current = span.Parent;
        }
    }

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _countingLayerBelow ? base.GetStreamingResponseAsync(messages, options, cancellationToken) : GetStreamingResponseCoreAsync(messages, options, cancellationToken);

    /// <summary>
    /// The call with the de-duplication guard: an async method, so that the guard's AsyncLocal write (and the span made
    /// current) is undone when it returns. The awaiting, tagging and ending are <see cref="CompleteAsync"/>'s.
    /// </summary>
    private async Task<ChatResponse> GetResponseCoreAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        LlmCallTracker.MarkCall();
        LlmCallTracker.CallState call = BeginCall(LlmTaskScope.CurrentScope, options, messages);
        Task<ChatResponse> inner;
        try
        {
            inner = base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex)
        {
            LlmCallTracker.End(call, LlmCallTracker.ErrorTypeOf(ex));
            throw;
        }

        return await CompleteAsync(inner, call).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseCoreAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Decided when enumeration starts: a stream is one call, made (and counted) when it is first enumerated.
        bool mark = _layers.GuardNeeded;
        if (mark && LlmCallTracker.InCountedCall)
        {
            await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }

            yield break;
        }

        if (mark)
        {
            LlmCallTracker.MarkCall();
        }

        LlmCallTracker.CallState call = BeginCall(LlmTaskScope.CurrentScope, options, messages);
        Activity? activity = call.Activity;
        IAsyncEnumerator<ChatResponseUpdate> enumerator;
        try
        {
            enumerator = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex)
        {
            LlmCallTracker.End(call, LlmCallTracker.ErrorTypeOf(ex));
            throw;
        }

        string? errorType = null;
        StringBuilder? content = _options.RecordContent && activity is not null ? new StringBuilder() : null;
        string? responseModel = null;
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    // Each resumption runs on the consumer's context: re-establish ours for the inner enumerator.
                    if (mark)
                    {
                        LlmCallTracker.MarkCall();
                    }

                    if (activity is not null)
                    {
                        Activity.Current = activity;
                    }

                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    update = enumerator.Current;
                }
                catch (Exception ex)
                {
                    errorType = LlmCallTracker.ErrorTypeOf(ex);
                    throw;
                }

                if (activity is not null)
                {
                    responseModel ??= update.ModelId;
                    if (content is not null)
                    {
                        content.Append(update.Text);
                    }
                }

                yield return update;
            }
        }
        finally
        {
            if (activity is not null && errorType is null)
            {
                TagStreamedResponse(activity, responseModel, content);
            }

            LlmCallTracker.End(call, errorType);
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private LlmCallTracker.CallState BeginCall(LlmTaskScope? scope, ChatOptions? options, IEnumerable<ChatMessage> messages)
    {
        string? model = options?.ModelId ?? _defaultModelId;
        GenAiCallSpan span = model == _defaultModelId ? _defaultSpan : new GenAiCallSpan(ChatOperation, _providerName, model, _serverAddress, _serverPort);
        LlmCallTracker.CallState call = LlmCallTracker.Begin(scope, span, _options.GenAiSpans, _innerInstrumentation, _options.ColdStartDetector);
        if (_options.RecordContent && call.Activity is { IsAllDataRequested: true } activity)
        {
            try
            {
                activity.SetTag(LlmTelemetry.GenAiInputMessages, SerializeMessages(messages, finishReason: null));
            }
            catch (Exception ex)
            {
                Debug.WriteLine("LlmCallAnalyzers.Runtime telemetry error: " + ex);
            }
        }

        return call;
    }

    private void TagResponse(Activity? activity, ChatResponse? response)
    {
        if (activity is null || response is null || !activity.IsAllDataRequested)
        {
            return;
        }

        try
        {
            // Our own span, which has none of these yet: AddTag appends without SetTag's search.
            if (response.ModelId is not null)
            {
                activity.AddTag(LlmTelemetry.GenAiResponseModel, response.ModelId);
            }

            if (response.Usage is UsageDetails usage)
            {
                if (usage.InputTokenCount is long input)
                {
                    activity.AddTag(LlmTelemetry.GenAiUsageInputTokens, input);
                }

                if (usage.OutputTokenCount is long output)
                {
                    activity.AddTag(LlmTelemetry.GenAiUsageOutputTokens, output);
                }
            }

            if (_options.RecordContent)
            {
                activity.SetTag(LlmTelemetry.GenAiOutputMessages, SerializeMessages(response.Messages, response.FinishReason?.Value));
            }
        }
        catch (Exception ex)
        {
            Debug.WriteLine("LlmCallAnalyzers.Runtime telemetry error: " + ex);
        }
    }

    private static void TagStreamedResponse(Activity activity, string? responseModel, StringBuilder? content)
    {
        if (!activity.IsAllDataRequested)
        {
            return;
        }

        try
        {
            if (responseModel is not null)
            {
                activity.SetTag(LlmTelemetry.GenAiResponseModel, responseModel);
            }

            if (content is not null)
            {
                var message = new ChatMessage(ChatRole.Assistant, content.ToString());
                activity.SetTag(LlmTelemetry.GenAiOutputMessages, SerializeMessages(new[] { message }, finishReason: null));
            }
        }
        catch (Exception ex)
        {
            Debug.WriteLine("LlmCallAnalyzers.Runtime telemetry error: " + ex);
        }
    }

    /// <summary>The GenAI conventions' message shape, text parts only: <c>[{"role":"user","parts":[{"type":"text","content":"…"}]}]</c>.</summary>
    internal static string SerializeMessages(IEnumerable<ChatMessage> messages, string? finishReason)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (ChatMessage message in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role.Value);
                writer.WriteStartArray("parts");
                foreach (AIContent part in message.Contents)
                {
                    if (part is TextContent text)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("type", "text");
                        writer.WriteString("content", text.Text);
                        writer.WriteEndObject();
                    }
                }

                writer.WriteEndArray();
                if (finishReason is not null)
                {
                    writer.WriteString("finish_reason", finishReason);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
