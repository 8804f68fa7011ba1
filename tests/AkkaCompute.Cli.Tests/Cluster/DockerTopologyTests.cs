using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Actor;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// The deployment of docker-compose.yml, checked without Docker (images cannot be pulled here): the compose file is validated by
/// Debian's <c>docker-compose config</c> and checked against hocon/docker.conf, and the same topology (two seeds, two workers, every
/// node with hocon/docker.conf) runs as four <c>akc node</c> processes on loopback.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class DockerTopologyTests
{
    private static readonly string[] NodeServices = ["seed1", "seed2", "worker1", "worker2"];
    private static readonly TimeSpan ComposeDeadline = TimeSpan.FromSeconds(60);

    private static string ComposeFile => Path.Combine(CliHarness.RepoRoot, "docker-compose.yml");

    private static string DockerConf => Path.Combine(CliHarness.RepoRoot, "hocon", "docker.conf");

    [Fact]
    public async Task Docker_compose_config_validates_the_compose_file_with_four_nodes_on_docker_conf_each_with_its_named_volume()
    {
        var (code, rendered, err) = await ComposeAsync("config");
        Assert.True(code == 0, $"docker-compose config refused {ComposeFile} (exit {code}):\n{err}\n{rendered}");

        var (servicesCode, servicesText, servicesErr) = await ComposeAsync("config", "--services");
        Assert.True(servicesCode == 0, servicesErr);
        var services = Lines(servicesText);
        Assert.All(NodeServices, s => Assert.Contains(s, services));
        var (postgresCode, postgresText, postgresErr) = await ComposeAsync("--profile", "postgres", "config", "--services");
        Assert.True(postgresCode == 0, postgresErr);
        Assert.Contains("postgres", Lines(postgresText));

        var (volumesCode, volumesText, volumesErr) = await ComposeAsync("config", "--volumes");
        Assert.True(volumesCode == 0, volumesErr);
        var volumes = Lines(volumesText);

        // What the compose file relies on in docker.conf, read by the loader akc node uses: the seeds are compose services on the
        // profile's port, the data directory is where each node's volume is mounted, and the management endpoint is the health check's.
        var settings = NodeSettingsLoader.Load(DockerConf, _ => null, overrides: null);
        var port = settings.Akka.GetInt("akka.remote.dot-netty.tcp.port");
        var seeds = settings.Akka.GetStringList("akka.cluster.seed-nodes").Select(Address.Parse).ToList();
        Assert.Equal(["seed1", "seed2"], seeds.Select(a => a.Host));
        Assert.All(seeds, a => Assert.Equal((settings.SystemName, "akka.tcp", port), (a.System, a.Protocol, a.Port)));
        Assert.Equal("/var/lib/akc", settings.Storage.DataDirectory);
        Assert.Equal(("127.0.0.1", 9110), (settings.Management.Hostname, settings.Management.Port));
        // docker.conf includes lan.conf (the 5-second failure detection).
        Assert.Equal(TimeSpan.FromSeconds(1), settings.Akka.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));

        var blocks = ServiceBlocks(rendered);
        foreach (var name in NodeServices)
        {
            Assert.True(blocks.TryGetValue(name, out var block), $"no service {name} in the rendered compose file:\n{rendered}");
            var volume = $"akc-{name}-data";
            Assert.Contains(volume, volumes);
            Assert.Contains($"{volume}:{settings.Storage.DataDirectory}", block);
            Assert.Matches($@"(?m)^\s+hostname: {name}$", block);
            Assert.Matches($@"command:\s*-\s*--hostname\s*-\s*{name}\s", block);
            Assert.Contains($"http://{settings.Management.Hostname}:{settings.Management.Port}/", block);
        }
    }

    [Fact]
    public async Task The_compose_topology_runs_as_four_processes_on_docker_conf_and_all_four_are_up()
    {
        using var h = new CliHarness();

        // Each process overrides only what a container gets from its network or its volume: its host (the containers' --hostname), its
        // ports (every container has its own address, so all use 2552 and 9110 there), the seeds' addresses (seed1:2552 and seed2:2552
        // are those hosts and ports) and its data directory (the container's volume). Everything else is hocon/docker.conf.
        var ports = LoopbackPorts.Take(NodeServices.Length);
        var seeds = ports[..2].Select(p => $"akka.tcp://akc@127.0.0.1:{p}").ToList();
        var nodes = new List<AkcNodeProcess>();
        try
        {
            for (var i = 0; i < NodeServices.Length; i++)
            {
                var dataDir = Path.Combine(h.Root, NodeServices[i] + "-data");
                nodes.Add(await AkcNodeProcess.StartAsync(
                    "127.0.0.1", ports[i], seeds, h.Root, netns: null, managementPort: 0,
                    extraArgs: ["--set", "storage.data-dir=" + dataDir], configFile: DockerConf));
            }

            await NodeCluster.AwaitMembersAsync(nodes, nodes);
            Assert.Equal(ports.Select(p => $"akka.tcp://akc@127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"), nodes.Select(n => n.Address.ToString()));

            // The compose health check's command answers for every node.
            foreach (var n in nodes)
            {
                var (code, table, err) = await h.RunAsync("cluster", "show", "--endpoint", n.Management.ToString());
                Assert.True(code == 0, err);
                Assert.Contains("4 members (4 up, 0 unreachable)", table);
            }
        }
        finally
        {
            foreach (var n in nodes)
            {
                await n.DisposeAsync();
            }
        }
    }

    /// <summary>Runs <c>docker-compose -f docker-compose.yml ARGS</c>; fails the test when docker-compose is not installed.</summary>
    private static async Task<(int Code, string Out, string Err)> ComposeAsync(params string[] args)
    {
        var compose = FindOnPath("docker-compose");
        Assert.True(compose is not null,
            "docker-compose is not on PATH: the compose file cannot be validated. .ci/packages installs Debian's docker-compose " +
            "(as root: apt-get install --no-install-recommends docker-compose).");
        var psi = new ProcessStartInfo(compose!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = CliHarness.RepoRoot,
        };
        foreach (var a in (string[])["-f", ComposeFile, .. args])
        {
            psi.ArgumentList.Add(a);
        }

        // The file's defaults are checked, whatever the machine's environment sets.
        foreach (var name in new[] { "AKC_DB", "AKC_POSTGRES_PASSWORD", "COMPOSE_PROFILES", "COMPOSE_FILE", "COMPOSE_PROJECT_NAME" })
        {
            psi.Environment.Remove(name);
        }

        using var p = Process.Start(psi)!;
        try
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync().WaitAsync(ComposeDeadline);
            return (p.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
            }
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);

    private static List<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>The rendered YAML of each service under <c>services:</c> (two-space indented names, as docker-compose prints them).</summary>
    private static Dictionary<string, string> ServiceBlocks(string rendered)
    {
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        var inServices = false;
        string? current = null;
        var text = new List<string>();
        foreach (var line in rendered.Split('\n'))
        {
            if (Regex.IsMatch(line, @"^\S"))
            {
                Flush();
                inServices = line.TrimEnd() == "services:";
                continue;
            }

            if (!inServices)
            {
                continue;
            }

            var name = Regex.Match(line, @"^  ([^\s:]+):\s*$");
            if (name.Success)
            {
                Flush();
                current = name.Groups[1].Value;
                continue;
            }

            text.Add(line);
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (current is not null)
            {
                blocks[current] = string.Join("\n", text) + "\n";
            }

            current = null;
            text.Clear();
        }
    }
}
