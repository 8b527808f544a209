using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Model.Contracts;

namespace LlmCallAnalyzers.Runtime;

/// <summary>
/// An <see cref="HttpMessageHandler"/> for SDKs that take a transport (OpenAI, Azure OpenAI, Anthropic, Semantic
/// Kernel connectors, plain REST): counts each request to an LLM endpoint against <see cref="LlmTask.Current"/>
/// and traces it as a GenAI span. The request and the response pass through untouched; bodies are never read.
/// </summary>
/// <remarks>
/// A request fails when the inner handler throws or answers with a non-success status code (<c>error.type</c> is
/// then the status code). A request made under a call that <see cref="LlmTaskTelemetryChatClient"/> already counts
/// is not counted again. For streaming responses the call ends when the response headers arrive.
/// </remarks>
/// <example>
/// <code>
/// var http = new HttpClient(new LlmTaskTelemetryHandler(new HttpClientHandler()));
/// var openAi = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });
/// </code>
/// </example>
public sealed class LlmTaskTelemetryHandler : DelegatingHandler
{
    /// <summary>Creates the handler with no inner handler (for <c>IHttpClientFactory</c>'s <c>AddHttpMessageHandler</c>).</summary>
    public LlmTaskTelemetryHandler()
    {
        CountingLayers.Process.RegisterHandler();
    }

    /// <summary>Creates the handler over <paramref name="innerHandler"/>.</summary>
    /// <param name="innerHandler">The handler that sends the requests.</param>
    public LlmTaskTelemetryHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        CountingLayers.Process.RegisterHandler();
    }

    /// <summary>
    /// Decides which requests are LLM calls; null (the default) uses <see cref="LlmEndpoints.TryClassify"/>
    /// on POST requests (chat, completion, messages, responses and generate-content paths of the known providers and
    /// of OpenAI-compatible servers).
    /// </summary>
    public Func<HttpRequestMessage, bool>? RequestFilter { get; set; }

    /// <summary>When to create GenAI spans; <see cref="GenAiSpanMode.Auto"/> by default.</summary>
    public GenAiSpanMode GenAiSpans { get; set; } = GenAiSpanMode.Auto;

    /// <summary>
    /// The cold-start detector fed with every counted request whose path names the model (Azure OpenAI deployments,
    /// Gemini, Bedrock); <see cref="LlmColdStartDetector.Shared"/> by default, null turns detection off.
    /// </summary>
    public LlmColdStartDetector? ColdStartDetector { get; set; } = LlmColdStartDetector.Shared;

    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!TryBegin(request, out LlmEndpoint endpoint))
        {
            return base.SendAsync(request, cancellationToken);
        }

        return SendCoreAsync(request, endpoint, cancellationToken);
    }

#if NET5_0_OR_GREATER
    /// <inheritdoc/>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!TryBegin(request, out LlmEndpoint endpoint))
        {
            return base.Send(request, cancellationToken);
        }

        // Synchronous path: the AsyncLocal guard set here would leak to the caller, so it is set and reverted by hand.
        return RunWithGuard(() => SendCore(request, endpoint, cancellationToken));
    }

    private HttpResponseMessage SendCore(HttpRequestMessage request, LlmEndpoint endpoint, CancellationToken cancellationToken)
    {
        LlmCallTracker.CallState call = Begin(request, endpoint);
        HttpResponseMessage response;
        try
        {
            response = base.Send(request, cancellationToken);
        }
        catch (Exception ex)
        {
            LlmCallTracker.End(call, LlmCallTracker.ErrorTypeOf(ex));
            throw;
        }

        End(call, response);
        return response;
    }

    private static T RunWithGuard<T>(Func<T> action)
    {
        System.Threading.ExecutionContext? context = System.Threading.ExecutionContext.Capture();
        if (context is null)
        {
            return action();
        }

        T result = default!;
        System.Threading.ExecutionContext.Run(context, _ =>
        {
            LlmCallTracker.MarkCall();
            result = action();
        }, null);
        return result;
    }
#endif

    private bool TryBegin(HttpRequestMessage request, out LlmEndpoint endpoint)
    {
        endpoint = default;
        try
        {
            if (LlmCallTracker.InCountedCall || request is null)
            {
                return false;
            }

            Uri? uri = request.RequestUri;
            bool classified = uri is not null && LlmEndpoints.TryClassify(uri, out endpoint);
            Func<HttpRequestMessage, bool>? filter = RequestFilter;
            if (filter is not null)
            {
                if (!filter(request))
                {
                    return false;
                }

                if (!classified)
                {
                    endpoint = new LlmEndpoint(TelemetryNames.OperationChat, null, null);
                }

                return true;
            }

            // Model calls are POSTs; a GET of the same path lists or fetches stored objects.
            return classified && request.Method == HttpMethod.Post;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, LlmEndpoint endpoint, CancellationToken cancellationToken)
    {
        LlmCallTracker.MarkCall();
        LlmCallTracker.CallState call = Begin(request, endpoint);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LlmCallTracker.End(call, LlmCallTracker.ErrorTypeOf(ex));
            throw;
        }

        End(call, response);
        return response;
    }

    private LlmCallTracker.CallState Begin(HttpRequestMessage request, LlmEndpoint endpoint)
    {
        Uri? uri = request.RequestUri;
        string? host = null;
        object? port = null;
        try
        {
            if (uri is not null && uri.IsAbsoluteUri)
            {
                host = uri.Host;
                port = uri.Port;
            }
        }
        catch (Exception)
        {
            host = null;
        }

        var span = new GenAiCallSpan(endpoint.Operation, endpoint.Provider, endpoint.Model, host, port);
        return LlmCallTracker.Begin(span, GenAiSpans, innerInstrumentation: null, ColdStartDetector);
    }

    private static void End(in LlmCallTracker.CallState call, HttpResponseMessage? response)
    {
        string? errorType = null;
        if (response is not null && !response.IsSuccessStatusCode)
        {
            errorType = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        LlmCallTracker.End(call, errorType);
    }
}
