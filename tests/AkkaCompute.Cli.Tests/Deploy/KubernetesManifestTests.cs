using System.Text.Json;
using System.Text.RegularExpressions;
using AkkaCompute.Cli.Tests.Cluster;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Cli.Tests.Deploy;

/// <summary>
/// deploy/k8s, checked without a Kubernetes cluster (none runs here; kubectl's dry run needs an API server): every manifest is read
/// with YamlDotNet and checked for its kind's required fields and against hocon/k8s.conf, the profile the pods start from (ports,
/// data directory, management endpoint), and the StatefulSet's own command line runs as two <c>akc node</c> processes on loopback
/// (its DNS names replaced by 127.0.0.1) that form a cluster.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class KubernetesManifestTests
{
    private static readonly string K8sConf = Path.Combine(CliHarness.RepoRoot, "hocon", "k8s.conf");

    private static readonly List<(string File, JsonElement Doc)> Docs = KubernetesManifests.Load();

    private static NodeSettings Profile => NodeSettingsLoader.Load(K8sConf, _ => null, overrides: null);

    private static JsonElement Container => Docs.Single("StatefulSet").GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0];

    private static List<string> Command => [.. Container.GetProperty("command").EnumerateArray().Select(a => a.GetString()!)];

    [Fact]
    public void Every_manifest_has_api_version_kind_and_name_and_the_kustomization_lists_every_file()
    {
        var expected = new Dictionary<string, string>
        {
            ["Service"] = "v1", ["StatefulSet"] = "apps/v1", ["PodDisruptionBudget"] = "policy/v1", ["NetworkPolicy"] = "networking.k8s.io/v1",
            ["Kustomization"] = "kustomize.config.k8s.io/v1beta1",
        };
        Assert.Equal(expected.Keys.Order(), Docs.Select(d => d.Doc.GetProperty("kind").GetString()!).Order());
        foreach (var (file, doc) in Docs)
        {
            var kind = doc.GetProperty("kind").GetString()!;
            Assert.True(expected[kind] == doc.GetProperty("apiVersion").GetString(), $"{file}: {kind} has apiVersion {doc.GetProperty("apiVersion")}");
            if (kind != "Kustomization")
            {
                Assert.Equal("akc", doc.GetProperty("metadata").GetProperty("name").GetString());
            }
        }

        var listed = Docs.Single("Kustomization").GetProperty("resources").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(Docs.Where(d => d.Doc.GetProperty("kind").GetString() != "Kustomization").Select(d => d.File).Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public void The_headless_service_publishes_every_pod_on_the_remoting_port_of_k8s_conf()
    {
        var service = Docs.Single("Service").GetProperty("spec");
        Assert.Equal("None", service.Text("clusterIP"));
        Assert.Equal("true", service.Text("publishNotReadyAddresses"));
        var port = Assert.Single(service.GetProperty("ports").EnumerateArray());
        Assert.Equal(Profile.Akka.GetInt("akka.remote.dot-netty.tcp.port").ToString(System.Globalization.CultureInfo.InvariantCulture), port.Text("port"));
        Assert.Equal("remoting", port.Text("targetPort"));
        AssertSelectsMembers(service.GetProperty("selector"));
    }

    [Fact]
    public void The_statefulset_matches_k8s_conf_ports_probes_resources_and_data_directory()
    {
        var profile = Profile;
        var set = Docs.Single("StatefulSet").GetProperty("spec");
        Assert.Equal(Docs.Single("Service").GetProperty("metadata").GetProperty("name").GetString(), set.Text("serviceName"));
        Assert.True(int.Parse(set.Text("replicas"), System.Globalization.CultureInfo.InvariantCulture) >= 3, "fewer than 3 members: losing one loses the majority");
        AssertSelectsMembers(set.GetProperty("selector").GetProperty("matchLabels"));
        Assert.True(int.Parse(set.GetProperty("template").GetProperty("spec").Text("terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture) >= 30);

        // Ports: remoting is akka.remote.dot-netty.tcp.port, management is akc.management.port on every interface (for the probes).
        var ports = Container.GetProperty("ports").EnumerateArray().ToDictionary(p => p.Text("name"), p => int.Parse(p.Text("containerPort"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(profile.Akka.GetInt("akka.remote.dot-netty.tcp.port"), ports["remoting"]);
        Assert.Equal(9110, profile.Management.Port);
        Assert.Equal(profile.Management.Port, ports["management"]);
        Assert.Equal("0.0.0.0", profile.Management.Hostname);
        Assert.True(profile.Management.Enabled);

        // Probes: the health endpoints on the management port.
        foreach (var (probe, path) in new[] { ("readinessProbe", "/healthz/ready"), ("livenessProbe", "/healthz/live"), ("startupProbe", "/healthz/live") })
        {
            var get = Container.GetProperty(probe).GetProperty("httpGet");
            Assert.Equal(path, get.Text("path"));
            Assert.Equal(profile.Management.Port, ports[get.Text("port")]);
        }

        // Resources: requests and limits for CPU and memory.
        foreach (var bound in new[] { "requests", "limits" })
        {
            var r = Container.GetProperty("resources").GetProperty(bound);
            Assert.False(string.IsNullOrEmpty(r.Text("cpu")), bound);
            Assert.Matches(@"^\d+(Mi|Gi)$", r.Text("memory"));
        }

        // The data directory is the volume claim's mount.
        var claim = Assert.Single(set.GetProperty("volumeClaimTemplates").EnumerateArray()).GetProperty("metadata").Text("name");
        var mount = Container.GetProperty("volumeMounts").EnumerateArray().Single(m => m.Text("name") == claim);
        Assert.Equal(profile.Storage.DataDirectory, mount.Text("mountPath"));

        // Non-root (the image's user app), no privilege escalation.
        Assert.Equal("true", set.GetProperty("template").GetProperty("spec").GetProperty("securityContext").Text("runAsNonRoot"));
        Assert.Equal("false", Container.GetProperty("securityContext").Text("allowPrivilegeEscalation"));
    }

    [Fact]
    public void The_pods_address_is_their_dns_name_under_the_headless_service_and_the_seeds_are_the_first_two_pods()
    {
        var name = Docs.Single("StatefulSet").GetProperty("metadata").Text("name");
        var service = Docs.Single("Service").GetProperty("metadata").Text("name");
        var command = Command;
        Assert.Equal(["dotnet", "/app/akc.dll", "node", "--config", "/etc/akc/k8s.conf"], command.Take(5));
        Assert.True(File.Exists(K8sConf), "the image copies hocon/ to /etc/akc (Dockerfile), so hocon/k8s.conf must exist");
        Assert.Contains("COPY hocon/ /etc/akc/", File.ReadAllText(Path.Combine(CliHarness.RepoRoot, "Dockerfile")));

        var dns = $"{service}.$(POD_NAMESPACE).svc.cluster.local";
        Assert.Contains($"akka.remote.dot-netty.tcp.public-hostname=$(POD_NAME).{dns}", command);
        var port = Profile.Akka.GetInt("akka.remote.dot-netty.tcp.port");
        var seeds = command.Select((a, i) => (a, i)).Where(x => x.a == "--seed").Select(x => command[x.i + 1]).ToList();
        Assert.Equal([$"akka.tcp://{Profile.SystemName}@{name}-0.{dns}:{port}", $"akka.tcp://{Profile.SystemName}@{name}-1.{dns}:{port}"], seeds);
        Assert.Equal("0.0.0.0", Profile.Akka.GetString("akka.remote.dot-netty.tcp.hostname"));

        var env = Container.GetProperty("env").EnumerateArray().ToDictionary(e => e.Text("name"), e => e);
        Assert.Equal("metadata.name", env["POD_NAME"].GetProperty("valueFrom").GetProperty("fieldRef").Text("fieldPath"));
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"].GetProperty("valueFrom").GetProperty("fieldRef").Text("fieldPath"));
        Assert.All(Regex.Matches(string.Join(' ', command), @"\$\((\w+)\)").Select(m => m.Groups[1].Value), v => Assert.True(env.ContainsKey(v), $"$({v}) is not in the container's env"));
    }

    [Fact]
    public void The_disruption_budget_and_network_policy_select_the_members()
    {
        var pdb = Docs.Single("PodDisruptionBudget").GetProperty("spec");
        Assert.Equal("1", pdb.Text("maxUnavailable"));
        AssertSelectsMembers(pdb.GetProperty("selector").GetProperty("matchLabels"));

        var policy = Docs.Single("NetworkPolicy").GetProperty("spec");
        AssertSelectsMembers(policy.GetProperty("podSelector").GetProperty("matchLabels"));
        var allowed = policy.GetProperty("ingress").EnumerateArray().SelectMany(r => r.GetProperty("ports").EnumerateArray().Select(p => p.Text("port"))).ToHashSet();
        Assert.Equal(["2552", "9110"], allowed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_statefulsets_command_runs_as_two_processes_that_form_a_cluster()
    {
        using var h = new CliHarness();
        var ports = LoopbackPorts.Take(2);
        var dns = ".akc.$(POD_NAMESPACE).svc.cluster.local";
        var nodes = new List<AkcNodeProcess>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                // The pod's arguments after --config, with its DNS names on loopback: every pod listens on 0.0.0.0 (k8s.conf) and is
                // reached at its public-hostname; here they share an IP, so each gets its own port.
                var args = Command.Skip(5).Select(a => a
                    .Replace("$(POD_NAME)" + dns, "127.0.0.1", StringComparison.Ordinal)
                    .Replace($"akc-0{dns}:2552", $"127.0.0.1:{ports[0]}", StringComparison.Ordinal)
                    .Replace($"akc-1{dns}:2552", $"127.0.0.1:{ports[1]}", StringComparison.Ordinal)).ToList();
                Assert.DoesNotContain(args, a => a.Contains("$(", StringComparison.Ordinal));
                nodes.Add(await AkcNodeProcess.StartAsync("0.0.0.0", ports[i], [], h.Root, netns: null, managementPort: 0, extraArgs: args, configFile: K8sConf));
            }

            Assert.All(nodes, n => Assert.Equal("127.0.0.1", n.Address.Host)); // the public hostname, not 0.0.0.0

            // The management endpoint listens on every interface (the kubelet probes the pod's IP): ask it on 127.0.0.1.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var last = string.Empty;
            while (true)
            {
                var up = 0;
                foreach (var n in nodes)
                {
                    using var client = new AkkaCompute.Cli.Management.ManagementClient(new Uri($"http://127.0.0.1:{n.Management.Port}/"));
                    try
                    {
                        var status = (await client.GetStatusAsync(CancellationToken.None)).Status;
                        last = string.Join(", ", status.Members.Select(m => $"{m.Address}={m.Status}"));
                        up += nodes.All(o => status.Members.Any(m => m.Address == o.Address.ToString() && m.Status == "Up")) ? 1 : 0;
                    }
                    catch (AkkaCompute.Cli.Management.ManagementException e)
                    {
                        last = e.Message;
                    }
                }

                if (up == nodes.Count)
                {
                    break;
                }

                Assert.True(clock.Elapsed < NodeCluster.Deadline, $"not both Up within {NodeCluster.Deadline}: {last}\n{string.Join("\n", nodes.Select(n => n.Describe()))}");
                await Task.Delay(100);
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

    private static Dictionary<string, string> TemplateLabels() =>
        Docs.Single("StatefulSet").GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels").Map();

    /// <summary>A label selector that is not empty and whose every label the StatefulSet's pods carry.</summary>
    private static void AssertSelectsMembers(JsonElement matchLabels)
    {
        var selector = matchLabels.Map();
        var labels = TemplateLabels();
        Assert.NotEmpty(selector);
        Assert.All(selector, kv => Assert.True(labels.TryGetValue(kv.Key, out var v) && v == kv.Value, $"the pods have no label {kv.Key}={kv.Value}"));
    }
}
