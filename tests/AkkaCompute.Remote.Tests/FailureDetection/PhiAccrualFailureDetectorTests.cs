using AkkaCompute.Remote.FailureDetection;

namespace AkkaCompute.Remote.Tests.FailureDetection;

public sealed class PhiAccrualFailureDetectorTests
{
    private const long Start = 1_000_000;

    private static PhiAccrualFailureDetector Detector(PhiAccrualSettings? settings = null) =>
        new(settings ?? PhiAccrualSettings.Default, new ManualTimeProvider());

    /// <summary>Sends heartbeats at <paramref name="start"/> and then after each interval; returns the last arrival time.</summary>
    private static long Beat(PhiAccrualFailureDetector detector, long start, IEnumerable<long> intervals, Action<long>? beforeEach = null)
    {
        var now = start;
        detector.Heartbeat(now);
        foreach (var interval in intervals)
        {
            now += interval;
            beforeEach?.Invoke(now);
            detector.Heartbeat(now);
        }

        return now;
    }

    /// <summary>The first millisecond after <paramref name="last"/> at which the detector suspects, searched up to <paramref name="horizonMs"/>.</summary>
    private static long FirstSuspicion(PhiAccrualFailureDetector detector, long last, long horizonMs)
    {
        for (var t = last; t <= last + horizonMs; t++)
        {
            if (!detector.IsAvailable(t))
            {
                return t - last;
            }
        }

        return long.MaxValue;
    }

    [Fact]
    public void Before_the_first_heartbeat_it_is_not_monitoring_and_counts_as_available()
    {
        var detector = Detector();
        Assert.False(detector.IsMonitoring);
        Assert.Equal(0.0, detector.Phi(Start + 1_000_000));
        Assert.True(detector.IsAvailable(Start + 1_000_000));

        detector.Heartbeat(Start);
        Assert.True(detector.IsMonitoring);
        Assert.Equal(2, detector.SampleCount);
    }

    [Fact]
    public void Phi_is_the_logistic_approximation_of_the_normal_tail()
    {
        // At the mean, F = 1/2, so phi = -log10(1/2).
        Assert.Equal(Math.Log10(2), PhiAccrualFailureDetector.ComputePhi(1000, 1000, 100), 12);
        // One standard deviation above: 1 - F(1) = 0.1587 for the true normal; the approximation is within 0.00014.
        Assert.Equal(-Math.Log10(0.158655), PhiAccrualFailureDetector.ComputePhi(1100, 1000, 100), 3);
        // Below the mean the two branches agree with 1 - F(y) = F(-y).
        Assert.Equal(-Math.Log10(1 - 0.158655), PhiAccrualFailureDetector.ComputePhi(900, 1000, 100), 3);
    }

    [Fact]
    public void Steady_one_second_heartbeats_keep_phi_low()
    {
        var detector = Detector();
        var worst = 0.0;
        Beat(detector, Start, Enumerable.Repeat(1000L, 200), now => worst = Math.Max(worst, detector.Phi(now)));
        Assert.True(worst < 0.1, $"phi reached {worst}");
        Assert.True(detector.IsAvailable(Start + (200 * 1000) + 1000));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3000)]
    public void Jittery_heartbeats_raise_no_suspicion(int acceptablePauseMs)
    {
        var detector = Detector(new PhiAccrualSettings { AcceptableHeartbeatPause = TimeSpan.FromMilliseconds(acceptablePauseMs) });
        var random = new Random(4711);
        var intervals = Enumerable.Range(0, 500).Select(_ => (long)random.Next(600, 1401)).ToArray();
        var worst = 0.0;
        Beat(detector, Start, intervals, now => worst = Math.Max(worst, detector.Phi(now)));
        Assert.True(worst < detector.Settings.Threshold / 2, $"phi reached {worst}");
    }

    [Fact]
    public void A_pause_within_the_acceptable_pause_raises_no_suspicion()
    {
        var detector = Detector();
        var last = Beat(detector, Start, Enumerable.Repeat(1000L, 30));
        var pauseEnd = last + 1000 + 3000;
        for (var t = last; t <= pauseEnd; t += 10)
        {
            Assert.True(detector.IsAvailable(t), $"suspected {t - last} ms after the last heartbeat, phi {detector.Phi(t)}");
        }

        Assert.True(detector.Phi(pauseEnd) < 1.0);
        last = Beat(detector, pauseEnd, Enumerable.Repeat(1000L, 10), now => Assert.True(detector.IsAvailable(now)));
        Assert.True(detector.IsAvailable(last + 1000));
    }

    [Fact]
    public void Heartbeats_that_stop_are_suspected_within_the_computed_bound()
    {
        var settings = PhiAccrualSettings.Default;
        var detector = Detector(settings);
        var last = Beat(detector, Start, Enumerable.Repeat(1000L, 60));

        // Mean 1000 ms plus the 3 s acceptable pause; std clamped to 100 ms. Phi 8 is y ~ 5.23 std devs above that:
        // suspicion at ~4,523 ms. Bound: never before interval + pause, always by interval + pause + 10 min-std (5 s).
        var suspectedAfter = FirstSuspicion(detector, last, horizonMs: 60_000);
        Assert.InRange(suspectedAfter, 4500, 4550);
        var boundMs = 1000 + settings.AcceptableHeartbeatPause.TotalMilliseconds + (10 * settings.MinStdDeviation.TotalMilliseconds);
        Assert.InRange(suspectedAfter, 4001, (long)boundMs);
        Assert.False(detector.IsAvailable(last + 60_000));
    }

    [Fact]
    public void A_resource_that_sends_one_heartbeat_and_dies_is_suspected_from_the_first_estimate()
    {
        var detector = Detector();
        detector.Heartbeat(Start);
        // Bootstrap: 750 and 1250 ms, mean 1000, std 250 ms; plus 3 s pause. Phi 8 at ~4000 + 5.23 * 250.
        Assert.InRange(FirstSuspicion(detector, Start, horizonMs: 60_000), 5200, 5400);
    }

    [Fact]
    public void Phi_rises_monotonically_while_no_heartbeat_arrives()
    {
        var detector = Detector();
        var last = Beat(detector, Start, Enumerable.Repeat(1000L, 20));
        var previous = detector.Phi(last);
        var strictlyRising = 0;
        for (var t = last + 1; t <= last + 10_000; t++)
        {
            var phi = detector.Phi(t);
            Assert.True(phi >= previous, $"phi fell from {previous} to {phi} at +{t - last} ms");
            if (phi > 1e-3 && double.IsFinite(phi))
            {
                Assert.True(phi > previous, $"phi did not rise at +{t - last} ms ({phi})");
                strictlyRising++;
            }

            previous = phi;
        }

        Assert.True(strictlyRising > 1000);
        Assert.True(previous >= detector.Settings.Threshold);
    }

    [Fact]
    public void The_first_heartbeat_after_a_suspicion_is_not_recorded_and_restores_availability()
    {
        var detector = Detector();
        var last = Beat(detector, Start, Enumerable.Repeat(1000L, 10));
        Assert.Equal(12, detector.SampleCount);

        var back = last + 30_000;
        Assert.False(detector.IsAvailable(back));
        detector.Heartbeat(back);
        Assert.Equal(12, detector.SampleCount);
        Assert.True(detector.IsAvailable(back + 1000));

        detector.Heartbeat(back + 1000);
        Assert.Equal(13, detector.SampleCount);
    }

    [Fact]
    public void History_never_exceeds_max_sample_size()
    {
        var detector = Detector(new PhiAccrualSettings { MaxSampleSize = 10 });
        Beat(detector, Start, Enumerable.Repeat(1000L, 5), _ => { });
        Assert.Equal(7, detector.SampleCount);
        Beat(detector, Start + 10_000, Enumerable.Repeat(1000L, 1000), _ => Assert.InRange(detector.SampleCount, 1, 10));
        Assert.Equal(10, detector.SampleCount);
    }

    [Fact]
    public void Old_samples_age_out_so_the_detector_adapts_to_a_new_interval()
    {
        var settings = new PhiAccrualSettings { MaxSampleSize = 20, AcceptableHeartbeatPause = TimeSpan.Zero };
        var detector = Detector(settings);
        var last = Beat(detector, Start, Enumerable.Repeat(100L, 50));
        Assert.False(detector.IsAvailable(last + 1000));
        last = Beat(detector, last + 150, Enumerable.Repeat(150L, 5));
        last = Beat(detector, last + 200, Enumerable.Repeat(200L, 5));
        // Interval grows gradually to 1 s; after 20 samples at 1 s the history holds only those.
        for (var interval = 300; interval <= 1000; interval += 100)
        {
            last = Beat(detector, last + interval, Enumerable.Repeat((long)interval, 5));
        }

        last = Beat(detector, last + 1000, Enumerable.Repeat(1000L, 20));
        Assert.True(detector.IsAvailable(last + 1000));
    }

    [Fact]
    public void Overloads_without_a_timestamp_read_the_injected_clock()
    {
        var clock = new ManualTimeProvider();
        var detector = new PhiAccrualFailureDetector(PhiAccrualSettings.Default, clock);
        for (var i = 0; i < 10; i++)
        {
            detector.Heartbeat();
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Two bootstrap samples plus nine intervals.
        Assert.Equal(11, detector.SampleCount);
        Assert.True(detector.IsAvailable());
        Assert.True(detector.Phi() < 0.1);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.True(detector.IsAvailable());
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(detector.IsAvailable());
        Assert.True(detector.Phi() >= 8);
    }

    public static TheoryData<PhiAccrualSettings, string, string> InvalidSettings => new()
    {
        { new PhiAccrualSettings { Threshold = 0 }, "akc.remote.failure-detector.threshold", "= 0:" },
        { new PhiAccrualSettings { Threshold = double.NaN }, "akc.remote.failure-detector.threshold", "NaN" },
        { new PhiAccrualSettings { MaxSampleSize = 0 }, "akc.remote.failure-detector.max-sample-size", "= 0:" },
        { new PhiAccrualSettings { MaxSampleSize = 100_001 }, "akc.remote.failure-detector.max-sample-size", "100001" },
        { new PhiAccrualSettings { MinStdDeviation = TimeSpan.Zero }, "akc.remote.failure-detector.min-std-deviation", "00:00:00" },
        { new PhiAccrualSettings { AcceptableHeartbeatPause = TimeSpan.FromSeconds(-1) }, "akc.remote.failure-detector.acceptable-heartbeat-pause", "-00:00:01" },
        { new PhiAccrualSettings { FirstHeartbeatEstimate = TimeSpan.FromHours(2) }, "akc.remote.failure-detector.heartbeat-interval", "02:00:00" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Invalid_settings_are_rejected_naming_key_value_and_constraint(PhiAccrualSettings settings, string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(settings.Validate);
        Assert.Equal(key, error.Key);
        Assert.StartsWith(key, error.Message);
        Assert.Contains(value, error.Message);
        Assert.Contains("must be", error.Message);
        Assert.Throws<ConfigurationException>(() => new PhiAccrualFailureDetector(settings, new ManualTimeProvider()));
    }

    [Fact]
    public void Defaults_are_Akkas_and_valid()
    {
        var settings = PhiAccrualSettings.Default;
        settings.Validate();
        Assert.Equal(8.0, settings.Threshold);
        Assert.Equal(1000, settings.MaxSampleSize);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.MinStdDeviation);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.AcceptableHeartbeatPause);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.FirstHeartbeatEstimate);
    }
}
