using System.Diagnostics;
using System.Globalization;

namespace AkkaCompute.Cli.Tests.Cluster.Netns;

/// <summary>
/// A private network of network namespaces made with iproute2 (root only): one namespace per node, each with a veth pair whose
/// other end sits on a bridge in a hub namespace. Node i has the address 10.77.0.(i+1)/24. <see cref="Split"/> moves some nodes'
/// links onto a second bridge, so the two groups can no longer reach each other: packets vanish, no connection is reset, exactly
/// like a cut cable between two switches. The host's own namespace and routes are never touched. Everything is deleted on dispose.
/// </summary>
internal sealed class NetnsNetwork : IDisposable
{
    private readonly string _id;
    private readonly int _count;

    private NetnsNetwork(string id, int count)
    {
        _id = id;
        _count = count;
    }

    private string Hub => $"akc{_id}h";

    /// <summary>The namespace of node <paramref name="i"/>.</summary>
    public string Namespace(int i) => $"akc{_id}n{i}";

    /// <summary>The address of node <paramref name="i"/>.</summary>
    public static string Ip(int i) => $"10.77.0.{i + 1}";

    /// <summary>Checks the preconditions and says exactly what is missing.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces need Linux";
        }

        if (Environment.UserName != "root" && Run("id", "-u").Trim() != "0")
        {
            return "creating network namespaces needs root (run the script with sudo)";
        }

        return File.Exists("/usr/sbin/ip") || File.Exists("/sbin/ip") || File.Exists("/usr/bin/ip") ? null : "iproute2's `ip` command is not installed";
    }

    /// <summary>Creates the hub, <paramref name="count"/> node namespaces and their links, all on one bridge.</summary>
    public static NetnsNetwork Create(int count)
    {
        var id = Random.Shared.Next(0x1000, 0xFFFF).ToString("x4", CultureInfo.InvariantCulture);
        var net = new NetnsNetwork(id, count);
        try
        {
            Ip("netns", "add", net.Hub);
            foreach (var bridge in new[] { "br0", "br1" })
            {
                Ip("-n", net.Hub, "link", "add", bridge, "type", "bridge");
                Ip("-n", net.Hub, "link", "set", bridge, "up");
            }

            for (var i = 0; i < count; i++)
            {
                var ns = net.Namespace(i);
                var (inside, outside) = (net.Veth(i, 'n'), net.Veth(i, 'h'));
                Ip("netns", "add", ns);
                Ip("-n", ns, "link", "set", "lo", "up");
                Ip("-n", net.Hub, "link", "add", outside, "type", "veth", "peer", "name", inside, "netns", ns);
                Ip("-n", ns, "addr", "add", Ip(i) + "/24", "dev", inside);
                Ip("-n", ns, "link", "set", inside, "up");
                Ip("-n", net.Hub, "link", "set", outside, "master", "br0", "up");
            }

            return net;
        }
        catch
        {
            net.Dispose();
            throw;
        }
    }

    /// <summary>Cuts <paramref name="minority"/> off from the rest: their links move to the second bridge.</summary>
    public void Split(IEnumerable<int> minority)
    {
        foreach (var i in minority)
        {
            Ip("-n", Hub, "link", "set", Veth(i, 'h'), "master", "br1");
        }
    }

    /// <summary>Undoes <see cref="Split"/>: the links of <paramref name="minority"/> move back to the first bridge.</summary>
    public void Heal(IEnumerable<int> minority)
    {
        foreach (var i in minority)
        {
            Ip("-n", Hub, "link", "set", Veth(i, 'h'), "master", "br0");
        }
    }

    /// <summary>
    /// Drops one direction only: every packet that a node of <paramref name="from"/> sends to a node of <paramref name="to"/> vanishes
    /// (a blackhole route per destination in the sender's namespace, which beats the /24 link route), while packets the other way still
    /// arrive. TCP cannot complete a handshake or an acknowledgement across it, but heartbeats sent by <paramref name="to"/> still reach
    /// <paramref name="from"/>: each side hears something different, the case the split-brain resolver must not turn into two clusters.
    /// (Routes need no traffic-control or netfilter modules, which this kind of machine may lack.)
    /// </summary>
    public void DropFrom(IEnumerable<int> from, IEnumerable<int> to)
    {
        var targets = to.ToList();
        foreach (var i in from)
        {
            foreach (var j in targets)
            {
                Ip("-n", Namespace(i), "route", "add", "blackhole", Ip(j) + "/32");
            }
        }
    }

    /// <summary>Deletes every namespace (their veth ends and bridges go with them).</summary>
    public void Dispose()
    {
        for (var i = 0; i < _count; i++)
        {
            Run("ip", "netns", "del", Namespace(i));
        }

        Run("ip", "netns", "del", Hub);
    }

    private string Veth(int i, char side) => $"akc{_id}v{i}{side}";

    private static void Ip(params string[] args)
    {
        var info = new ProcessStartInfo("ip", args) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)} failed ({p.ExitCode}): {err}");
        }
    }

    private static string Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}
