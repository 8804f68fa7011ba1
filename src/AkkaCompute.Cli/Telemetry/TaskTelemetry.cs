using System.Diagnostics;
using System.Diagnostics.Metrics;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Cli.Telemetry;

/// <summary>
/// The node's task instruments, derived from its <see cref="TaskEvent"/> stream and a periodic status snapshot, on a
/// <see cref="Meter"/> and an <see cref="ActivitySource"/> both named <see cref="Name"/> ("AkkaCompute"):
/// <list type="bullet">
/// <item>counters <c>akkacompute.tasks.accepted</c>, <c>.succeeded</c>, <c>.failed</c>, <c>.cancelled</c>, <c>.timed_out</c> (tasks), and
/// <c>akkacompute.cache.hits</c> / <c>akkacompute.cache.misses</c> (succeeded tasks answered from the result cache, or run);</item>
/// <item>histogram <c>akkacompute.task.duration</c> (milliseconds of the recorded attempt, terminal tasks);</item>
/// <item>observable <c>akkacompute.queue.depth</c>, <c>akkacompute.tasks.running</c> and <c>akkacompute.journal.write_latency</c> (ms) (gauges) and <c>akkacompute.handoffs</c>, <c>akkacompute.steals</c> (counters)
/// from the last <see cref="Snapshot"/>.</item>
/// </list>
/// One span (<see cref="Activity"/>) per attempt: started at Running, stopped at the attempt's end (Retrying or a terminal state),
/// tagged <c>akkacompute.task.id</c>, <c>akkacompute.task.attempt</c>, <c>akkacompute.task.owner</c> (the node that observed it running) and
/// <c>akkacompute.task.outcome</c>. At most <see cref="MaxOpenSpans"/> spans are open; attempts beyond that get none. Thread-safe.
/// </summary>
internal sealed class TaskTelemetry : IDisposable
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "AkkaCompute";

    /// <summary>The most attempts with an open span at once: 100,000.</summary>
    public const int MaxOpenSpans = 100_000;

    private readonly Meter _meter;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _succeeded;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _cancelled;
    private readonly Counter<long> _timedOut;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Histogram<double> _duration;
    private readonly Dictionary<string, Activity> _spans = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly string _owner;
    private long _cacheHitCount;
    private long _cacheMissCount;

    /// <summary>Creates the instruments.</summary>
    /// <param name="owner">This node's address, the <c>akkacompute.task.owner</c> of the attempts it sees running.</param>
    public TaskTelemetry(string owner)
    {
        _owner = owner;
        _meter = new Meter(Name);
        Source = new ActivitySource(Name);
        _accepted = _meter.CreateCounter<long>("akkacompute.tasks.accepted", "{task}", "Tasks accepted (journaled) by this node.");
        _succeeded = _meter.CreateCounter<long>("akkacompute.tasks.succeeded", "{task}", "Tasks that succeeded.");
        _failed = _meter.CreateCounter<long>("akkacompute.tasks.failed", "{task}", "Tasks that failed after their retries.");
        _cancelled = _meter.CreateCounter<long>("akkacompute.tasks.cancelled", "{task}", "Tasks cancelled.");
        _timedOut = _meter.CreateCounter<long>("akkacompute.tasks.timed_out", "{task}", "Tasks whose last attempt exceeded its timeout.");
        _cacheHits = _meter.CreateCounter<long>("akkacompute.cache.hits", "{task}", "Succeeded tasks answered from the result cache.");
        _cacheMisses = _meter.CreateCounter<long>("akkacompute.cache.misses", "{task}", "Succeeded tasks that ran (not from the cache).");
        _duration = _meter.CreateHistogram<double>("akkacompute.task.duration", "ms", "Duration of a finished task's recorded attempt.");
        _meter.CreateObservableGauge("akkacompute.queue.depth", () => Snapshot.Queued, "{task}", "Tasks in the scheduler's queue.");
        _meter.CreateObservableGauge("akkacompute.tasks.running", () => Snapshot.Running, "{task}", "Tasks running now.");
        _meter.CreateObservableCounter("akkacompute.handoffs", () => Snapshot.HandedOff, "{task}", "Tasks re-placed because their owner was removed.");
        _meter.CreateObservableCounter("akkacompute.steals", () => Snapshot.Stolen, "{task}", "Queued tasks given to idle members (work stealing).");
        _meter.CreateObservableGauge("akkacompute.journal.write_latency", () => Snapshot.JournalWriteLatencyMs, "ms", "Mean latency of the history journal's last 256 writes.");
    }

    /// <summary>The meter of the instruments.</summary>
    public Meter Meter => _meter;

    /// <summary>The activity source of the per-attempt spans.</summary>
    public ActivitySource Source { get; }

    /// <summary>The last status snapshot, read by the observable instruments; <see cref="TelemetrySnapshot.Empty"/> until the first.</summary>
    public TelemetrySnapshot Snapshot { get; set; } = TelemetrySnapshot.Empty;

    /// <summary>Succeeded tasks answered from the result cache since the node started.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHitCount);

    /// <summary>Succeeded tasks that ran (not from the cache) since the node started.</summary>
    public long CacheMisses => Interlocked.Read(ref _cacheMissCount);

    /// <summary>Open spans (attempts running now, as far as the events tell).</summary>
    public int OpenSpans
    {
        get
        {
            lock (_gate)
            {
                return _spans.Count;
            }
        }
    }

    /// <summary>Records one task event: counters, the duration, cache hits, and the attempt's span.</summary>
    public void Record(TaskEvent e)
    {
        if (e.IsProgress)
        {
            return; // a progress report, not a state change
        }

        switch (e.State)
        {
            case TaskState.Accepted:
                _accepted.Add(1);
                return;
            case TaskState.Running:
                StartSpan(e);
                return;
            case TaskState.Retrying:
                StopSpan(e, "retrying");
                return;
        }

        if (!e.State.IsTerminal())
        {
            return;
        }

        (e.State switch
        {
            TaskState.Succeeded => _succeeded,
            TaskState.Failed => _failed,
            TaskState.Cancelled => _cancelled,
            _ => _timedOut,
        }).Add(1);
        if (e.Result is { } r)
        {
            _duration.Record(r.DurationMs);
            if (e.State == TaskState.Succeeded)
            {
                (r.FromCache ? _cacheHits : _cacheMisses).Add(1);
                Interlocked.Increment(ref r.FromCache ? ref _cacheHitCount : ref _cacheMissCount);
            }
        }

        StopSpan(e, e.State.ToString());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var span in _spans.Values)
            {
                span.SetTag("akkacompute.task.outcome", "unknown");
                span.Dispose();
            }

            _spans.Clear();
        }

        Source.Dispose();
        _meter.Dispose();
    }

    private void StartSpan(TaskEvent e)
    {
        lock (_gate)
        {
            if (_spans.Remove(e.TaskId, out var previous))
            {
                previous.SetTag("akkacompute.task.outcome", "superseded");
                previous.Dispose();
            }

            if (_spans.Count >= MaxOpenSpans)
            {
                return;
            }

            // A root span: with Activity.Current set (by the previous span started on this same flow), StartActivity would
            // make every attempt a child of the one before, a parent chain as long as the node's life that each new span
            // walks (Activity.Context reads the trace state up the chain) and that keeps every finished span alive.
            var ambient = Activity.Current;
            Activity.Current = null;
            Activity? span;
            try
            {
                span = Source.StartActivity("akkacompute.task.attempt", ActivityKind.Internal, parentContext: default);
            }
            finally
            {
                Activity.Current = ambient;
            }

            if (span is null)
            {
                return; // nobody listens
            }

            span.SetTag("akkacompute.task.id", e.TaskId);
            span.SetTag("akkacompute.task.attempt", e.Attempt);
            span.SetTag("akkacompute.task.owner", _owner);
            _spans[e.TaskId] = span;
        }
    }

    private void StopSpan(TaskEvent e, string outcome)
    {
        lock (_gate)
        {
            if (!_spans.Remove(e.TaskId, out var span))
            {
                return;
            }

            span.SetTag("akkacompute.task.outcome", outcome);
            if (e.State is TaskState.Failed or TaskState.TimedOut or TaskState.Retrying)
            {
                span.SetStatus(ActivityStatusCode.Error, e.Result?.Error ?? e.Message);
            }

            span.Dispose();
        }
    }
}
