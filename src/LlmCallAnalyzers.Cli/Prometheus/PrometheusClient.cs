using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>
/// Instant queries against the Prometheus HTTP API (<c>POST /api/v1/query</c>, form-encoded, so long selectors never
/// hit a URL length limit). Every failure — a server that does not answer, an answer that is not the Prometheus API, a
/// query Prometheus rejects — is a <see cref="CliException"/> with one line naming the URL and the problem.
/// </summary>
public sealed class PrometheusClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _queryUri;

    /// <summary>Creates a client for the server at <paramref name="baseUrl"/> (e.g. <c>http://localhost:9090</c>).</summary>
    public PrometheusClient(Uri baseUrl, TimeSpan timeout)
    {
        BaseUrl = baseUrl ?? throw new ArgumentNullException(nameof(baseUrl));
        string text = baseUrl.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseUrl.AbsoluteUri : baseUrl.AbsoluteUri + "/";
        _queryUri = new Uri(new Uri(text), "api/v1/query");
        _http = new HttpClient { Timeout = timeout };
    }

    /// <summary>The server's base URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Queries sent so far.</summary>
    public int Queries { get; private set; }

    /// <summary>Vector elements received so far.</summary>
    public long Series { get; private set; }

    /// <summary>Parses <c>--prometheus</c>: an absolute http or https URL.</summary>
    public static Uri ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"--prometheus '{text}': not an http:// or https:// URL (e.g. http://localhost:9090)");
        }

        return uri;
    }

    /// <summary>Evaluates <paramref name="promql"/> at <paramref name="time"/>; the result must be an instant vector.</summary>
    public async Task<IReadOnlyList<VectorSample>> QueryAsync(string promql, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var form = new FormUrlEncodedContent(new[]
        {
            new KeyValuePair<string, string>("query", promql),
            new KeyValuePair<string, string>("time", (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture)),
        });
        Queries++;
        HttpResponseMessage response;
        string body;
        try
        {
            response = await _http.PostAsync(_queryUri, form, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"{BaseUrl}: cannot reach Prometheus ({ex.Message})", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"{BaseUrl}: Prometheus did not answer within {_http.Timeout.TotalSeconds:0} s", ex);
        }

        using (response)
        {
            return Parse(body, (int)response.StatusCode, response.ReasonPhrase, promql);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private List<VectorSample> Parse(string body, int status, string? reason, string promql)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw NotTheApi(status, reason);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var statusText))
            {
                throw NotTheApi(status, reason);
            }

            if (statusText.GetString() != "success")
            {
                string type = root.TryGetProperty("errorType", out var t) ? t.GetString() ?? "error" : "error";
                string error = root.TryGetProperty("error", out var e) ? e.GetString() ?? string.Empty : string.Empty;
                throw new CliException($"{BaseUrl}: Prometheus rejected the query ({type}: {error}): {promql}");
            }

            if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("resultType", out var resultType) || !data.TryGetProperty("result", out var result))
            {
                throw NotTheApi(status, reason);
            }

            if (resultType.GetString() != "vector")
            {
                throw new CliException($"{BaseUrl}: expected an instant vector, got a {resultType.GetString()}: {promql}");
            }

            var samples = new List<VectorSample>(result.GetArrayLength());
            foreach (var element in result.EnumerateArray())
            {
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var label in element.GetProperty("metric").EnumerateObject())
                {
                    labels[label.Name] = label.Value.GetString() ?? string.Empty;
                }

                var value = element.GetProperty("value");
                string? number = value[1].GetString();
                double parsed = number switch
                {
                    "NaN" => double.NaN,
                    "+Inf" => double.PositiveInfinity,
                    "-Inf" => double.NegativeInfinity,
                    _ => double.Parse(number ?? "0", NumberStyles.Float, CultureInfo.InvariantCulture),
                };
                samples.Add(new VectorSample(labels, parsed));
            }

            Series += samples.Count;
            return samples;
        }
    }

    private CliException NotTheApi(int status, string? reason)
        => new($"{BaseUrl}: HTTP {status} {reason} from {_queryUri.AbsolutePath} is not a Prometheus HTTP API answer (is this the server's base URL, e.g. http://localhost:9090?)");
}
