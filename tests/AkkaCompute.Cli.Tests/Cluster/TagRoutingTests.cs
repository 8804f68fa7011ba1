using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AkkaCompute.Cli.Tests.Api;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// Tags that route (<c>akc.scheduler.tag-roles</c>) on two <c>akc node</c> processes, one of them with the role <c>gpu</c>: tasks
/// tagged <c>gpu</c> and submitted to the other run only on the gpu member; a tag mapped to a role no member has fails the task,
/// naming the role.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class TagRoutingTests : IDisposable
{
    private readonly CliHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_tag_mapped_to_a_role_runs_only_on_a_member_with_it_and_fails_naming_a_role_nobody_has()
    {
        var ports = LoopbackPorts.Take(2);
        string[] seeds = [$"akka.tcp://akc@127.0.0.1:{ports[0]}"];
        string[] routing = ["--set", """scheduler.tag-roles=["gpu=gpu", "tpu=tpu"]"""];
        await using var plain = await AkcNodeProcess.StartAsync("127.0.0.1", ports[0], seeds, _harness.Root, netns: null, managementPort: 0, extraArgs: routing);
        await using var gpu = await AkcNodeProcess.StartAsync("127.0.0.1", ports[1], seeds, _harness.Root, netns: null, managementPort: 0, extraArgs: [.. routing, "--roles", "gpu"]);
        using var http = plain.ApiClient();
        await ApiNodeFixture.AwaitAsync(async () => (await http.GetFromJsonAsync<JsonElement>("api/v1/nodes")).GetProperty("members").EnumerateArray()
            .Count(m => m.GetProperty("status").GetString() == "Up") == 2, "both members are Up");

        var tasks = Enumerable.Range(0, 12).Select(i => $$"""{ id = "route-gpu-{{i}}", function = "whoami", tags = ["gpu"], cache = false }""")
            .Append("""{ id = "route-tpu", function = "whoami", tags = ["tpu"], cache = false }""");
        using var response = await http.PostAsync("api/v1/jobs", new StringContent($"job {{ name = \"route\" }}\ntasks = [\n{string.Join("\n", tasks)}\n]", Encoding.UTF8, "application/hocon"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var done = await new ApiNodeFixtureClient(http).AwaitJobDoneAsync("route");
        Assert.Equal(12, done.GetProperty("counts").GetProperty("Succeeded").GetInt32());

        for (var i = 0; i < 12; i++)
        {
            var result = await http.GetFromJsonAsync<JsonElement>($"api/v1/tasks/route-gpu-{i}/result");
            Assert.Equal(gpu.Pid, result.GetProperty("output").GetProperty("pid").GetInt32());
        }

        var tpu = await http.GetFromJsonAsync<JsonElement>("api/v1/tasks/route-tpu/result");
        Assert.Equal("Failed", tpu.GetProperty("state").GetString());
        Assert.Contains("no member of the cluster has the roles the task requires (tpu)", tpu.GetProperty("error").GetString());
    }

    /// <summary>The job wait of <see cref="ApiNodeFixture"/> over any client.</summary>
    private sealed class ApiNodeFixtureClient(HttpClient http)
    {
        public async Task<JsonElement> AwaitJobDoneAsync(string jobId)
        {
            JsonElement job = default;
            await ApiNodeFixture.AwaitAsync(async () =>
            {
                job = await http.GetFromJsonAsync<JsonElement>($"api/v1/jobs/{Uri.EscapeDataString(jobId)}");
                return job.GetProperty("done").GetBoolean();
            }, $"job {jobId} is done");
            return job;
        }
    }
}
