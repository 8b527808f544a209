using LlmCallAnalyzers;

// What the estimate generator embeds in a build: the tasks the tests run, with their estimates and [TaskSlo]. The
// runtime reads them (to count invocations that exceed the estimate) and so does `confirm --estimates` (this assembly).
[assembly: LlmTaskEstimate(LlmCallAnalyzers.Prometheus.Tests.FeedTasks.Checkout, 1, 12, 0.988, 0.95)]
[assembly: LlmTaskEstimate(LlmCallAnalyzers.Prometheus.Tests.FeedTasks.Search, 1, 4, 0.996, 0.9)]
[assembly: LlmTaskEstimate(LlmCallAnalyzers.Prometheus.Tests.FeedTasks.Summarize, 1, 2, 0.998, 0.99)]
[assembly: LlmTaskEstimate(LlmCallAnalyzers.Prometheus.Tests.HistoryTasks.Track, 1, 12, 0.988, 0.95)]
[assembly: LlmTaskEstimate(LlmCallAnalyzers.Prometheus.Tests.HistoryTasks.Quote, 1, 4, 0.996, 0.99)]
[assembly: LlmTaskEstimate(LlmCallAnalyzers.Prometheus.Tests.HistoryTasks.Answer, 1, 3, 0.997, 0.995)]
[assembly: LlmTaskEstimate(LlmCallAnalyzers.Prometheus.Tests.HistoryTasks.Route, 1, 13, 0.987, 0.9)]

namespace LlmCallAnalyzers.Prometheus.Tests;

/// <summary>The tasks the scraped application runs.</summary>
public static class FeedTasks
{
    /// <summary>Estimate ≤ 12, SLO 95 %: one invocation makes 15 calls.</summary>
    public const string Checkout = "Feed.Shop.Checkout";

    /// <summary>Estimate ≤ 4, SLO 90 %: always 2 calls, always succeeds.</summary>
    public const string Search = "Feed.Shop.Search";

    /// <summary>Estimate ≤ 2, SLO 99 %: half of the invocations fail.</summary>
    public const string Summarize = "Feed.Shop.Summarize";
}

/// <summary>The tasks of the backfilled month.</summary>
public static class HistoryTasks
{
    /// <summary>Estimate ≤ 12 (a bucket bound), SLO 95 %: once a day an invocation makes 15 calls.</summary>
    public const string Track = "History.Orders.Track";

    /// <summary>Estimate ≤ 4, SLO 99 %: 0.1 % of invocations fail.</summary>
    public const string Quote = "History.Orders.Quote";

    /// <summary>Estimate ≤ 3, SLO 99.5 %: 3 % of invocations fail.</summary>
    public const string Answer = "History.Support.Answer";

    /// <summary>Estimate ≤ 13 (inside the bucket 12–16), SLO 90 %: some invocations make exactly 13 calls.</summary>
    public const string Route = "History.Support.Route";
}
