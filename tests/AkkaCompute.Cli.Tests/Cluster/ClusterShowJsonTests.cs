using System.Globalization;
using System.Text.Json;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>The JSON of <c>GET /cluster</c> and <c>akc cluster show --json</c>: 64-bit uids are strings, exact in any JSON reader.</summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class ClusterShowJsonTests
{
    /// <summary>Above 2^53: a JSON number would come back from a double reader as 2171334564226910500. (Akka's uids are 32-bit; the
    /// document keeps 64 bits so that its shape does not change.)</summary>
    private const long BigUid = 2171334564226910513;

    [Fact]
    public void Uids_are_written_as_strings_and_read_back_exactly()
    {
        const string Self = "akka.tcp://akc@127.0.0.1:2552";
        var status = new ClusterStatusDto(Self, BigUid, "Up", Self, true, [new MemberDto(Self, BigUid, "Up", true, [], 1, true, true)], [], [Self]);
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web); // what the endpoint and ManagementClient use

        var json = JsonSerializer.Serialize(status, web);

        Assert.Contains("\"selfUid\":\"2171334564226910513\"", json);
        Assert.Contains("\"uid\":\"2171334564226910513\"", json);
        var back = JsonSerializer.Deserialize<ClusterStatusDto>(json, web)!;
        Assert.Equal(BigUid, back.SelfUid);
        Assert.Equal(BigUid, Assert.Single(back.Members).Uid);
    }

    [Fact]
    public void A_reader_still_accepts_numeric_uids_of_older_nodes()
    {
        var json = """{"self":"akka.tcp://akc@127.0.0.1:1","selfUid":5,"selfStatus":"Up","leader":null,"convergence":true,"members":[{"address":"akka.tcp://akc@127.0.0.1:1","uid":5,"status":"Up","reachable":true,"roles":[],"upNumber":1,"isLeader":true,"isSelf":true}],"unreachable":[],"seenBy":[]}""";

        var status = JsonSerializer.Deserialize<ClusterStatusDto>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        Assert.Equal(5, status.SelfUid);
        Assert.Equal(5, Assert.Single(status.Members).Uid);
    }

    [Fact]
    public async Task Cluster_show_json_prints_the_uids_of_a_running_node_as_strings()
    {
        using var h = new CliHarness();
        await using var cluster = await NodeCluster.StartAsync(1, h.Root);
        var node = cluster.Nodes[0];
        await NodeCluster.AwaitMembersAsync([node], [node]);

        var (code, stdout, err) = await h.RunAsync("cluster", "show", "--json", "--endpoint", node.Management.ToString());

        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(stdout).RootElement;
        var uid = node.Uid.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(JsonValueKind.String, root.GetProperty("selfUid").ValueKind);
        Assert.Equal(uid, root.GetProperty("selfUid").GetString());
        Assert.Equal(uid, root.GetProperty("members")[0].GetProperty("uid").GetString());
    }
}
