using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AkkaCompute.Cli.Tests.Cluster;

namespace AkkaCompute.Cli.Tests.Api;

/// <summary>
/// Issue 14, "bad input and load": 500 idle connections held open, 10,000 malformed or hostile requests (bad JSON, bodies over
/// the limit, path tricks, unknown routes, writes without the token) on the REST, control and dashboard endpoints, and
/// meanwhile honest requests are still served, the node keeps running, and its resident memory stays bounded; clients that
/// send their headers or bodies too slowly are cut off.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class HostileLoadTests(ApiNodeFixture fixture) : IClassFixture<ApiNodeFixture>
{
    /// <summary>The most the node's resident set may grow over the whole attack: 256 MiB.</summary>
    private const long MaxGrowthBytes = 256L * 1024 * 1024;

    private static readonly (HttpMethod Method, string Path, string? Body, string? Type, bool Token)[] Hostile =
    [
        (HttpMethod.Post, "api/v1/jobs", "{\"tasks\": [", "application/json", true),
        (HttpMethod.Post, "api/v1/jobs", "[{\"id\": \"x\", \"function\": 7}]", "application/json", true),
        (HttpMethod.Post, "api/v1/jobs", new string('[', 5_000), "application/json", true),
        (HttpMethod.Post, "api/v1/jobs", new string('x', ApiNodeFixture.MaxRequestBytes + 1), "application/json", true),
        (HttpMethod.Post, "api/v1/jobs", "tasks = [ { id = \"a\" function = ", "text/plain", true),
        (HttpMethod.Post, "api/v1/jobs", "[]", "application/json", false),
        (HttpMethod.Delete, "api/v1/tasks/../../etc/passwd", null, null, true),
        (HttpMethod.Get, "api/v1/tasks/%2e%2e%2f%2e%2e%2fetc%2fpasswd", null, null, false),
        (HttpMethod.Get, "api/v1/tasks?limit=-5&state=Nope&since=yesterday", null, null, false),
        (HttpMethod.Get, "../../../../etc/passwd", null, null, false),
        (HttpMethod.Post, "cluster/down", "{\"address\": \"akka.tcp://akc@10.0.0.1:1\"}", "application/json", false),
        (HttpMethod.Post, "cluster/join", new string('{', 5_000), "application/json", true),
        (HttpMethod.Get, "no/such/route", null, null, false),
    ];

    [Fact]
    public async Task Ten_thousand_hostile_requests_and_500_idle_connections_leave_honest_requests_served()
    {
        var endpoint = fixture.Node.Management;
        var pid = fixture.Node.Pid;
        using (var warm = await fixture.Http.GetAsync("api/v1/nodes"))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var before = ResidentBytes(pid);
        var idle = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 500; i++)
            {
                var socket = new TcpClient();
                await socket.ConnectAsync(endpoint.Host, endpoint.Port);
                await socket.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /api/v1/nodes HTTP/1.1\r\nHost: x\r\n")); // never finished
                idle.Add(socket);
            }

            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 16 };
            using var http = new HttpClient(handler) { BaseAddress = endpoint, Timeout = ApiNodeFixture.Deadline };
            var served = 0;
            for (var round = 0; round < 10_000 / 200; round++)
            {
                var codes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => SendAsync(http, Hostile[(round * 200 + i) % Hostile.Length])));
                Assert.All(codes, c => Assert.InRange((int)c, 400, 499));

                // An honest request between every 200 hostile ones is served.
                using var honest = await fixture.Http.GetAsync("api/v1/stats");
                Assert.Equal(HttpStatusCode.OK, honest.StatusCode);
                served++;
            }

            Assert.Equal(50, served);
            Assert.False(fixture.Node.HasExited, "the node stopped");
            var growth = ResidentBytes(pid) - before;
            Assert.True(growth < MaxGrowthBytes, $"the node's resident memory grew by {growth / (1024 * 1024)} MiB under the attack");
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Clients_that_send_headers_or_bodies_too_slowly_are_cut_off_while_honest_requests_are_served()
    {
        var endpoint = fixture.Node.Management;

        // Headers never finished: closed after akc.management.request-headers-timeout (3 s for this node).
        using var slowHeaders = new TcpClient();
        await slowHeaders.ConnectAsync(endpoint.Host, endpoint.Port);
        await slowHeaders.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /api/v1/nodes HTTP/1.1\r\nHost: x\r\n"));

        // A body that stops after a few bytes: Kestrel's minimum data rate (240 B/s after a 5 s grace) ends it.
        using var slowBody = new TcpClient();
        await slowBody.ConnectAsync(endpoint.Host, endpoint.Port);
        await slowBody.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {AkcNodeProcess.TestToken}\r\nContent-Type: application/json\r\nContent-Length: 50000\r\n\r\n{{\"tasks\": ["));

        var headersCut = ReadUntilClosedAsync(slowHeaders);
        var bodyCut = ReadUntilClosedAsync(slowBody);
        using (var honest = await fixture.Http.GetAsync("api/v1/stats"))
        {
            Assert.Equal(HttpStatusCode.OK, honest.StatusCode);
        }

        var headersAnswer = await headersCut.WaitAsync(ApiNodeFixture.Deadline);
        Assert.True(headersAnswer.Length == 0 || headersAnswer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), "slow headers got: " + headersAnswer);
        var bodyAnswer = await bodyCut.WaitAsync(ApiNodeFixture.Deadline);
        Assert.True(bodyAnswer.Length == 0 || bodyAnswer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), "a stalled body got: " + bodyAnswer);
        using (var after = await fixture.Http.GetAsync("api/v1/stats"))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        Assert.False(fixture.Node.HasExited, "the node stopped");
    }

    /// <summary>Reads what the server sends until it closes the connection (or resets it); returns the text received.</summary>
    private static async Task<string> ReadUntilClosedAsync(TcpClient client)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await client.GetStream().ReadAsync(buffer)) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
        }
        catch (IOException)
        {
            // reset by the server: closed as well
        }

        return received.ToString();
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, (HttpMethod Method, string Path, string? Body, string? Type, bool Token) r)
    {
        using var request = new HttpRequestMessage(r.Method, r.Path);
        if (r.Body is not null)
        {
            request.Content = new StringContent(r.Body, Encoding.UTF8, r.Type ?? "application/json");

            // A server may close a connection whose body it did not read (413, 401): a fresh connection each, so that a reused
            // one closing under the next request does not count as the node failing.
            request.Headers.ConnectionClose = true;
        }

        if (r.Token)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AkcNodeProcess.TestToken);
        }

        try
        {
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException) when (r.Body is { Length: > 4096 })
        {
            return HttpStatusCode.RequestEntityTooLarge; // Kestrel may reset a connection still sending a body over the limit after its 413
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"{r.Method} {r.Path} ({r.Body?.Length ?? 0} body bytes) got no answer: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    /// <summary>The process's resident set size in bytes (VmRSS in /proc/PID/status).</summary>
    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
