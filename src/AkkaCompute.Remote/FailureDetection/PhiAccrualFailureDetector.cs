namespace AkkaCompute.Remote.FailureDetection;

/// <summary>
/// The phi accrual failure detector of N. Hayashibara, X. Défago, R. Yared and T. Katayama, "The φ Accrual Failure
/// Detector", Proc. 23rd IEEE Symposium on Reliable Distributed Systems (SRDS 2004), pp. 66–78, as Akka implements it
/// (Akka.Remote's <c>PhiAccrualFailureDetector</c>).
/// </summary>
/// <remarks>
/// <para>
/// Instead of a yes/no verdict the detector outputs a suspicion level φ = -log10(1 - F(t)), where t is the time since the
/// last heartbeat and F is the cumulative distribution function of a normal distribution whose mean and standard
/// deviation are estimated from the last <see cref="PhiAccrualSettings.MaxSampleSize"/> heartbeat inter-arrival times.
/// φ = 1 means a 10 % chance that a heartbeat that has not arrived by now is merely late, φ = 2 a 1 % chance, and so on.
/// The resource is available while φ &lt; <see cref="PhiAccrualSettings.Threshold"/>.
/// </para>
/// <para>
/// As in Akka: <see cref="PhiAccrualSettings.AcceptableHeartbeatPause"/> is added to the mean, so phi stays near zero
/// during a pause of that length; the standard deviation is floored at <see cref="PhiAccrualSettings.MinStdDeviation"/>;
/// the first heartbeat bootstraps the history with two samples, <see cref="PhiAccrualSettings.FirstHeartbeatEstimate"/>
/// ± 25 %; the first heartbeat after the resource was found unavailable is not recorded as an interval, since the long
/// pause would skew the statistics; and F is the logistic approximation of the normal CDF,
/// F(y) ≈ 1 / (1 + e^(-y (1.5976 + 0.070566 y²))) with y = (t - mean) / stdDeviation, from S. R. Bowling, M. T. Khasawneh,
/// S. Kaewkuekool and B. R. Cho, "A logistic approximation to the cumulative normal distribution", Journal of Industrial
/// Engineering and Management 2(1), 2009 (maximum absolute error 0.00014, at y = ±3.16; Akka cites it from the β Mathematics
/// Handbook).
/// </para>
/// <para>
/// Before the first heartbeat the detector is not monitoring: φ is 0 and the resource counts as available. Far beyond the
/// mean φ becomes <see cref="double.PositiveInfinity"/> (the approximation's tail underflows), which is above any threshold.
/// </para>
/// <para>
/// Time is read only from the injected <see cref="TimeProvider"/> (its monotonic timestamp), by the overloads without a
/// timestamp; the overloads taking <c>nowMs</c> read no clock at all, so a test or simulator can script a history.
/// Do not mix the two on one instance: they are different time bases. Timestamps must not decrease; one earlier than the
/// last heartbeat counts as equal to it.
/// </para>
/// <para>
/// Thread-safety: every member may be called from any thread. <see cref="Heartbeat(long)"/> updates the history under a
/// lock and then publishes an immutable snapshot (last heartbeat, mean, standard deviation); <see cref="Phi(long)"/>,
/// <see cref="IsAvailable(long)"/> and <see cref="IsMonitoring"/> read the latest snapshot without locking, in O(1).
/// </para>
/// </remarks>
public sealed class PhiAccrualFailureDetector
{
    private readonly Lock _writeLock = new();
    private readonly HeartbeatHistory _history;
    private readonly TimeProvider _timeProvider;
    private readonly double _acceptablePauseMs;
    private readonly double _minStdDeviationMs;
    private Snapshot? _snapshot;

    /// <summary>Creates a detector that is not yet monitoring (no heartbeat received).</summary>
    /// <param name="settings">The settings; validated here.</param>
    /// <param name="timeProvider">The clock read by the overloads without a timestamp, e.g. <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="AkkaCompute.Actors.ConfigurationException">A setting is out of range.</exception>
    public PhiAccrualFailureDetector(PhiAccrualSettings settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        settings.Validate();
        Settings = settings;
        _timeProvider = timeProvider;
        _history = new HeartbeatHistory(settings.MaxSampleSize);
        _acceptablePauseMs = settings.AcceptableHeartbeatPause.TotalMilliseconds;
        _minStdDeviationMs = settings.MinStdDeviation.TotalMilliseconds;
    }

    /// <summary>The settings this detector runs with.</summary>
    public PhiAccrualSettings Settings { get; }

    /// <summary>True once at least one heartbeat was received; before that φ is 0 and the resource counts as available.</summary>
    public bool IsMonitoring => Volatile.Read(ref _snapshot) is not null;

    /// <summary>The number of intervals in the history: 2 after the first heartbeat, then at most <see cref="PhiAccrualSettings.MaxSampleSize"/>.</summary>
    internal int SampleCount => Volatile.Read(ref _snapshot)?.SampleCount ?? 0;

    /// <summary>The current time in milliseconds on the injected clock's monotonic timestamp.</summary>
    public long NowMs() => (long)((Int128)_timeProvider.GetTimestamp() * 1000 / _timeProvider.TimestampFrequency);

    /// <summary>Records a heartbeat now, on the injected clock.</summary>
    public void Heartbeat() => Heartbeat(NowMs());

    /// <summary>Records a heartbeat that arrived at <paramref name="nowMs"/>.</summary>
    /// <param name="nowMs">Arrival time in milliseconds on the caller's monotonic time base.</param>
    public void Heartbeat(long nowMs)
    {
        lock (_writeLock)
        {
            var old = _snapshot;
            long last;
            if (old is null)
            {
                var meanMs = (long)Settings.FirstHeartbeatEstimate.TotalMilliseconds;
                var stdDeviationMs = meanMs / 4;
                _history.Add(meanMs - stdDeviationMs);
                _history.Add(meanMs + stdDeviationMs);
                last = nowMs;
            }
            else
            {
                last = Math.Max(old.LastHeartbeatMs, nowMs);
                if (Phi(old, last) < Settings.Threshold)
                {
                    _history.Add(last - old.LastHeartbeatMs);
                }
            }

            Volatile.Write(ref _snapshot, new Snapshot(last, _history.Mean, _history.StdDeviation, _history.Count));
        }
    }

    /// <summary>The suspicion level now, on the injected clock.</summary>
    /// <returns>φ ≥ 0, possibly <see cref="double.PositiveInfinity"/>; 0 when not monitoring.</returns>
    public double Phi() => Phi(NowMs());

    /// <summary>The suspicion level at <paramref name="nowMs"/>.</summary>
    /// <param name="nowMs">Time in milliseconds on the same time base as the heartbeats.</param>
    /// <returns>φ ≥ 0, possibly <see cref="double.PositiveInfinity"/>; 0 when not monitoring.</returns>
    public double Phi(long nowMs) => Volatile.Read(ref _snapshot) is { } snapshot ? Phi(snapshot, nowMs) : 0.0;

    /// <summary>True when φ now, on the injected clock, is below the threshold (always true when not monitoring).</summary>
    public bool IsAvailable() => IsAvailable(NowMs());

    /// <summary>True when φ at <paramref name="nowMs"/> is below the threshold (always true when not monitoring).</summary>
    /// <param name="nowMs">Time in milliseconds on the same time base as the heartbeats.</param>
    public bool IsAvailable(long nowMs) => Phi(nowMs) < Settings.Threshold;

    /// <summary>
    /// φ for a heartbeat <paramref name="timeDiffMs"/> overdue relative to a normal distribution N(mean, stdDeviation),
    /// with the logistic approximation of its CDF cited on the class. Both branches compute -log10(1 - F(y)); they differ
    /// only in which form stays accurate in floating point on their side of the mean.
    /// </summary>
    /// <param name="timeDiffMs">Milliseconds since the last heartbeat.</param>
    /// <param name="meanMs">Mean interval in milliseconds (acceptable pause included).</param>
    /// <param name="stdDeviationMs">Standard deviation in milliseconds; must be positive.</param>
    internal static double ComputePhi(double timeDiffMs, double meanMs, double stdDeviationMs)
    {
        var y = (timeDiffMs - meanMs) / stdDeviationMs;
        var e = Math.Exp(-y * (1.5976 + (0.070566 * y * y)));
        return timeDiffMs > meanMs
            ? -Math.Log10(e / (1.0 + e))
            : -Math.Log10(1.0 - (1.0 / (1.0 + e)));
    }

    private double Phi(Snapshot snapshot, long nowMs)
    {
        var timeDiffMs = Math.Max(0, nowMs - snapshot.LastHeartbeatMs);
        var stdDeviationMs = Math.Max(snapshot.StdDeviationMs, _minStdDeviationMs);
        return ComputePhi(timeDiffMs, snapshot.MeanMs + _acceptablePauseMs, stdDeviationMs);
    }

    private sealed record Snapshot(long LastHeartbeatMs, double MeanMs, double StdDeviationMs, int SampleCount);
}
