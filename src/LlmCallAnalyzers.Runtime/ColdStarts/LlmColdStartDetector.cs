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
    /// With the system clock, timestamps are <see cref="DateTime.UtcNow"/> ticks — the clock an
    /// <see cref="System.Diagnostics.Activity"/> reads — so that a call with a GenAI span reads the clock once at each
    /// end for both (<see cref="LlmCallTracker"/> hands the span's start and end times in), and gaps match the ones
    /// <c>llmslo confirm</c> measures from exported span times. Another <see cref="System.TimeProvider"/> (a test's) is
    /// used through its timestamps.
    /// </summary>
    private readonly bool _wallClock;
    private readonly long _timestampFrequency;
    private long _untracked;

    /// <summary>
    /// The model of the latest lookup: a process calls the same model again and again, and comparing two short strings
    /// costs less than hashing one into <see cref="_models"/>.
    /// </summary>
    private ModelState? _hot;

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
        _wallClock = ReferenceEquals(TimeProvider, TimeProvider.System);
        _timestampFrequency = _wallClock ? TimeSpan.TicksPerSecond : TimeProvider.TimestampFrequency;
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
        foreach (ModelState state in _models.Values)
        {
            state.Forgotten = true;
        }

        _models.Clear();
        _hot = null;
        Interlocked.Exchange(ref _untracked, 0);
    }

    /// <summary>Starts a call: its idle gap and whether it is past the threshold. Never throws.</summary>
    internal Call OnCallStarted(string model, bool synthetic) => OnCallStarted(model, synthetic, utcNow: null);

    /// <summary>As above, at <paramref name="utcNow"/> (a reading of <see cref="DateTime.UtcNow"/>, only when <see cref="UsesWallClock"/>).</summary>
    internal Call OnCallStarted(string model, bool synthetic, DateTime? utcNow)
    {
        ModelState? state = GetOrAdd(model);
        if (state is null)
        {
            return default;
        }

        long now = utcNow is DateTime t && _wallClock ? t.Ticks : Now();
        double? gap = state.Begin(this, now, synthetic, out bool cold);
        return new Call(state, now, gap, cold, synthetic);
    }

    /// <summary>Ends a call started with <see cref="OnCallStarted(string, bool, DateTime?)"/>. Never throws.</summary>
    internal void OnCallEnded(in Call call, bool succeeded) => OnCallEnded(call, succeeded, utcNow: null);

    /// <summary>As above, at <paramref name="utcNow"/> (a reading of <see cref="DateTime.UtcNow"/>, only when <see cref="UsesWallClock"/>).</summary>
    internal void OnCallEnded(in Call call, bool succeeded, DateTime? utcNow)
    {
        if (call.State is ModelState state)
        {
            state.End(this, call, utcNow is DateTime t && _wallClock ? t.Ticks : Now(), succeeded);
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

    /// <summary>The detector's clock (see <see cref="_wallClock"/>), in units of <see cref="_timestampFrequency"/> per second.</summary>
    internal long Now() => _wallClock ? DateTime.UtcNow.Ticks : TimeProvider.GetTimestamp();

    /// <summary>True when the detector's clock is <see cref="DateTime.UtcNow"/>: a caller may pass its own reading of it.</summary>
    internal bool UsesWallClock => _wallClock;

    /// <summary>The gap's octave (<see cref="IdleGapOctaves"/>), gaps of 2²² s and more in the last.</summary>
    internal static int BucketOf(double gapMs) => Math.Min(IdleGapOctaves.Of(gapMs), GapBuckets - 1);

    private ModelState? GetOrAdd(string model)
    {
        ModelState? hot = _hot;
        if (hot is not null && string.Equals(hot.Model, model) && !hot.Forgotten)
        {
            return hot;
        }

        if (_models.TryGetValue(model, out ModelState? state))
        {
            _hot = state;
            return state;
        }

        if (_models.Count >= _maxModels)
        {
            Interlocked.Increment(ref _untracked);
            return null;
        }

        state = _models.GetOrAdd(model, m => new ModelState(m, _samplesPerBucket));
        _hot = state;
        return state;
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
        private volatile bool _forgotten;

        /// <summary>Once the warm ring is full, one warm call in this many is sampled (a power of two).</summary>
        private const int WarmSampleEvery = 8;
        private volatile bool _warmFull;
        private int _warmSkipped;

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

        /// <summary>The model id.</summary>
        public string Model => _model;

        /// <summary>Set by <see cref="Clear"/>: the state is no longer in the table, and a lookup must not return it.</summary>
        public bool Forgotten
        {
            get => _forgotten;
            set => _forgotten = value;
        }

        /// <summary>The last end's timestamp: a plain read where a 64-bit read is atomic.</summary>
        private long LastEnd => Environment.Is64BitProcess ? Volatile.Read(ref _lastEnd) : Interlocked.Read(ref _lastEnd);

        public double? Begin(LlmColdStartDetector owner, long now, bool synthetic, out bool cold)
        {
            bool othersInFlight = Interlocked.Increment(ref _inFlight) > 1;
            long lastEnd = LastEnd;
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
            // The gap ends before the call leaves the in-flight count: a call beginning in between sees either another
            // call in flight (gap 0) or this end. Keep-warm requests end gaps through OnKeepWarmRequest (when they succeed).
            if (!call.Synthetic)
            {
                AdvanceLastEnd(now);
            }

            Interlocked.Decrement(ref _inFlight);
            if (!succeeded || call.Synthetic || call.IdleGapMs is not double gap)
            {
                return;
            }

            int bucket = BucketOf(gap);

            // Warm calls (gap under 1 s) are most calls of a busy model and only set the baseline: once their ring is
            // full, one in WarmSampleEvery is kept, and the others take no lock. (A racy counter: it only thins.)
            if (bucket == 0 && _warmFull && (++_warmSkipped & (WarmSampleEvery - 1)) != 0)
            {
                return;
            }

            bool reanalyze;
            lock (_lock)
            {
                Add(bucket, new Sample { StartTimestamp = call.StartTimestamp, LatencyMs = owner.ElapsedMs(call.StartTimestamp, now), GapMs = gap });
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

            if (reanalyze)
            {
                Analyze(owner);
            }
        }

        /// <summary>
        /// Moves the last end forward to <paramref name="now"/>. Where a 64-bit write is atomic this is a read and a
        /// write, not a compare-exchange: two calls ending at the same moment may leave the earlier of their two ends,
        /// an error of the time between them — and a gap that follows overlapping calls is not a cold start anyway.
        /// </summary>
        private void AdvanceLastEnd(long now)
        {
            if (Environment.Is64BitProcess)
            {
                if (now > Volatile.Read(ref _lastEnd))
                {
                    Volatile.Write(ref _lastEnd, now);
                }

                return;
            }

            long seen = Interlocked.Read(ref _lastEnd);
            while (now > seen)
            {
                long previous = Interlocked.CompareExchange(ref _lastEnd, now, seen);
                if (previous == seen)
                {
                    return;
                }

                seen = previous;
            }
        }

        public void KeepWarm(long now)
        {
            lock (_lock)
            {
                _keepWarm++;
            }

            AdvanceLastEnd(now);
        }

        public TimeSpan? IdleTime(LlmColdStartDetector owner, long now)
        {
            lock (_lock)
            {
                if (Volatile.Read(ref _inFlight) > 0)
                {
                    return TimeSpan.Zero;
                }

                long lastEnd = LastEnd;
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

        private void Add(int b, Sample sample)
        {
            Sample[] bucket = _buckets[b] ??= new Sample[_capacity];
            bucket[_next[b]] = sample;
            _next[b] = (_next[b] + 1) % _capacity;
            if (_count[b] < _capacity)
            {
                _count[b]++;
                _samples++;
                _warmFull = _count[0] == _capacity;
            }
        }
    }
}
