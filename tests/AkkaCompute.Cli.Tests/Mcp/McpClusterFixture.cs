using System.Collections.Concurrent;
using AkkaCompute.Cli.Tests.Cluster;
using ModelContextProtocol.Client;

namespace AkkaCompute.Cli.Tests.Mcp;

/// <summary>
/// Two <c>akc node</c> processes on loopback (the second with the role <c>gpu</c>) and one <c>akc mcp</c> process connected to the
/// first through <c>--contact</c>, reached by the SDK's <see cref="McpClient"/> over stdio. Shared by the tests of a class.
/// </summary>
public sealed class McpClusterFixture : IAsyncLifetime
{
    private readonly CliHarness _harness = new();
    private readonly List<AkcNodeProcess> _nodes = [];

    /// <summary>The server's stderr lines (its logs), for failure messages.</summary>
    public ConcurrentQueue<string> ServerStderr { get; } = new();

    internal IReadOnlyList<AkcNodeProcess> Nodes => _nodes;

    public McpClient Client { get; private set; } = null!;

    public string Root => _harness.Root;

    public static string AkcDll => Path.Combine(AppContext.BaseDirectory, "akc.dll");

    public async Task InitializeAsync()
    {
        var ports = LoopbackPorts.Take(2);
        var seeds = ports.Select(p => $"akka.tcp://akc@127.0.0.1:{p}").ToList();
        _nodes.Add(await AkcNodeProcess.StartAsync("127.0.0.1", ports[0], seeds, _harness.Root, netns: null, managementPort: 0));
        _nodes.Add(await AkcNodeProcess.StartAsync("127.0.0.1", ports[1], seeds, _harness.Root, netns: null, managementPort: 0, extraArgs: ["--roles", "gpu"]));
        await NodeCluster.AwaitMembersAsync(_nodes, _nodes);
        Client = await McpClient.CreateAsync(Stdio(_nodes[0].Address.ToString()));
    }

    /// <summary>The stdio transport that starts <c>akc mcp --contact CONTACT</c>.</summary>
    public StdioClientTransport Stdio(string contact, params string[] extraArgs) => new(new StdioClientTransportOptions
    {
        Name = "akc",
        Command = "dotnet",
        Arguments = ["exec", AkcDll, "mcp", "--contact", contact, .. extraArgs],
        WorkingDirectory = _harness.Root,
        StandardErrorLines = line =>
        {
            if (ServerStderr.Count < 2000)
            {
                ServerStderr.Enqueue(line);
            }
        },
    });

    public async Task DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        foreach (var n in _nodes)
        {
            await n.DisposeAsync();
        }

        _harness.Dispose();
    }
}
