using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// One <c>akc node</c> OS process (an Akka.Cluster member) on loopback with the lan profile: started with its own port, the seeds' ports and a free
/// management port; it prints its address, uid and management endpoint, then one line per membership event, which are kept.
/// </summary>
internal sealed class AkcNodeProcess : IAsyncDisposable
{
    /// <summary>The management token every test node has (through <see cref="TokenVariable"/>): commands that change the cluster send it.</summary>
    public const string TestToken = CliHarness.TestToken;

    /// <summary>The environment variable that holds <see cref="TestToken"/> for the node (<c>akc.management.token-env</c>).</summary>
    public const string TokenVariable = "AKC_TEST_MANAGEMENT_TOKEN";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentDictionary<string, long> _firstSeen = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AkcNodeProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The network namespace the node runs in, or null for the test's own.</summary>
    public string? Netns { get; private init; }

    public Address Address { get; private set; } = null!;

    public long Uid { get; private set; }

    public Uri Management { get; private set; } = null!;

    /// <summary>An HTTP client for the node's management endpoint and REST API, with the test token (60 s timeout).</summary>
    public HttpClient ApiClient()
    {
        var http = new HttpClient { BaseAddress = Management, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestToken);
        return http;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyCollection<string> Output => _stdout;

    /// <summary>When <paramref name="line"/> first appeared on stdout (a <see cref="Stopwatch.GetTimestamp"/> value), or null.</summary>
    public long? SeenAt(string line) => _firstSeen.TryGetValue(line, out var t) ? t : null;

    /// <summary>
    /// Waits until <paramref name="line"/> appeared on stdout; fails the test after <paramref name="deadline"/> or once the process
    /// exited without printing it. A node prints its events from a listener of its own, so a line can come a little after the
    /// management endpoint already shows the state it reports.
    /// </summary>
    public Task AwaitLineAsync(string line, TimeSpan deadline) =>
        AwaitAsync(() => SeenAt(line) is not null ? line : null, $"line '{line}'", deadline);

    /// <summary>Waits until a stderr line (the node's log) matches <paramref name="match"/>; fails the test after <paramref name="deadline"/>.</summary>
    public Task<string> AwaitLogAsync(Func<string, bool> match, TimeSpan deadline) =>
        AwaitAsync(() => _stderr.FirstOrDefault(match), "matching log line", deadline);

    /// <summary>
    /// Polls <paramref name="find"/> every 50 ms until it returns a line; fails the test after <paramref name="deadline"/>, or once
    /// the process exited and its output, read to the end, still has no such line.
    /// </summary>
    private async Task<string> AwaitAsync(Func<string?> find, string what, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (find() is { } found)
            {
                return found;
            }

            if (_process.HasExited)
            {
                await _process.WaitForExitAsync().WaitAsync(deadline); // its output is read to the end
                return find() ?? throw new Xunit.Sdk.XunitException($"no {what} before the node exited\n{Describe()}");
            }

            Assert.True(clock.Elapsed < deadline, $"no {what} within {deadline}\n{Describe()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Starts a node listening on <paramref name="port"/> that joins through <paramref name="seedPorts"/> (all on 127.0.0.1).</summary>
    public static Task<AkcNodeProcess> StartAsync(int port, IReadOnlyList<int> seedPorts, string workDir) =>
        StartAsync("127.0.0.1", port, seedPorts.Select(p => $"akka.tcp://akc@127.0.0.1:{p}").ToList(), workDir, netns: null, managementPort: 0);

    /// <summary>
    /// Starts a node on <paramref name="host"/>:<paramref name="port"/> joining through <paramref name="seeds"/>, inside the network
    /// namespace <paramref name="netns"/> when given (then its management endpoint is read with curl inside that namespace), with
    /// <paramref name="configFile"/> as its <c>--config</c> (default: hocon/lan.conf).
    /// </summary>
    public static async Task<AkcNodeProcess> StartAsync(
        string host, int port, IReadOnlyList<string> seeds, string workDir, string? netns, int managementPort,
        IReadOnlyList<string>? extraArgs = null, IReadOnlyDictionary<string, string>? environment = null, string? configFile = null)
    {
        var akc = Path.Combine(AppContext.BaseDirectory, "akc.dll");
        var info = new ProcessStartInfo(netns is null ? "dotnet" : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        string[] prefix = netns is null ? [] : ["netns", "exec", netns, "dotnet"];
        string[] args =
        [
            .. prefix,
            "exec", akc, "node", "--config", configFile ?? Path.Combine(CliHarness.RepoRoot, "hocon", "lan.conf"),
            "--hostname", host,
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--set", "management.port=" + managementPort.ToString(CultureInfo.InvariantCulture),
            "--set", "storage.data-dir=" + Path.Combine(workDir, "node-" + host + "-" + port.ToString(CultureInfo.InvariantCulture)), // each node its own (extraArgs may override)
            .. seeds.SelectMany(s => new[] { "--seed", s }),
            "--log-level", "information",
            "--set", "management.token-env=" + TokenVariable,
            .. extraArgs ?? [],
        ];
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("AKC__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment[TokenVariable] = TestToken;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        var node = new AkcNodeProcess(process, port) { Netns = netns };
        process.OutputDataReceived += (_, e) => node.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && node._stderr.Count < 5000)
            {
                node._stderr.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node._started.Task.WaitAsync(StartTimeout);
            return node;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            var described = node.Describe();
            await node.DisposeAsync();
            throw new InvalidOperationException($"akc node on port {port} did not start: {e.Message}\n{described}", e);
        }
    }

    /// <summary>SIGKILL: no leave, no goodbye; the others learn only from their failure detectors.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM: the node leaves the cluster gracefully and exits.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit(10_000);
    }

    /// <summary>The exit code once the process has exited within <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">It still runs after <paramref name="timeout"/>; the message has its last output.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"the node still runs after {timeout.TotalSeconds:0} s:\n{Describe(60)}", e);
        }

        return _process.ExitCode;
    }

    /// <summary>GET /cluster, or null when the node does not answer.</summary>
    public async Task<ClusterStatusDto?> TryStatusAsync()
    {
        if (_process.HasExited)
        {
            return null;
        }

        if (Netns is not null)
        {
            return await NetnsCurl.GetStatusAsync(Netns, new Uri(Management, "cluster"));
        }

        using var client = new ManagementClient(Management);
        try
        {
            return (await client.GetStatusAsync(CancellationToken.None)).Status;
        }
        catch (ManagementException)
        {
            return null;
        }
    }

    public string Describe(int lines = 30) =>
        $"[node :{Port} pid {Pid}{(_process.HasExited ? $" exited {_process.ExitCode}" : string.Empty)}]\n  stdout: {string.Join("\n  stdout: ", _stdout.TakeLast(lines))}\n  stderr: {string.Join("\n  stderr: ", _stderr.TakeLast(lines))}";

    public async ValueTask DisposeAsync()
    {
        KillHard();
        await Task.CompletedTask;
        _process.Dispose();
    }

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            _started.TrySetException(new InvalidOperationException("the process closed its output"));
            return;
        }

        if (_stdout.Count < 10_000)
        {
            _firstSeen.TryAdd(line, Stopwatch.GetTimestamp());
            _stdout.Enqueue(line);
        }

        var parts = line.Split(' ');
        if (parts is ["node", var address, "uid", var uid])
        {
            Address = Address.Parse(address);
            Uid = long.Parse(uid, CultureInfo.InvariantCulture);
        }
        else if (parts is ["management", var url] && Uri.TryCreate(url, UriKind.Absolute, out var endpoint))
        {
            Management = endpoint;
            _started.TrySetResult();
        }
    }
}
