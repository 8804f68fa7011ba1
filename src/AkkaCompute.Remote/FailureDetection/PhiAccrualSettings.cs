using System.Globalization;
using AkkaCompute.Actors;

namespace AkkaCompute.Remote.FailureDetection;

/// <summary>
/// Settings of a <see cref="PhiAccrualFailureDetector"/>, named and defaulted as in Akka's
/// <c>akka.cluster.failure-detector</c> section. Keys are given as they appear under <see cref="Section"/> in configuration.
/// The detector's constructor calls <see cref="Validate"/>.
/// </summary>
public sealed record PhiAccrualSettings
{
    /// <summary>The configuration section the keys of these settings live under: <c>akc.remote.failure-detector</c>.</summary>
    public const string Section = "akc.remote.failure-detector";

    private static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <summary>The settings with every default: threshold 8, 1,000 samples, 100 ms, 3 s, 1 s.</summary>
    public static PhiAccrualSettings Default { get; } = new();

    /// <summary>
    /// <c>threshold</c>: the phi value at and above which the monitored resource is considered unavailable. Default 8.0;
    /// a finite number from 0.1 to 1000. A low threshold detects a real crash sooner but suspects a healthy resource more
    /// often; a high one makes fewer mistakes but detects a crash later. Phi 8 means the observed history gives a 10^-8
    /// probability that the next heartbeat is merely late.
    /// </summary>
    public double Threshold { get; init; } = 8.0;

    /// <summary>
    /// <c>max-sample-size</c>: the number of most recent heartbeat intervals kept to estimate their mean and standard
    /// deviation. Default 1,000; 1 to 100,000. At the limit the oldest interval is dropped for each new one, so memory stays
    /// at 8 bytes per sample.
    /// </summary>
    public int MaxSampleSize { get; init; } = 1000;

    /// <summary>
    /// <c>min-std-deviation</c>: the floor of the standard deviation used to compute phi, so that perfectly regular
    /// heartbeats do not make the detector hypersensitive to a small delay. Default 100 ms; 1 ms to 1 hour.
    /// </summary>
    public TimeSpan MinStdDeviation { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// <c>acceptable-heartbeat-pause</c>: a pause in heartbeats (lost or delayed ones, a GC pause, a network blip) that is
    /// tolerated before phi starts to rise; it is added to the mean interval. Default 3 s; 0 to 1 hour.
    /// </summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// <c>heartbeat-interval</c>: the expected heartbeat interval. At the first heartbeat the history is bootstrapped with two
    /// samples, this estimate ± 25 %, so that a resource that sends one heartbeat and dies is still detected. Default 1 s;
    /// 1 ms to 1 hour.
    /// </summary>
    public TimeSpan FirstHeartbeatEstimate { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks every value against the constraint given in its documentation.</summary>
    /// <exception cref="ConfigurationException">A value breaks its constraint; the message names key, value and constraint.</exception>
    public void Validate()
    {
        if (!double.IsFinite(Threshold) || Threshold < 0.1 || Threshold > 1000)
        {
            throw new ConfigurationException(Key("threshold"), Threshold.ToString(CultureInfo.InvariantCulture), "must be a finite number between 0.1 and 1000");
        }

        if (MaxSampleSize is < 1 or > 100_000)
        {
            throw new ConfigurationException(Key("max-sample-size"), MaxSampleSize.ToString(CultureInfo.InvariantCulture), "must be between 1 and 100000");
        }

        CheckDuration("min-std-deviation", MinStdDeviation, TimeSpan.FromMilliseconds(1));
        CheckDuration("acceptable-heartbeat-pause", AcceptableHeartbeatPause, TimeSpan.Zero);
        CheckDuration("heartbeat-interval", FirstHeartbeatEstimate, TimeSpan.FromMilliseconds(1));
    }

    private static string Key(string name) => Section + "." + name;

    private static void CheckDuration(string name, TimeSpan value, TimeSpan min)
    {
        if (value < min || value > MaxDuration)
        {
            var minText = min.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
            throw new ConfigurationException(Key(name), value.ToString("c", CultureInfo.InvariantCulture), $"must be a duration between {minText} ms and 1 hour");
        }
    }
}
