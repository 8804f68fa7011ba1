using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// Talks to a node's management endpoint for <c>akc cluster ...</c>. Every failure becomes a <see cref="ManagementException"/> whose
/// message says what to do: start the node or fix <c>--endpoint</c> when nothing answers, fix the address when the node refused it.
/// Requests time out after <see cref="Timeout"/>.
/// </summary>
internal sealed class ManagementClient : IDisposable
{
    /// <summary>The endpoint used when none is given: <c>http://127.0.0.1:9110/</c>, the default of <c>akc.management</c>.</summary>
    public const string DefaultEndpoint = "http://127.0.0.1:9110/";

    /// <summary>How long one request may take: 10 s.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    /// <summary>A client of the node at <paramref name="endpoint"/>; <paramref name="token"/> (when given) is sent as <c>Authorization: Bearer</c>.</summary>
    public ManagementClient(Uri endpoint, string? token = null)
    {
        Endpoint = endpoint;
        _http = new HttpClient { BaseAddress = endpoint, Timeout = Timeout };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>The node's management endpoint.</summary>
    public Uri Endpoint { get; }

    /// <summary>Parses <c>--endpoint</c>: an http(s) URL; a bare <c>host:port</c> means http.</summary>
    public static bool TryParseEndpoint(string text, out Uri endpoint)
    {
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (Uri.TryCreate(withScheme.EndsWith('/') ? withScheme : withScheme + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            endpoint = uri;
            return true;
        }

        endpoint = null!;
        return false;
    }

    /// <summary><c>GET /cluster</c>.</summary>
    /// <exception cref="ManagementException">The node did not answer or answered with an error.</exception>
    public async Task<(ClusterStatusDto Status, string Json)> GetStatusAsync(CancellationToken ct)
    {
        using var response = await SendAsync(() => _http.GetAsync("cluster", ct), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw Refused(response.StatusCode, text);
        }

        return (JsonSerializer.Deserialize<ClusterStatusDto>(text, Json) ?? throw new ManagementException($"{Endpoint} answered GET /cluster with an empty body", badInput: false), text);
    }

    /// <summary><c>GET path</c> (relative to the endpoint, query included): the body read as <typeparamref name="T"/>, and its JSON text.</summary>
    /// <exception cref="ManagementException">The node did not answer, refused the request (a bad parameter: the node's reason) or failed.</exception>
    public async Task<(T Value, string Json)> GetAsync<T>(string path, CancellationToken ct)
    {
        using var response = await SendAsync(() => _http.GetAsync(path, ct), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw Refused(response.StatusCode, text);
        }

        try
        {
            return (JsonSerializer.Deserialize<T>(text, Json) ?? throw new JsonException("empty body"), text);
        }
        catch (JsonException e)
        {
            throw new ManagementException($"{Endpoint} answered GET /{path} with something that is not the expected JSON ({e.Message}); is it an akc node of this version?", badInput: false, e);
        }
    }

    /// <summary><c>POST path</c> without a body; the answer read as <typeparamref name="T"/>, and its JSON text.</summary>
    /// <exception cref="ManagementException">The node did not answer, refused the command (the message is the node's reason) or failed.</exception>
    public async Task<(T Value, string Json)> PostAsync<T>(string path, CancellationToken ct)
    {
        using var response = await SendAsync(() => _http.PostAsync(path, content: null, ct), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw Refused(response.StatusCode, text);
        }

        return (JsonSerializer.Deserialize<T>(text, Json) ?? throw new ManagementException($"{Endpoint} answered POST /{path} with an empty body", badInput: false), text);
    }

    /// <summary>
    /// <c>GET path</c> as a stream of lines (newline-delimited JSON): calls <paramref name="onLine"/> for each until the node ends the
    /// stream (returns) or <paramref name="ct"/> is cancelled (throws <see cref="OperationCanceledException"/>). No request timeout
    /// applies once the headers arrived.
    /// </summary>
    /// <exception cref="ManagementException">The node did not answer or refused the request.</exception>
    public async Task StreamLinesAsync(string path, Func<string, Task> onLine, CancellationToken ct)
    {
        using var streaming = new HttpClient { BaseAddress = Endpoint, Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(ct);
        connect.CancelAfter(Timeout);
        using var response = await SendAsync(() => streaming.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, connect.Token), ct);
        if (!response.IsSuccessStatusCode)
        {
            throw Refused(response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }

        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(body);
        try
        {
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.Length > 0)
                {
                    await onLine(line);
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !ct.IsCancellationRequested)
        {
            throw new ManagementException($"the node at {Endpoint} closed the stream ({e.Message}); it may have stopped", badInput: false, e);
        }
    }

    /// <summary><c>POST /cluster/{verb}</c> with the address; returns the node's message.</summary>
    /// <exception cref="ManagementException">The node did not answer, or refused the command (the message is the node's reason).</exception>
    public async Task<CommandResultDto> CommandAsync(string verb, string address, CancellationToken ct)
    {
        using var response = await SendAsync(() => _http.PostAsJsonAsync($"cluster/{verb}", new AddressRequestDto(address), Json, ct), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw Refused(response.StatusCode, text);
        }

        return ReadResult(text) ?? new CommandResultDto($"{verb} accepted");
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException or IOException || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new ManagementException(
                $"no node answers at {Endpoint} ({e.Message}). Is `akc node` running? Give its management endpoint with --endpoint http://HOST:PORT (akc node prints it at start; default {DefaultEndpoint}).",
                badInput: false, e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ManagementException($"the node at {Endpoint} did not answer within {Timeout.TotalSeconds:0} s; it may be overloaded or paused.", badInput: false, e);
        }
    }

    private ManagementException Refused(HttpStatusCode status, string body)
    {
        var reason = ReadResult(body)?.Message ?? (body.Length > 0 ? body : status.ToString());
        var badInput = status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
        return new ManagementException(badInput ? reason : $"the node at {Endpoint} failed ({(int)status} {status}): {reason}", badInput);
    }

    private static CommandResultDto? ReadResult(string text)
    {
        try
        {
            if (text.Length == 0)
            {
                return null;
            }

            // A command's answer has "message"; RFC 7807 problem details have "detail" (and "message" when the node sets it).
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var message = doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()
                : doc.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                : null;
            var address = doc.RootElement.TryGetProperty("address", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            return message is null ? null : new CommandResultDto(message, address);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A management request failed; <see cref="BadInput"/> tells whether the operator's input was refused (exit 2) or the node failed (exit 1).</summary>
internal sealed class ManagementException(string message, bool badInput, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when the node refused the input (unknown or malformed address, join while a member, a missing or wrong token).</summary>
    public bool BadInput { get; } = badInput;
}
