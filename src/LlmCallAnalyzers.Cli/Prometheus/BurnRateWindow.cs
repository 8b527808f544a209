using System.Collections.Generic;

namespace LlmCallAnalyzers.Cli.Prometheus;

/// <summary>
/// One multi-window, multi-burn-rate condition of the SRE workbook ("Alerting on SLOs", table 5-8): alert when the error
/// rate over both the long and the short window exceeds <see cref="BurnRate"/> times the error budget. The short window
/// (1/12 of the long one) makes the alert stop soon after the failures do.
/// </summary>
public sealed class BurnRateWindow
{
    private BurnRateWindow(double burnRate, string longWindow, string shortWindow, string severity, double budgetSpent)
    {
        BurnRate = burnRate;
        LongWindow = longWindow;
        ShortWindow = shortWindow;
        Severity = severity;
        BudgetSpent = budgetSpent;
    }

    /// <summary>How many times faster than the SLO allows the budget burns.</summary>
    public double BurnRate { get; }

    /// <summary>The long window (PromQL duration).</summary>
    public string LongWindow { get; }

    /// <summary>The short window (PromQL duration).</summary>
    public string ShortWindow { get; }

    /// <summary><c>page</c> or <c>ticket</c>.</summary>
    public string Severity { get; }

    /// <summary>The share of a 30-day error budget spent when the condition first holds.</summary>
    public double BudgetSpent { get; }

    /// <summary>The workbook's four conditions: 14.4× over 1h and 5m, 6× over 6h and 30m (pages); 3× over 1d and 2h, 1× over 3d and 6h (tickets).</summary>
    public static IReadOnlyList<BurnRateWindow> Workbook { get; } = new[]
    {
        new BurnRateWindow(14.4, "1h", "5m", "page", 0.02),
        new BurnRateWindow(6, "6h", "30m", "page", 0.05),
        new BurnRateWindow(3, "1d", "2h", "ticket", 0.10),
        new BurnRateWindow(1, "3d", "6h", "ticket", 0.10),
    };

    /// <summary>Every window a success ratio is recorded for: 5m, 30m, 1h, 2h, 6h, 1d, 3d.</summary>
    public static IReadOnlyList<string> RecordedWindows { get; } = new[] { "5m", "30m", "1h", "2h", "6h", "1d", "3d" };
}
