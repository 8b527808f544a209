using LlmCallAnalyzers.Cli.Prometheus;
using LlmCallAnalyzers.Prometheus.Tests.Infrastructure;

namespace LlmCallAnalyzers.Prometheus.Tests;

/// <summary>
/// The OpenTelemetry → Prometheus translation: the rules of the specification, which the OTLP route (Collector
/// <c>prometheus</c> / <c>prometheusremotewrite</c> exporters) applies as the .NET exporter does; and the runtime's
/// instruments against the table <c>confirm</c> and <c>alerts</c> query by. The scrape route is checked end to end in
/// <see cref="ScrapeRouteTests"/>.
/// </summary>
public class NamingTests
{
    [Theory]
    [InlineData("llm.task.calls", "{call}", InstrumentKind.Histogram, "llm_task_calls")]
    [InlineData("llm.task.duration", "s", InstrumentKind.Histogram, "llm_task_duration_seconds")]
    [InlineData("llm.task.outcome", "{task}", InstrumentKind.Counter, "llm_task_outcome_total")]
    [InlineData("llm.cold_start.calls", "{call}", InstrumentKind.Counter, "llm_cold_start_calls_total")]
    [InlineData("http.server.request.duration", "s", InstrumentKind.Histogram, "http_server_request_duration_seconds")]
    [InlineData("system.memory.usage", "By", InstrumentKind.Gauge, "system_memory_usage_bytes")]
    [InlineData("vehicle.speed", "m/s", InstrumentKind.Gauge, "vehicle_speed_meters_per_second")]
    [InlineData("queue.wait_seconds", "s", InstrumentKind.Histogram, "queue_wait_seconds")]
    [InlineData("jobs_total", "{job}", InstrumentKind.Counter, "jobs_total")]
    [InlineData("cpu.utilization", "1", InstrumentKind.Gauge, "cpu_utilization")]
    [InlineData("gen_ai.client.token.usage", "{token}", InstrumentKind.Histogram, "gen_ai_client_token_usage")]
    public void Metric_names_follow_the_specification(string instrument, string unit, InstrumentKind kind, string expected)
        => Assert.Equal(expected, PrometheusNaming.MetricName(instrument, unit, kind));

    [Theory]
    [InlineData("llm.task.name", "llm_task_name")]
    [InlineData("gen_ai.request.model", "gen_ai_request_model")]
    [InlineData("llm.task.limit.kind", "llm_task_limit_kind")]
    [InlineData("service.name", "service_name")]
    [InlineData("http-route", "http_route")]
    [InlineData("2xx.count", "key_2xx_count")]
    public void Label_names_follow_the_specification(string attribute, string expected)
        => Assert.Equal(expected, PrometheusNaming.LabelName(attribute));

    [Fact]
    public void The_table_matches_every_instrument_of_the_runtime()
    {
        var instruments = RuntimeInstruments.All();
        Assert.NotEmpty(instruments);
        foreach (var instrument in instruments)
        {
            var metric = Assert.Single(RuntimeMetrics.All, m => m.Instrument == instrument.Name);
            Assert.Equal(instrument.Unit, metric.Unit);
            Assert.Equal(instrument.Kind, metric.Kind.ToString().ToLowerInvariant());
        }

        Assert.Equal(instruments.Count, RuntimeMetrics.All.Count);
        Assert.Equal("llm_task_calls_bucket", RuntimeMetrics.TaskCalls.Bucket);
        Assert.Equal("llm_task_estimate_exceeded_total", RuntimeMetrics.EstimateExceeded.Name);
        Assert.Equal("llm_keepwarm_tokens_total", RuntimeMetrics.KeepWarmTokens.Name);
    }
}
