using System.Diagnostics;

namespace AkkaCompute.Cluster.Tests.Daemon;

/// <summary>Waits for a condition on the clusters' views with a deadline; the failure names what was last seen.</summary>
internal static class ClusterAwait
{
    public static async Task Until(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"not within {timeout}: {describe()}");
            }

            await Task.Delay(20);
        }
    }

    public static string Describe(IEnumerable<Cluster> clusters) =>
        string.Join("; ", clusters.Select(c => $"{c.SelfAddress.Port}: [{string.Join(", ", c.State.Members.Select(m => $"{m.Address.Port}={m.Status}"))}] unreachable [{string.Join(", ", c.State.Unreachable.Select(m => m.Address.Port))}]"));

    public static bool AllUp(Cluster c, int members) =>
        c.State.Members.Count == members && c.State.Members.All(m => m.Status == MemberStatus.Up);
}
