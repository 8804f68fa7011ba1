using System.Net.Http.Json;
using System.Text.Json;
using AkkaCompute.Cli.Tests.Cluster;

namespace AkkaCompute.Cli.Tests.Api;

/// <summary>
/// One <c>akc node</c> process (a one-member cluster on loopback) shared by the REST API tests, with the API's body limit lowered to
/// 64 KiB (<c>management.max-request-bytes</c>) so that the 413 test sends little, and an <see cref="HttpClient"/> on its management endpoint.
/// </summary>
public sealed class ApiNodeFixture : IAsyncLifetime
{
    /// <summary>The API body limit the node runs with.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly CliHarness _harness = new();
    private AkcNodeProcess? _node;

    internal AkcNodeProcess Node => _node ?? throw new InvalidOperationException("not started");

    public HttpClient Http { get; private set; } = null!;

    public string WorkDir => _harness.Root;

    public async Task InitializeAsync()
    {
        var port = LoopbackPorts.Take(1)[0];
        _node = await AkcNodeProcess.StartAsync("127.0.0.1", port, [$"akka.tcp://akc@127.0.0.1:{port}"], _harness.Root, netns: null, managementPort: 0,
            extraArgs: ["--set", $"management.max-request-bytes={MaxRequestBytes}", "--set", "management.request-headers-timeout=3s"]);
        Http = _node.ApiClient();
        await AwaitAsync(async () => (await Http.GetFromJsonAsync<JsonElement>("api/v1/nodes")).GetProperty("members").EnumerateArray().Any(m => m.GetProperty("status").GetString() == "Up"), "the node is an Up member");
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        _harness.Dispose();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling every 100 ms, failing after <see cref="Deadline"/> with <paramref name="what"/>.</summary>
    public static async Task AwaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
            {
                last = e;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"not within {Deadline.TotalSeconds} s: {what}{(last is null ? string.Empty : $" (last error: {last.Message})")}");
    }

    /// <summary>Waits until <c>GET /api/v1/jobs/{id}</c> says done; returns that document.</summary>
    public async Task<JsonElement> AwaitJobDoneAsync(string jobId)
    {
        JsonElement job = default;
        await AwaitAsync(async () =>
        {
            job = await Http.GetFromJsonAsync<JsonElement>($"api/v1/jobs/{Uri.EscapeDataString(jobId)}");
            return job.GetProperty("done").GetBoolean();
        }, $"job {jobId} is done");
        return job;
    }
}
