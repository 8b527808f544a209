using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LlmCallAnalyzers.Model.ColdStarts;

namespace LlmCallAnalyzers.Runtime;

/// <summary>
/// Measures, per model, the latency of each call against how long the model had been idle before it, and finds the
/// idle gap above which latency jumps — a fine-tuned model or adapter that the provider unloaded and had to reload
/// (<see cref="ColdStartDetector"/>). Fed by <see cref="LlmTaskTelemetryChatClient"/> and
/// <see cref="LlmTaskTelemetryHandler"/>, which tag each GenAI span with <c>llm.model.idle_ms</c> and, past the
/// threshold, <c>llm.cold_start = true</c>. Thread-safe; memory is bounded.
/// </summary>
/// <remarks>
/// The idle gap of a call is the time since the latest call to the same model ended (zero while another one runs).
/// Only successful calls are analyzed (a failure's latency says nothing about loading), but every call ends a gap.
/// Keep-warm requests end gaps too and are never analyzed. Streams are measured to their end, like their spans.
/// </remarks>
public sealed class LlmColdStartDetector
{
    /// <summary>Idle-gap octaves kept per model: under 1 s, then [2^(i−1), 2^i) s up to 2²² s (48 days) and beyond.</summary>
    public const int GapBuckets = 24;

    private readonly ConcurrentDictionary<string, ModelState> _models = new ConcurrentDictionary<string, ModelState>(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _configured = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);

    /// <summary>Set once a threshold is configured: until then a call does not look one up (never reset).</summary>
    private volatile bool _anyConfigured;
    private readonly int _maxModels;
    private readonly int _samplesPerBucket;
    private readonly int _reanalyzeEvery;
    private readonly double _reanalyzeIntervalMs;
    private readonly ColdStartDetectorOptions _detection;
    private readonly DateTimeOffset _anchorTime;
    private readonly long _anchorTimestamp;

    /// <summary>
    /// With the system clock (on .NET 8+), timestamps are <c>Environment.TickCount64</c> milliseconds: idle gaps (seconds to
    /// hours) and call latencies (hundreds of ms to seconds) need no finer clock, and it costs a third of a
    /// high-resolution timestamp, twice per call. Another <see cref="System.TimeProvider"/> (a test's) is used as is.
    /// </summary>
    private readonly bool _coarseClock;
    private readonly long _timestampFrequency;
    private long _untracked;

    /// <summary>Creates a detector.</summary>
    /// <param name="options">Bounds and analysis options; defaults when null.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    public LlmColdStartDetector(LlmColdStartDetectorOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new LlmColdStartDetectorOptions();
        options.Validate();
        _maxModels = options.MaxModels;
        _samplesPerBucket = options.SamplesPerGapBucket;
        _reanalyzeEvery = options.ReanalyzeEvery;
        _reanalyzeIntervalMs = options.ReanalyzeInterval.TotalMilliseconds;
        _detection = options.Detection ?? ColdStartDetectorOptions.Default;
        TimeProvider = timeProvider ?? TimeProvider.System;
#if NET
        _coarseClock = ReferenceEquals(TimeProvider, TimeProvider.System);
#else
        _coarseClock = false; // Environment.TickCount64 is not in netstandard2.0
#endif
        _timestampFrequency = _coarseClock ? 1000 : TimeProvider.TimestampFrequency;
        _anchorTime = TimeProvider.GetUtcNow();
        _anchorTimestamp = Now();
    }

    /// <summary>
    /// The detector the middleware and the handler use unless told otherwise
    /// (<see cref="LlmTaskTelemetryOptions.ColdStartDetector"/>, <see cref="LlmTaskTelemetryHandler.ColdStartDetector"/>),
    /// and that <see cref="LlmKeepWarmService"/> reads by default.
    /// </summary>
    public static LlmColdStartDetector Shared { get; } = new LlmColdStartDetector { _alwaysOn = false };

    private volatile bool _alwaysOn = true;

    /// <summary>
    /// Whether calls are fed to this detector even when nobody observes the telemetry. A detector you create is always
    /// on; <see cref="Shared"/> is on only while an <see cref="System.Diagnostics.ActivityListener"/> samples the
    /// <c>LlmCallAnalyzers</c> source or once <see cref="LlmKeepWarmService"/> uses it, so that an application that
    /// neither exports telemetry nor keeps models warm pays nothing for detection.
    /// </summary>
    public bool AlwaysOn
    {
        get => _alwaysOn;
        set => _alwaysOn = value;
    }

    /// <summary>True when the middleware should feed this call to the detector.</summary>
    internal bool IsActive => _alwaysOn || LlmTelemetry.ActivitySource.HasListeners();

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The analysis options in effect.</summary>
    public ColdStartDetectorOptions Detection => _detection;

    /// <summary>The models tracked, in ordinal order.</summary>
    public IReadOnlyList<string> Models => _models.Keys.OrderBy(m => m, StringComparer.Ordinal).ToList();

    /// <summary>Calls not tracked because <see cref="LlmColdStartDetectorOptions.MaxModels"/> models were tracked already.</summary>
    public long UntrackedModelCalls => Interlocked.Read(ref _untracked);

    /// <summary>The current figures of <paramref name="model"/> (re-analyzed if calls arrived since); null when it is not tracked.</summary>
    /// <param name="model">The model id (<c>gen_ai.request.model</c>).</param>
    /// <returns>The snapshot, or null.</returns>
    public LlmModelColdStartSnapshot? GetSnapshot(string model)
    {
        if (model is null)
        {
            throw new ArgumentNullException(nameof(model));
        }

        return _models.TryGetValue(model, out ModelState? state) ? state.Snapshot(this) : null;
    }

    /// <summary>The current figures of every tracked model, in ordinal order of model.</summary>
    /// <returns>The snapshots.</returns>
    public IReadOnlyList<LlmModelColdStartSnapshot> GetSnapshots() =>
        _models.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.Snapshot(this)).ToList();

    /// <summary>How long <paramref name="model"/> has been idle (zero while a call to it runs); null before its first call ended.</summary>
    /// <param name="model">The model id.</param>
    /// <returns>The idle time, or null.</returns>
    public TimeSpan? GetIdleTime(string model)
    {
        if (model is null)
        {
            throw new ArgumentNullException(nameof(model));
        }

        return _models.TryGetValue(model, out ModelState? state) ? state.IdleTime(this, Now()) : null;
    }

    /// <summary>
    /// The idle threshold in effect for <paramref name="model"/>: the one set with <see cref="SetIdleThreshold"/>, else
    /// the measured one (when the analysis found cold starts); null otherwise.
    /// </summary>
    /// <param name="model">The model id.</param>
    /// <returns>The threshold, or null.</returns>
    public TimeSpan? GetIdleThreshold(string model)
    {
        if (model is null)
        {
            throw new ArgumentNullException(nameof(model));
        }

        if (_configured.TryGetValue(model, out TimeSpan configured))
        {
            return configured;
        }

        return _models.TryGetValue(model, out ModelState? state) && state.CurrentAnalysis(this)?.IdleThresholdMs is double ms
            ? TimeSpan.FromMilliseconds(ms)
            : null;
    }

    /// <summary>
    /// The threshold in effect and, when it is measured, the longest idle gap the model was seen to stay warm through
    /// (the only idle time known to be safe; see <see cref="KeepWarmEstimate.IntervalMs"/>).
    /// </summary>
    internal (TimeSpan? Threshold, bool Configured, TimeSpan? LongestWarmGap) GetThresholdDetails(string model)
    {
        if (_configured.TryGetValue(model, out TimeSpan configured))
        {
            return (configured, true, null);
        }

        if (_models.TryGetValue(model, out ModelState? state) && state.CurrentAnalysis(this) is { IdleThresholdMs: double ms } analysis)
        {
            return (TimeSpan.FromMilliseconds(ms), false, analysis.WarmGapMaxMs is double warm ? TimeSpan.FromMilliseconds(warm) : null);
        }

        return (null, false, null);
    }

    /// <summary>
    /// Sets the idle threshold of <paramref name="model"/> (e.g. one your provider publishes, or one measured with
    /// <c>llmslo confirm</c>) instead of the measured one, for <c>llm.cold_start</c> tags and keep-warm; null clears it.
    /// </summary>
    /// <param name="model">The model id.</param>
    /// <param name="threshold">The threshold (greater than zero), or null.</param>
    public void SetIdleThreshold(string model, TimeSpan? threshold)
    {
        if (model is null)
        {
            throw new ArgumentNullException(nameof(model));
        }

        if (threshold is TimeSpan t)
        {
            if (t <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be greater than zero.");
            }

            _configured[model] = t;
            _anyConfigured = true;
        }
        else
        {
            _configured.TryRemove(model, out _);
        }
    }

    /// <summary>Forgets every model (configured thresholds are kept).</summary>
    public void Clear()
    {
        _models.Clear();
        Interlocked.Exchange(ref _untracked, 0);
    }

    /// <summary>Starts a call: its idle gap and whether it is past the threshold. Never throws.</summary>
    internal Call OnCallStarted(string model, bool synthetic)
    {
        ModelState? state = GetOrAdd(model);
        if (state is null)
        {
            return default;
        }

        long now = Now();
        double? gap = state.Begin(this, now, synthetic, out bool cold);
        return new Call(state, now, gap, cold, synthetic);
    }

    /// <summary>Ends a call started with <see cref="OnCallStarted"/>. Never throws.</summary>
    internal void OnCallEnded(in Call call, bool succeeded)
    {
        if (call.State is ModelState state)
        {
            state.End(this, call, Now(), succeeded);
        }
    }

    /// <summary>Records a keep-warm request that ended now: it ends the model's idle gap and is counted, never analyzed.</summary>
    internal void OnKeepWarmRequest(string model)
    {
        GetOrAdd(model)?.KeepWarm(Now());
    }

    internal double? ThresholdMs(string model, ModelState state)
    {
        if (_anyConfigured && _configured.TryGetValue(model, out TimeSpan configured))
        {
            return configured.TotalMilliseconds;
        }

        return state.PublishedAnalysis?.IdleThresholdMs;
    }

    internal double ElapsedMs(long from, long to) =>
        to <= from ? 0 : (to - from) * 1000.0 / _timestampFrequency;

    internal DateTimeOffset ToTime(long timestamp) => _anchorTime.AddMilliseconds((timestamp - _anchorTimestamp) * 1000.0 / _timestampFrequency);

    /// <summary>The detector's clock (see <see cref="_coarseClock"/>), in units of <see cref="_timestampFrequency"/> per second.</summary>
#if NET
    internal long Now() => _coarseClock ? Environment.TickCount64 : TimeProvider.GetTimestamp();
#else
    internal long Now() => TimeProvider.GetTimestamp();
#endif

    internal static int BucketOf(double gapMs)
    {
        if (gapMs < 1000)
        {
            return 0;
        }

        // [2^(i-1), 2^i) seconds → bucket i.
        int bucket = 1 + (int)Math.Floor(Math.Log(gapMs / 1000, 2));
        return Math.Min(Math.Max(bucket, 1), GapBuckets - 1);
    }

    private ModelState? GetOrAdd(string model)
    {
        if (_models.TryGetValue(model, out ModelState? state))
        {
            return state;
        }

        if (_models.Count >= _maxModels)
        {
            Interlocked.Increment(ref _untracked);
            return null;
        }

        return _models.GetOrAdd(model, m => new ModelState(m, _samplesPerBucket));
    }

    /// <summary>One call in flight.</summary>
    internal readonly struct Call
    {
        public Call(ModelState state, long startTimestamp, double? idleGapMs, bool isColdStart, bool synthetic)
        {
            State = state;
            StartTimestamp = startTimestamp;
            IdleGapMs = idleGapMs;
            IsColdStart = isColdStart;
            Synthetic = synthetic;
        }

        public ModelState? State { get; }

        public long StartTimestamp { get; }

        public double? IdleGapMs { get; }

        public bool IsColdStart { get; }

        public bool Synthetic { get; }
    }

    private struct Sample
    {
        public long StartTimestamp;
        public double LatencyMs;
        public double GapMs;
    }

    /// <summary>The state of one model: in-flight count, last end, bounded samples per gap octave, counters, analysis.</summary>
    internal sealed class ModelState
    {
        private readonly object _lock = new object();
        private readonly string _model;
        private readonly int _capacity;
        private readonly Sample[]?[] _buckets = new Sample[]?[GapBuckets];
        private readonly int[] _next = new int[GapBuckets];
        private readonly int[] _count = new int[GapBuckets];
        /// <summary><see cref="_lastEnd"/> before any call ended.</summary>
        private const long NeverEnded = long.MinValue;

        // Begin is lock-free (interlocked counters and the last end's timestamp); End takes the lock for the samples.
        private int _inFlight;
        private long _lastEnd = NeverEnded;
        private long _calls;
        private long _coldCalls;
        private long _keepWarm;
        private int _samples;
        private int _newSinceAnalysis;
        private bool _analyzedOnce;
        private long _lastAnalysis;
        private ColdStartAnalysis? _analysis;

        public ModelState(string model, int capacity)
        {
            _model = model;
            _capacity = capacity;
        }

        public ColdStartAnalysis? PublishedAnalysis => Volatile.Read(ref _analysis);

        public double? Begin(LlmColdStartDetector owner, long now, bool synthetic, out bool cold)
        {
            bool othersInFlight = Interlocked.Increment(ref _inFlight) > 1;
            long lastEnd = Interlocked.Read(ref _lastEnd);
            double? gap = othersInFlight ? 0 : lastEnd != NeverEnded ? owner.ElapsedMs(lastEnd, now) : null;
            if (!synthetic)
            {
                Interlocked.Increment(ref _calls);
            }

            cold = false;
            if (!synthetic && gap is double g && owner.ThresholdMs(_model, this) is double threshold && g > threshold)
            {
                cold = true;
                Interlocked.Increment(ref _coldCalls);
            }

            return gap;
        }

        public void End(LlmColdStartDetector owner, in Call call, long now, bool succeeded)
        {
            bool reanalyze = false;
            lock (_lock)
            {
                Interlocked.Decrement(ref _inFlight);

                // Keep-warm requests end the gap through OnKeepWarmRequest, and only when they succeeded.
                if (!call.Synthetic && now > _lastEnd)
                {
                    Interlocked.Exchange(ref _lastEnd, now);
                }

                if (succeeded && !call.Synthetic && call.IdleGapMs is double gap)
                {
                    Add(new Sample { StartTimestamp = call.StartTimestamp, LatencyMs = owner.ElapsedMs(call.StartTimestamp, now), GapMs = gap });
                    _newSinceAnalysis++;

                    // Sooner while there are few samples, never more often than the interval: on a busy model the
                    // analysis (a sort of at most 1,536 calls) runs once per interval, not once per few calls.
                    int due = Math.Max(1, Math.Min(owner._reanalyzeEvery, _samples / 16));
                    reanalyze = _newSinceAnalysis >= due
                        && (!_analyzedOnce || owner.ElapsedMs(_lastAnalysis, now) >= owner._reanalyzeIntervalMs);
                    if (reanalyze)
                    {
                        _analyzedOnce = true;
                        _lastAnalysis = now;
                    }
                }
            }

            if (reanalyze)
            {
                Analyze(owner);
            }
        }

        public void KeepWarm(long now)
        {
            lock (_lock)
            {
                _keepWarm++;
                if (now > _lastEnd)
                {
                    Interlocked.Exchange(ref _lastEnd, now);
                }
            }
        }

        public TimeSpan? IdleTime(LlmColdStartDetector owner, long now)
        {
            lock (_lock)
            {
                if (Volatile.Read(ref _inFlight) > 0)
                {
                    return TimeSpan.Zero;
                }

                long lastEnd = Interlocked.Read(ref _lastEnd);
                return lastEnd != NeverEnded ? TimeSpan.FromMilliseconds(owner.ElapsedMs(lastEnd, now)) : null;
            }
        }

        public ColdStartAnalysis? CurrentAnalysis(LlmColdStartDetector owner)
        {
            bool stale;
            lock (_lock)
            {
                stale = _newSinceAnalysis > 0 || _analysis is null;
            }

            return stale ? Analyze(owner) : PublishedAnalysis;
        }

        public LlmModelColdStartSnapshot Snapshot(LlmColdStartDetector owner)
        {
            ColdStartAnalysis analysis = CurrentAnalysis(owner) ?? ColdStartDetector.Analyze(Array.Empty<ColdStartObservation>(), owner._detection);
            long now = owner.Now();
            TimeSpan? idle = IdleTime(owner, now);
            TimeSpan? configured = owner._configured.TryGetValue(_model, out TimeSpan c) ? c : null;
            lock (_lock)
            {
                return new LlmModelColdStartSnapshot(_model, Interlocked.Read(ref _calls), Interlocked.Read(ref _coldCalls), _keepWarm, _samples, idle, configured, analysis);
            }
        }

        private ColdStartAnalysis Analyze(LlmColdStartDetector owner)
        {
            List<ColdStartObservation> observations;
            lock (_lock)
            {
                observations = new List<ColdStartObservation>(_samples);
                for (int b = 0; b < GapBuckets; b++)
                {
                    Sample[]? bucket = _buckets[b];
                    for (int i = 0; i < _count[b]; i++)
                    {
                        Sample s = bucket![i];
                        observations.Add(new ColdStartObservation(owner.ToTime(s.StartTimestamp), s.LatencyMs, s.GapMs));
                    }
                }

                _newSinceAnalysis = 0;
            }

            ColdStartAnalysis analysis = ColdStartDetector.Analyze(observations, owner._detection);
            Volatile.Write(ref _analysis, analysis);
            return analysis;
        }

        private void Add(Sample sample)
        {
            int b = BucketOf(sample.GapMs);
            Sample[] bucket = _buckets[b] ??= new Sample[_capacity];
            bucket[_next[b]] = sample;
            _next[b] = (_next[b] + 1) % _capacity;
            if (_count[b] < _capacity)
            {
                _count[b]++;
                _samples++;
            }
        }
    }
}
