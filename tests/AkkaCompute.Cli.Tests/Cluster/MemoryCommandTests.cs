using System.Text.Json;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary><c>akc memory get|set|delete|list --contact</c> against two real <c>akc node</c> processes on loopback.</summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class MemoryCommandTests
{
    [Fact]
    public async Task Values_written_through_one_member_are_read_through_the_other_and_bad_input_is_refused()
    {
        using var h = new CliHarness();
        await using var cluster = await NodeCluster.StartAsync(2, h.Root);
        await NodeCluster.AwaitMembersAsync(cluster.Nodes, cluster.Nodes);
        var a = cluster.Nodes[0].Address.ToString();
        var b = cluster.Nodes[1].Address.ToString();

        var (setCode, set, setErr) = await h.RunAsync("memory", "set", "greeting", "hello world", "--contact", a, "--consistency", "all", "--client", "alice");
        Assert.True(setCode == 0, setErr);
        Assert.Equal("greeting: set", set.Trim());
        var (jsonCode, _, jsonErr) = await h.RunAsync("memory", "set", "config/batch", "{\"size\": 64}", "--as", "json", "--contact", a, "--consistency", "majority");
        Assert.True(jsonCode == 0, jsonErr);

        // ClusterClient may reach either member through either contact; with consistency all the value is everywhere.
        var (getCode, got, getErr) = await h.RunAsync("memory", "get", "greeting", "--contact", b, "--consistency", "majority");
        Assert.True(getCode == 0, getErr);
        Assert.Equal("hello world", got.Trim());
        var (getJsonCode, gotJson, _) = await h.RunAsync("memory", "get", "config/batch", "--contact", b, "--consistency", "majority", "--json");
        Assert.Equal(0, getJsonCode);
        using (var doc = JsonDocument.Parse(gotJson))
        {
            Assert.True(doc.RootElement.GetProperty("found").GetBoolean());
            Assert.Equal(64, doc.RootElement.GetProperty("value").GetProperty("size").GetInt32());
            Assert.Equal("anonymous", doc.RootElement.GetProperty("client").GetString());
        }

        // Listing reads the contact's replica: await gossip.
        var deadline = DateTime.UtcNow + NodeCluster.Deadline;
        while (true)
        {
            var (listCode, list, listErr) = await h.RunAsync("memory", "list", "--contact", b, "--json");
            Assert.True(listCode == 0, listErr);
            using var doc = JsonDocument.Parse(list);
            if (doc.RootElement.GetProperty("total").GetInt32() == 2)
            {
                var keys = doc.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("key").GetString()).ToList();
                Assert.Equal(["config/batch", "greeting"], keys);
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the listing never held both keys: " + list);
            await Task.Delay(100);
        }

        var (deleteCode, deleted, _) = await h.RunAsync("memory", "delete", "greeting", "--contact", a, "--consistency", "all");
        Assert.Equal(0, deleteCode);
        Assert.Equal("greeting: deleted", deleted.Trim());
        var (missingCode, _, missingErr) = await h.RunAsync("memory", "get", "greeting", "--contact", b, "--consistency", "all");
        Assert.Equal(1, missingCode);
        Assert.Contains("greeting: not found", missingErr);

        var (badJsonCode, _, badJsonErr) = await h.RunAsync("memory", "set", "k", "{oops", "--as", "json", "--contact", a);
        Assert.Equal(2, badJsonCode);
        Assert.Contains("VALUE is not valid JSON", badJsonErr);
        var (badKeyCode, _, badKeyErr) = await h.RunAsync("memory", "get", new string('k', 300), "--contact", a);
        Assert.Equal(2, badKeyCode);
        Assert.Contains("at most 256 characters", badKeyErr);
        var (badLevelCode, _, badLevelErr) = await h.RunAsync("memory", "get", "k", "--consistency", "some", "--contact", a);
        Assert.Equal(2, badLevelCode);
        Assert.Contains("not local, majority or all", badLevelErr);
        var (tooBigCode, _, tooBigErr) = await h.RunAsync("memory", "set", "big", new string('x', 70_000), "--contact", a);
        Assert.Equal(1, tooBigCode);
        Assert.Contains("quota max-value-bytes exceeded", tooBigErr);
    }
}
