using Akka.Configuration;

namespace AkkaCompute.Node.Tests;

/// <summary>What every test system shares: the node's config, and TestKit deadlines stretched by <c>AKC_TEST_TIMEFACTOR</c> (CI sets 3; a 2-core box shared with builds is slow).</summary>
public static class TestConfig
{
    public static Config Base { get; } = ConfigurationFactory.ParseString($"""
        akka.loglevel = WARNING
        akka.test.single-expect-default = 10s
        akka.test.timefactor = {TimeFactor}
        """).WithFallback(NodeConfig.Default);

    private static double TimeFactor =>
        double.TryParse(Environment.GetEnvironmentVariable("AKC_TEST_TIMEFACTOR"), System.Globalization.CultureInfo.InvariantCulture, out var f) && f >= 1 ? f : 1;
}
