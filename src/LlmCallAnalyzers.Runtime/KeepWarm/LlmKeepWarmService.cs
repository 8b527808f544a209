using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmCallAnalyzers.Model.ColdStarts;
using LlmCallAnalyzers.Model.Contracts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmCallAnalyzers.Runtime;

/// <summary>
/// Opt-in hosted service that keeps fine-tuned models warm: when a model has idled for
/// <c>threshold × SafetyFactor</c> — its measured (<see cref="LlmColdStartDetector"/>) or configured idle threshold —
/// it sends one minimal request (a tiny prompt, one output token). That traffic is synthetic: its spans carry
/// <c>llm.synthetic = true</c>, it is never counted into an <see cref="LlmTask"/>, it is never analyzed as a latency
/// sample, and it is counted apart (<c>llm.keepwarm.requests</c>, <c>llm.keepwarm.tokens</c>, <see cref="GetCost"/>).
/// Add it with <see cref="LlmKeepWarmServiceCollectionExtensions.AddLlmKeepWarm"/>.
/// </summary>
public sealed class LlmKeepWarmService : BackgroundService
{
    private readonly LlmKeepWarmOptions _options;
    private readonly LlmColdStartDetector _detector;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;
    private readonly ModelRuntime[] _models;
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
    private long _startedTimestamp;
    private int _started;

    /// <summary>Creates the service.</summary>
    /// <param name="options">The options (validated here).</param>
    /// <param name="services">Resolves clients for models without <see cref="LlmKeepWarmModel.Client"/>; may be null when every model has one.</param>
    /// <param name="logger">Logs failed keep-warm requests (warning) and sent ones (debug); may be null.</param>
    public LlmKeepWarmService(LlmKeepWarmOptions options, IServiceProvider? services = null, ILogger<LlmKeepWarmService>? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _detector = options.Detector ?? LlmColdStartDetector.Shared;
        _detector.AlwaysOn = true; // keep-warm needs measured idle thresholds whether or not telemetry is exported
        _time = _detector.TimeProvider;
        _logger = logger;
        _models = options.Models.Select(m => new ModelRuntime(m, ResolveClient(m, services))).ToArray();

        _startedTimestamp = _time.GetTimestamp();
    }

    /// <summary>The options in effect.</summary>
    public LlmKeepWarmOptions Options => _options;

    /// <summary>The detector read for idle times and measured thresholds.</summary>
    public LlmColdStartDetector Detector => _detector;

    /// <summary>What the keep-warm traffic has cost so far, and at most per day.</summary>
    /// <returns>The cost per model and in total.</returns>
    public LlmKeepWarmCost GetCost()
    {
        TimeSpan elapsed = _time.GetElapsedTime(Volatile.Read(ref _startedTimestamp));
        var models = new List<LlmKeepWarmModelCost>(_models.Length);
        foreach (ModelRuntime model in _models)
        {
            (TimeSpan? threshold, bool configured, TimeSpan? interval) = ThresholdOf(model);
            long requests, failed, input, output, estimated, reported;
            lock (model)
            {
                requests = model.Requests;
                failed = model.Failed;
                input = model.InputTokens;
                output = model.OutputTokens;
                estimated = model.EstimatedTokens;
                reported = model.ReportedResponses;
            }

            double tokensPerRequest = reported > 0 ? (input + output) / (double)reported : _options.EstimatedTokensPerRequest;
            // The estimate of a model with no other traffic, at the interval in effect.
            KeepWarmEstimate? estimate = interval is TimeSpan i
                ? ColdStartDetector.EstimateKeepWarm(i.TotalMilliseconds, tokensPerRequest, safetyFactor: 1)
                : null;
            models.Add(new LlmKeepWarmModelCost(
                model.Config.ModelId, threshold, configured, interval, requests, failed, input, output, estimated, tokensPerRequest, elapsed, estimate));
        }

        return new LlmKeepWarmCost(models, elapsed);
    }

    /// <summary>
    /// Sends a keep-warm request to every model that is due now (the background loop calls this; call it yourself to
    /// drive keep-warm from your own scheduler). Never throws for a failed request.
    /// </summary>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The number of requests sent.</returns>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        (int sent, _) = await TickAsync(cancellationToken).ConfigureAwait(false);
        return sent;
    }

    /// <summary>How long until <paramref name="modelId"/> is due (zero when due now); null without a threshold, or when not a kept-warm model.</summary>
    /// <param name="modelId">The model id.</param>
    /// <returns>The time until the next keep-warm request, or null.</returns>
    public TimeSpan? GetTimeUntilDue(string modelId)
    {
        ModelRuntime? model = _models.FirstOrDefault(m => string.Equals(m.Config.ModelId, modelId, StringComparison.Ordinal));
        return model is null ? null : TimeUntilDue(model, _time.GetTimestamp());
    }

    /// <inheritdoc/>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            Volatile.Write(ref _startedTimestamp, _time.GetTimestamp());
            if (_options.WarmUpOnStart)
            {
                foreach (ModelRuntime model in _models)
                {
                    model.WarmUpPending = true;
                }
            }
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        base.Dispose();
        _gate.Dispose();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                (_, wait) = await TickAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger?.LogWarning(ex, "Keep-warm check failed");
                wait = _options.MaxCheckInterval;
            }

            try
            {
#if NET8_0_OR_GREATER
                await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
#else
                await _time.Delay(wait, stoppingToken).ConfigureAwait(false);
#endif
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static IChatClient ResolveClient(LlmKeepWarmModel model, IServiceProvider? services)
    {
        IChatClient? client = model.Client
            ?? (model.ClientFactory is not null && services is not null ? model.ClientFactory(services) : null)
            ?? services?.GetService(typeof(IChatClient)) as IChatClient;
        return client ?? throw new InvalidOperationException(
            "Keep-warm model '" + model.ModelId + "' has no client: set LlmKeepWarmModel.Client or ClientFactory, or register an IChatClient.");
    }

    /// <summary>One pass: sends what is due, returns how many were sent and how long to sleep.</summary>
    private async Task<(int Sent, TimeSpan Wait)> TickAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int sent = 0;
            TimeSpan wait = _options.MaxCheckInterval;
            foreach (ModelRuntime model in _models)
            {
                TimeSpan? until = TimeUntilDue(model, _time.GetTimestamp());
                if (until == TimeSpan.Zero)
                {
                    await PingAsync(model, cancellationToken).ConfigureAwait(false);
                    sent++;
                    until = TimeUntilDue(model, _time.GetTimestamp());
                }

                if (until is TimeSpan u && u < wait)
                {
                    wait = u;
                }
            }

            // Never spin: at least one second between checks.
            return (sent, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The threshold in effect (configured on the model, set on the detector, or measured) and the keep-warm interval.</summary>
    private (TimeSpan? Threshold, bool Configured, TimeSpan? Interval) ThresholdOf(ModelRuntime model)
    {
        TimeSpan? threshold;
        bool configured;
        TimeSpan? longestWarmGap = null;
        if (model.Config.IdleThreshold is TimeSpan own)
        {
            (threshold, configured) = (own, true);
        }
        else
        {
            (threshold, configured, longestWarmGap) = _detector.GetThresholdDetails(model.Config.ModelId);
        }

        if (threshold is not TimeSpan t)
        {
            return (null, false, null);
        }

        // threshold × safety factor; a measured threshold is only known to lie between the longest gap seen warm and
        // the shortest seen cold, so never wait longer than the former.
        var interval = TimeSpan.FromMilliseconds(t.TotalMilliseconds * _options.SafetyFactor);
        if (longestWarmGap is TimeSpan warm && warm > TimeSpan.Zero && warm < interval)
        {
            interval = warm;
        }

        return (t, configured, interval < _options.MinimumInterval ? _options.MinimumInterval : interval);
    }

    private TimeSpan? TimeUntilDue(ModelRuntime model, long now)
    {
        (_, _, TimeSpan? maybeInterval) = ThresholdOf(model);
        if (maybeInterval is not TimeSpan interval)
        {
            return null;
        }

        if (_options.ActiveWhen is Func<DateTimeOffset, bool> active && !active(_time.GetUtcNow()))
        {
            return null;
        }

        TimeSpan? backoff = null;
        lock (model)
        {
            if (model.LastAttempt is long last)
            {
                TimeSpan sinceAttempt = _time.GetElapsedTime(last, now);
                if (sinceAttempt < _options.MinimumInterval)
                {
                    backoff = _options.MinimumInterval - sinceAttempt;
                }
            }

            if (backoff is null && model.WarmUpPending)
            {
                return TimeSpan.Zero;
            }
        }

        // Idle since the model's last call ended; a model never called counts from the service start.
        TimeSpan idle = _detector.GetIdleTime(model.Config.ModelId) ?? _time.GetElapsedTime(Volatile.Read(ref _startedTimestamp), now);
        TimeSpan until = idle >= interval ? TimeSpan.Zero : interval - idle;
        return backoff is TimeSpan b && b > until ? b : until;
    }

    private async Task PingAsync(ModelRuntime model, CancellationToken cancellationToken)
    {
        // Keep-warm traffic belongs to no task and is tagged synthetic on every span made beneath; its span is a root.
        LlmTaskScope.DetachCurrentFlow();
        LlmCallTracker.EnterSynthetic();
        Activity.Current = null;

        string modelId = model.Config.ModelId;
        lock (model)
        {
            model.LastAttempt = _time.GetTimestamp();
            model.WarmUpPending = false;
            model.Requests++;
        }

        Activity? activity = null;
        try
        {
            activity = LlmTelemetry.ActivitySource.StartActivity(LlmTelemetry.KeepWarmSpanName, ActivityKind.Internal);
            if (activity is not null)
            {
                activity.DisplayName = LlmTelemetry.KeepWarmSpanName + " " + modelId;
                activity.SetTag(LlmTelemetry.GenAiRequestModel, modelId);
                activity.SetTag(LlmTelemetry.SyntheticAttribute, true);
            }
        }
        catch (Exception ex)
        {
            Debug.WriteLine("LlmCallAnalyzers.Runtime telemetry error: " + ex);
        }

        string outcome = TelemetryNames.OutcomeSuccess;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            var options = new ChatOptions { ModelId = modelId, MaxOutputTokens = _options.MaxOutputTokens };
            ChatResponse response = await model.Client
                .GetResponseAsync(new[] { new ChatMessage(ChatRole.User, _options.Prompt) }, options, timeout.Token)
                .ConfigureAwait(false);
            _detector.OnKeepWarmRequest(modelId);
            RecordUsage(model, modelId, response.Usage, activity);
            _logger?.LogDebug("Keep-warm request sent to {Model}", modelId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = TelemetryNames.OutcomeFailure;
            lock (model)
            {
                model.Failed++;
            }

            SetError(activity, "System.OperationCanceledException");
            throw;
        }
        catch (Exception ex)
        {
            outcome = TelemetryNames.OutcomeFailure;
            lock (model)
            {
                model.Failed++;
            }

            SetError(activity, LlmCallTracker.ErrorTypeOf(ex));
            _logger?.LogWarning(ex, "Keep-warm request to {Model} failed", modelId);
        }
        finally
        {
            try
            {
                LlmTelemetry.KeepWarmRequests.Add(
                    1,
                    LlmTelemetry.Tag(LlmTelemetry.GenAiRequestModel, modelId),
                    LlmTelemetry.Tag(LlmTelemetry.KeepWarmOutcomeAttribute, outcome));
                if (activity is not null)
                {
                    activity.SetTag(LlmTelemetry.KeepWarmOutcomeAttribute, outcome);
                    activity.Stop();
                }
            }
            catch (Exception ex)
            {
                Debug.WriteLine("LlmCallAnalyzers.Runtime telemetry error: " + ex);
            }
        }
    }

    private void RecordUsage(ModelRuntime model, string modelId, UsageDetails? usage, Activity? activity)
    {
        long input = usage?.InputTokenCount ?? 0;
        long output = usage?.OutputTokenCount ?? 0;
        bool reported = usage?.InputTokenCount is not null || usage?.OutputTokenCount is not null;
        long estimated = reported ? 0 : (long)Math.Round(_options.EstimatedTokensPerRequest);
        lock (model)
        {
            model.InputTokens += input;
            model.OutputTokens += output;
            model.EstimatedTokens += estimated;
            if (reported)
            {
                model.ReportedResponses++;
            }
        }

        try
        {
            KeyValuePair<string, object?> modelTag = LlmTelemetry.Tag(LlmTelemetry.GenAiRequestModel, modelId);
            if (reported)
            {
                LlmTelemetry.KeepWarmTokens.Add(input, modelTag, LlmTelemetry.Tag(LlmTelemetry.GenAiTokenType, TelemetryNames.TokenTypeInput));
                LlmTelemetry.KeepWarmTokens.Add(output, modelTag, LlmTelemetry.Tag(LlmTelemetry.GenAiTokenType, TelemetryNames.TokenTypeOutput));
                if (activity is not null)
                {
                    activity.SetTag(LlmTelemetry.GenAiUsageInputTokens, input);
                    activity.SetTag(LlmTelemetry.GenAiUsageOutputTokens, output);
                }
            }
        }
        catch (Exception ex)
        {
            Debug.WriteLine("LlmCallAnalyzers.Runtime telemetry error: " + ex);
        }
    }

    private static void SetError(Activity? activity, string errorType)
    {
        if (activity is not null)
        {
            activity.SetTag(LlmTelemetry.ErrorType, errorType);
            activity.SetStatus(ActivityStatusCode.Error, errorType);
        }
    }

    private sealed class ModelRuntime
    {
        public ModelRuntime(LlmKeepWarmModel config, IChatClient client)
        {
            Config = config;
            Client = client;
        }

        public LlmKeepWarmModel Config { get; }

        public IChatClient Client { get; }

        public long? LastAttempt { get; set; }

        public bool WarmUpPending { get; set; }

        public long Requests { get; set; }

        public long Failed { get; set; }

        public long InputTokens { get; set; }

        public long OutputTokens { get; set; }

        public long EstimatedTokens { get; set; }

        public long ReportedResponses { get; set; }
    }
}
