namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>What <c>akc cluster</c> and <c>akc node</c> say, and which exit code they give, when something is wrong.</summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class ClusterCommandErrorTests
{
    [Fact]
    public async Task A_node_that_does_not_answer_is_exit_1_with_what_to_do()
    {
        using var h = new CliHarness();
        var port = LoopbackPorts.Take(1)[0];

        var (code, _, err) = await h.RunAsync("cluster", "show", "--endpoint", $"http://127.0.0.1:{port}");

        Assert.Equal(1, code);
        Assert.Contains($"no node answers at http://127.0.0.1:{port}/", err);
        Assert.Contains("Is `akc node` running?", err);
        Assert.Contains("--endpoint", err);
    }

    [Fact]
    public async Task A_malformed_endpoint_is_exit_2()
    {
        using var h = new CliHarness();
        var (code, _, err) = await h.RunAsync("cluster", "show", "--endpoint", "ftp://x");
        Assert.Equal(2, code);
        Assert.Contains("is not an endpoint", err);
    }

    [Fact]
    public async Task Unknown_and_malformed_addresses_and_a_second_join_are_refused_with_exit_2()
    {
        using var h = new CliHarness();
        await using var cluster = await NodeCluster.StartAsync(1, h.Root);
        var node = cluster.Nodes[0];
        await NodeCluster.AwaitMembersAsync([node], [node]);
        var endpoint = node.Management.ToString();

        var (downCode, _, downErr) = await h.RunAsync("cluster", "down", "akka.tcp://akc@127.0.0.1:1", "--endpoint", endpoint, "--token-file", h.TokenFile);
        Assert.Equal(2, downCode);
        Assert.Contains("unknown address 'akka.tcp://akc@127.0.0.1:1': it is not a member of this cluster. Members: " + node.Address, downErr);

        var (leaveCode, _, leaveErr) = await h.RunAsync("cluster", "leave", "no-address", "--endpoint", endpoint, "--token-file", h.TokenFile);
        Assert.Equal(2, leaveCode);
        Assert.Contains("'no-address' is not an address", leaveErr);

        var (joinCode, _, joinErr) = await h.RunAsync("cluster", "join", "akka.tcp://akc@127.0.0.1:1", "--endpoint", endpoint, "--token-file", h.TokenFile);
        Assert.Equal(2, joinCode);
        Assert.Contains("is already a member (Up)", joinErr);

        var (shortCode, shortOut, shortErr) = await h.RunAsync("cluster", "down", $"127.0.0.1:{node.Port}", "--endpoint", endpoint, "--token-file", h.TokenFile);
        Assert.True(shortCode == 0, shortErr);
        Assert.Contains($"{node.Address} (Up) marked Down", shortOut);
    }

    [Fact]
    public async Task A_node_with_an_invalid_setting_does_not_start_and_names_file_line_key_and_constraint()
    {
        using var h = new CliHarness();
        var config = h.Write("node.conf", "akka {\n  cluster.failure-detector.threshold = 0\n}\n");

        var (code, _, err) = await h.RunAsync("node", "--config", config);

        Assert.Equal(2, code);
        Assert.Contains($"{config}:2:", err);
        Assert.Contains("akka.cluster.failure-detector.threshold = 0: must be a number between 0.1 and 1000", err);
    }

    [Fact]
    public async Task A_node_whose_port_is_taken_does_not_start_and_names_the_setting()
    {
        using var h = new CliHarness();
        using var taken = LoopbackPorts.Occupy(out var port);

        var (code, _, err) = await h.RunAsync("node", "--port", $"{port}", "--set", "management.port=0", "--log-level", "none");

        Assert.Equal(2, code);
        Assert.Contains($"akka.remote.dot-netty.tcp.port = 127.0.0.1:{port}: cannot listen", err);
    }

    [Fact]
    public async Task A_second_node_on_the_remoting_port_of_a_running_node_does_not_start()
    {
        using var h = new CliHarness();
        await using var cluster = await NodeCluster.StartAsync(1, h.Root);
        var node = cluster.Nodes[0];

        var (code, _, err) = await h.RunAsync("node", "--port", $"{node.Port}", "--set", "management.port=0", "--log-level", "none");

        Assert.Equal(2, code);
        Assert.Contains($"akka.remote.dot-netty.tcp.port = 127.0.0.1:{node.Port}: cannot listen", err);
    }

    [Fact]
    public async Task A_node_whose_management_port_is_taken_does_not_start_and_names_the_setting()
    {
        using var h = new CliHarness();
        using var taken = LoopbackPorts.Occupy(out var port);

        var (code, _, err) = await h.RunAsync("node", "--port", "0", "--set", $"management.port={port}", "--log-level", "none");

        Assert.Equal(2, code);
        Assert.Contains($"akc.management.port = 127.0.0.1:{port}: cannot listen", err);
    }

    [Fact]
    public async Task A_node_whose_management_port_is_taken_prints_only_the_clean_error_and_no_stack_trace()
    {
        using var h = new CliHarness();
        using var taken = LoopbackPorts.Occupy(out var port);

        var (code, _, err) = await h.RunProcessAsync(
            TimeSpan.FromSeconds(60), "node", "--port", "0", "--set", $"management.port={port}", "--log-level", "information");

        Assert.Equal(2, code);
        Assert.Contains($"akc node: akc.management.port = 127.0.0.1:{port}: cannot listen", err);
        Assert.DoesNotContain("Hosting failed to start", err);
        Assert.DoesNotContain("System.IO.IOException", err);
        Assert.DoesNotContain("   at ", err);
    }
}
