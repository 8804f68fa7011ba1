using Akka.Configuration;

namespace AkkaCompute.Node.Tests.Cluster;

/// <summary>An Akka.Cluster member on loopback (a free port), no automatic downing: tests down or leave members themselves.</summary>
public static class ClusterTestConfig
{
    public static Config Member { get; } = ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        akka.cluster.downing-provider-class = ""
        akka.cluster.gossip-interval = 200ms
        akka.cluster.leader-actions-interval = 200ms
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        akka.coordinated-shutdown.exit-clr = off
        """).WithFallback(TestConfig.Base);
}
