using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AkkaCompute.Cli.Tests.Cluster;

namespace AkkaCompute.Cli.Tests.Api;

/// <summary>
/// The REST API of a real <c>akc node</c> process over HTTP: job files and JSON batches submitted, followed, their tasks and results
/// read, cancelled; bad jobs with line:column, 413 over the limit, 404 for unknown ids, 400 naming the field; the events stream.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class RestApiTests(ApiNodeFixture fixture) : IClassFixture<ApiNodeFixture>
{
    private HttpClient Http => fixture.Http;

    private static StringContent Text(string body, string mediaType = "application/hocon") => new(body, Encoding.UTF8, mediaType);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }

    [Fact]
    public async Task A_job_file_is_accepted_followed_and_its_tasks_and_results_read()
    {
        const string job = """
            job { name = "api-file" }
            tasks = [
              { id = "api-file-a", function = "echo", args { value = "hello" } }
              { id = "api-file-b", shell = "echo from-shell", priority = 5 }
              { id = "api-file-c", function = "echo", args { value = { "$ref" = "api-file-b.stdout" } }, depends-on = ["api-file-a"] }
            ]
            """;
        using var response = await Http.PostAsync("api/v1/jobs", Text(job));
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, accepted.ToString());
        Assert.Equal("/api/v1/jobs/api-file", response.Headers.Location?.OriginalString);
        Assert.Equal("api-file", accepted.GetProperty("jobId").GetString());
        Assert.Equal(["api-file-a", "api-file-b", "api-file-c"], accepted.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(3, accepted.GetProperty("accepted").GetInt32());

        var done = await fixture.AwaitJobDoneAsync("api-file");
        Assert.Equal(3, done.GetProperty("tasks").GetInt32());
        Assert.True(done.GetProperty("counts").TryGetProperty("Succeeded", out var succeeded) && succeeded.GetInt32() == 3, done.ToString());
        Assert.Equal(1.0, done.GetProperty("progress").GetDouble());

        var task = await Http.GetFromJsonAsync<JsonElement>("api/v1/tasks/api-file-b");
        Assert.Equal("Succeeded", task.GetProperty("state").GetString());
        Assert.Equal("api-file", task.GetProperty("job").GetString());
        Assert.Equal("echo from-shell", task.GetProperty("definition").GetProperty("command").GetString());
        Assert.Equal(5, task.GetProperty("definition").GetProperty("priority").GetInt32());
        Assert.Equal(fixture.Node.Address.ToString(), task.GetProperty("home").GetString());
        Assert.Equal(fixture.Node.Address.ToString(), task.GetProperty("owner").GetString()); // the one member ran it
        Assert.Equal("on " + fixture.Node.Address, task.GetProperty("timeline")[1].GetProperty("message").GetString());
        Assert.Equal(["Accepted", "Running", "Succeeded"], task.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("state").GetString()));

        var result = await Http.GetFromJsonAsync<JsonElement>("api/v1/tasks/api-file-a/result");
        Assert.Equal("Succeeded", result.GetProperty("state").GetString());
        Assert.Equal("hello", result.GetProperty("output").GetString());

        var list = await Http.GetFromJsonAsync<JsonElement>("api/v1/tasks?job=api-file&state=Succeeded&limit=2");
        Assert.Equal(2, list.GetProperty("tasks").GetArrayLength());
        Assert.Equal(2, list.GetProperty("limit").GetInt32());
        var history = await Http.GetFromJsonAsync<JsonElement>("api/v1/tasks?state=succeeded&since=1h&limit=10000");
        Assert.Contains("api-file-c", history.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_json_batch_is_accepted_under_the_job_named_in_the_query_and_runs()
    {
        var tasks = Enumerable.Range(0, 200).Select(i => new { id = $"api-batch-{i:D3}", function = "noop" });
        using var response = await Http.PostAsync("api/v1/jobs?job=api-batch", JsonContent.Create(tasks));
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, accepted.ToString());
        Assert.Equal("api-batch", accepted.GetProperty("jobId").GetString());
        Assert.Equal(200, accepted.GetProperty("accepted").GetInt32());

        var done = await fixture.AwaitJobDoneAsync("api-batch");
        Assert.Equal(200, done.GetProperty("counts").GetProperty("Succeeded").GetInt32());

        // Submitted again: nothing runs again, every task is already known and counted as finished.
        using var again = await Http.PostAsync("api/v1/jobs?job=api-batch", JsonContent.Create(tasks));
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(0, second.GetProperty("accepted").GetInt32());
        Assert.Equal(200, second.GetProperty("alreadyKnown").GetArrayLength());
        Assert.True((await fixture.AwaitJobDoneAsync("api-batch")).GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task A_running_task_is_cancelled_with_202_and_a_finished_one_gets_409()
    {
        using var response = await Http.PostAsync("api/v1/jobs?job=api-cancel", JsonContent.Create(new[] { new { id = "api-cancel-long", shell = "sleep 60" } }));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await ApiNodeFixture.AwaitAsync(async () =>
            (await Http.GetFromJsonAsync<JsonElement>("api/v1/tasks/api-cancel-long")).GetProperty("state").GetString() == "Running", "the task runs");

        using var result = await Http.GetAsync("api/v1/tasks/api-cancel-long/result");
        await ProblemAsync(result, HttpStatusCode.Conflict);

        using var cancel = await Http.DeleteAsync("api/v1/tasks/api-cancel-long");
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.True((await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cancelled").GetBoolean());

        var done = await fixture.AwaitJobDoneAsync("api-cancel");
        Assert.Equal(1, done.GetProperty("counts").GetProperty("Cancelled").GetInt32());
        using var again = await Http.DeleteAsync("api/v1/tasks/api-cancel-long");
        var problem = await ProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Contains("already finished (Cancelled)", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_bad_job_gets_every_problem_with_line_and_column_and_nothing_runs()
    {
        const string job = "job { name = \"api-bad\" }\ntasks = [\n  { id = \"x\", function = \"no-such-function\" }\n  { id = \"y\", shel = \"true\" }\n]\n";
        using var response = await Http.PostAsync("api/v1/jobs", Text(job));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.True(errors.Count >= 2, problem.ToString());
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 3 && e.GetProperty("reason").GetString()!.Contains("unknown function 'no-such-function'"));
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 4 && e.GetProperty("column").GetInt32() > 0 && e.GetProperty("reason").GetString()!.Contains("'shel'"));
        Assert.Contains("job.conf:3:", problem.GetProperty("detail").GetString());

        // A JSON batch with a syntax error: the position is the one in the body as sent.
        using var batch = await Http.PostAsync("api/v1/jobs?job=api-bad-json", Text("[{\"id\": \"z\", \"function\": \"noop\"}, {\"id\": ", "application/json"));
        var syntax = await ProblemAsync(batch, HttpStatusCode.BadRequest);
        var error = syntax.GetProperty("errors")[0];
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.InRange(error.GetProperty("column").GetInt32(), 36, 44);

        using var unknown = await Http.GetAsync("api/v1/jobs/api-bad");
        await ProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_the_node_keeps_serving()
    {
        var big = "[" + new string(' ', ApiNodeFixture.MaxRequestBytes) + "]";
        using var declared = await Http.PostAsync("api/v1/jobs", Text(big, "application/json"));
        var problem = await ProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("body", problem.GetProperty("errors")[0].GetProperty("field").GetString());

        // Chunked (no Content-Length): the limit holds while the body is read. Kestrel closes the connection after the answer, which
        // can reset the client while it still sends (then it tries again); any answer must be the 413.
        HttpResponseMessage? streamed = null;
        for (var attempt = 0; attempt < 5 && streamed is null; attempt++)
        {
            using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
            chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/jobs") { Content = chunked };
            request.Headers.TransferEncodingChunked = true;
            try
            {
                streamed = await Http.SendAsync(request);
            }
            catch (HttpRequestException)
            {
                // The connection was reset while the body was being sent.
            }
        }

        Assert.NotNull(streamed);
        await ProblemAsync(streamed, HttpStatusCode.RequestEntityTooLarge);
        streamed.Dispose();

        // Under the limit but over the cluster routes' 4 KiB: the API takes it.
        var tasks = Enumerable.Range(0, 100).Select(i => new { id = $"api-limit-{i:D3}", function = "echo", args = new { value = new string('v', 20) } });
        using var fits = await Http.PostAsync("api/v1/jobs?job=api-limit", JsonContent.Create(tasks));
        Assert.Equal(HttpStatusCode.Accepted, fits.StatusCode);
        Assert.True(fits.RequestMessage!.Content!.Headers.ContentLength is null or > 4096);
        using var cluster = await Http.GetAsync("cluster");
        Assert.Equal(HttpStatusCode.OK, cluster.StatusCode);
    }

    [Fact]
    public async Task Unknown_ids_get_404_and_bad_parameters_400_naming_the_field()
    {
        using (var r = await Http.GetAsync("api/v1/tasks/no-such-task"))
        {
            Assert.Equal("id", (await ProblemAsync(r, HttpStatusCode.NotFound)).GetProperty("errors")[0].GetProperty("field").GetString());
        }

        using (var r = await Http.GetAsync("api/v1/tasks/no-such-task/result"))
        {
            await ProblemAsync(r, HttpStatusCode.NotFound);
        }

        using (var r = await Http.DeleteAsync("api/v1/tasks/no-such-task"))
        {
            await ProblemAsync(r, HttpStatusCode.NotFound);
        }

        foreach (var (query, field) in new[] { ("state=Sleeping", "state"), ("limit=0", "limit"), ("limit=abc", "limit"), ("since=yesterday", "since") })
        {
            using var r = await Http.GetAsync("api/v1/tasks?" + query);
            var problem = await ProblemAsync(r, HttpStatusCode.BadRequest);
            Assert.Equal(field, problem.GetProperty("errors")[0].GetProperty("field").GetString());
            Assert.StartsWith(field + ": ", problem.GetProperty("detail").GetString());
        }

        using (var r = await Http.PostAsync("api/v1/jobs?job=bad%20name", Text("[]")))
        {
            Assert.Equal("job", (await ProblemAsync(r, HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("field").GetString());
        }

        using (var r = await Http.GetAsync("api/v1/no-such-endpoint"))
        {
            await ProblemAsync(r, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Writes_without_the_nodes_token_get_401_and_change_nothing()
    {
        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress };
        using (var r = await anonymous.PostAsync("api/v1/jobs?job=api-no-token", JsonContent.Create(new[] { new { id = "api-no-token-1", function = "noop" } })))
        {
            Assert.Equal("Authorization", (await ProblemAsync(r, HttpStatusCode.Unauthorized)).GetProperty("field").GetString());
        }

        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-token");
        using (var r = await anonymous.DeleteAsync("api/v1/tasks/api-no-token-1"))
        {
            await ProblemAsync(r, HttpStatusCode.Unauthorized);
        }

        using (var r = await Http.GetAsync("api/v1/tasks/api-no-token-1"))
        {
            await ProblemAsync(r, HttpStatusCode.NotFound); // nothing was submitted
        }

        using (var r = await anonymous.GetAsync("api/v1/nodes"))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode); // reads need no token
        }
    }

    [Fact]
    public async Task Hostile_requests_get_4xx_and_never_stop_the_node()
    {
        var bodies = new (string Body, string Type)[]
        {
            ("{ not json or hocon ]]]", "application/json"),
            ("[1, 2, 3]", "application/json"),
            ("[{\"id\": \"../../etc/passwd\", \"shell\": \"true\"}]", "application/json"),
            ("tasks = ${?HOME}", "application/hocon"),
            ("\"just a string\"", "application/json"),
            (new string('[', 10_000), "application/json"),
            ("   ", "text/plain"),
        };
        foreach (var (body, type) in bodies)
        {
            using var r = await Http.PostAsync("api/v1/jobs", Text(body, type));
            Assert.True((int)r.StatusCode is >= 400 and < 500, $"{body[..Math.Min(40, body.Length)]}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }

        using (var invalidUtf8 = new ByteArrayContent([0x5b, 0xff, 0xfe, 0x5d]))
        {
            using var r = await Http.PostAsync("api/v1/jobs", invalidUtf8);
            Assert.Equal("body", (await ProblemAsync(r, HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("field").GetString());
        }

        foreach (var path in new[] { "api/v1/tasks/..%2F..%2Fetc%2Fpasswd", "api/v1/tasks/%00", "api/v1/tasks/" + new string('a', 300), "api/v1/tasks/.hidden/result" })
        {
            using var r = await Http.GetAsync(path);
            Assert.True((int)r.StatusCode is 400 or 404, $"{path}: {(int)r.StatusCode}");
        }

        using var nodes = await Http.GetAsync("api/v1/nodes");
        Assert.Equal(HttpStatusCode.OK, nodes.StatusCode);
        Assert.False(fixture.Node.HasExited);
    }

    [Fact]
    public async Task The_events_stream_sends_the_tasks_state_changes()
    {
        using var cts = new CancellationTokenSource(ApiNodeFixture.Deadline);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/events");
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        using var reader = new StreamReader(stream);
        Assert.Equal("event: hello", await reader.ReadLineAsync(cts.Token));

        using var submit = await Http.PostAsync("api/v1/jobs?job=api-events", JsonContent.Create(new[] { new { id = "api-events-1", function = "noop" } }), cts.Token);
        Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);

        var states = new List<string>();
        string? eventType = null;
        while (!states.Contains("Succeeded"))
        {
            var line = await reader.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("the stream ended");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventType = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventType == "task")
            {
                var data = JsonDocument.Parse(line["data: ".Length..]).RootElement;
                if (data.GetProperty("id").GetString() == "api-events-1")
                {
                    Assert.Equal("api-events", data.GetProperty("job").GetString());
                    states.Add(data.GetProperty("state").GetString()!);
                }
            }
        }

        Assert.Equal(["Accepted", "Running", "Succeeded"], states);
    }

    [Fact]
    public async Task Nodes_stats_the_OpenAPI_document_and_the_pages_are_served()
    {
        var nodes = await Http.GetFromJsonAsync<JsonElement>("api/v1/nodes");
        var self = nodes.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("self").GetBoolean());
        Assert.Equal(fixture.Node.Address.ToString(), self.GetProperty("address").GetString());
        Assert.True(self.GetProperty("reachable").GetBoolean());
        Assert.Equal(JsonValueKind.Object, self.GetProperty("load").ValueKind);

        var stats = await Http.GetFromJsonAsync<JsonElement>("api/v1/stats");
        Assert.Equal(64, stats.GetProperty("clock").GetProperty("head").GetString()!.Length);
        Assert.Equal(120, stats.GetProperty("series").GetArrayLength());

        var openApi = await Http.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var paths = openApi.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/jobs", "/api/v1/jobs/{id}", "/api/v1/tasks", "/api/v1/nodes", "/api/v1/stats", "/api/v1/events" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"the OpenAPI document lacks {path}");
        }

        var dashboard = await Http.GetStringAsync("/");
        Assert.Contains("AkkaCompute dashboard", dashboard);
        Assert.DoesNotContain("https://", dashboard);
        using var apiPage = await Http.GetAsync("api");
        Assert.Equal(HttpStatusCode.OK, apiPage.StatusCode);
    }
}
