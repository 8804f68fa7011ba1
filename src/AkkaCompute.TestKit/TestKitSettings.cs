using System.Globalization;

namespace AkkaCompute.TestKit;

/// <summary>
/// TestKit timing. Every timeout the TestKit uses is multiplied by <see cref="TimeFactor"/>, read from
/// the environment variable <c>AKC_TEST_TIMEFACTOR</c> (default 1.0), so that a slow machine can
/// stretch all deadlines without editing tests.
/// </summary>
public sealed record TestKitSettings
{
    /// <summary>The settings read from the environment.</summary>
    public static TestKitSettings FromEnvironment { get; } = new()
    {
        TimeFactor = double.TryParse(Environment.GetEnvironmentVariable("AKC_TEST_TIMEFACTOR"), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 1.0,
    };

    /// <summary>Multiplier for every TestKit timeout; positive. Default 1.0.</summary>
    public double TimeFactor { get; init; } = 1.0;

    /// <summary>Default timeout of ExpectMsg and friends, before dilation. Default 3 s (as Akka's single-expect-default).</summary>
    public TimeSpan SingleExpectDefault { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Default duration of ExpectNoMsg, before dilation. Default 200 ms.</summary>
    public TimeSpan ExpectNoMessageDefault { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Returns <paramref name="duration"/> multiplied by <see cref="TimeFactor"/>.</summary>
    public TimeSpan Dilated(TimeSpan duration) => TimeSpan.FromTicks((long)(duration.Ticks * TimeFactor));
}
