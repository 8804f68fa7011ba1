using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace AkkaCompute.Bench;

/// <summary>
/// One <c>dotnet exec akc.dll node</c> process: listening on its port, joining through the seeds' ports, management on a free
/// port; it prints <c>node ADDRESS uid UID</c> and <c>management URL</c> when up. Killed with SIGKILL on dispose.
/// </summary>
internal sealed class BenchNode : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BenchNode(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The remoting port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The address the node printed, <c>akka.tcp://akc@127.0.0.1:PORT</c>.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The incarnation uid the node printed.</summary>
    public long Uid { get; private set; }

    /// <summary>The management endpoint the node printed.</summary>
    public Uri Management { get; private set; } = null!;

    /// <summary>The process id (the node itself: <c>dotnet exec</c> runs it in-process).</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process is gone.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the process (without waiting for it; see <see cref="WaitStartedAsync"/>).</summary>
    public static BenchNode Start(string akc, string lanConf, string workDir, int port, IEnumerable<int> seedPorts, IEnumerable<string>? extraArgs = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        string[] args =
        [
            "exec", akc, "node", "--config", lanConf,
            "--hostname", "127.0.0.1",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--set", "management.hostname=127.0.0.1",
            "--set", "management.port=0",
            "--set", "storage.data-dir=" + Path.Combine(workDir, "n" + port.ToString(CultureInfo.InvariantCulture)), // each node its own
            "--log-level", "warning",
            .. seedPorts.SelectMany(p => new[] { "--seed", $"akka.tcp://akc@127.0.0.1:{p}" }),
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

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet " + akc);
        ChildProcesses.Track(process);
        var node = new BenchNode(process, port);
        process.OutputDataReceived += (_, e) => node.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data is null ? null : "stderr: " + e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits until the node printed its address and management endpoint.</summary>
    /// <exception cref="InvalidOperationException">It exited or said nothing within 60 s.</exception>
    public async Task WaitStartedAsync()
    {
        try
        {
            await _started.Task.WaitAsync(RealClusterFailure.Deadline);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"akc node on port {Port} did not start within {RealClusterFailure.Deadline.TotalSeconds:0} s ({e.Message})\n{Describe()}", e);
        }
    }

    /// <summary>CPU time the node's process has used so far (user and system), or zero once it has exited.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            try
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    /// <summary>
    /// kill -9: <see cref="Process.Kill()"/> sends SIGKILL on Unix, to the dotnet host process, which is the node itself
    /// (<c>dotnet exec</c> runs the app in-process). No leave, no goodbye: the others learn it only from their failure detectors.
    /// </summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    /// <summary>The node's last output lines, for error messages.</summary>
    public string Describe()
    {
        string exit;
        try
        {
            exit = _process.HasExited ? $" exited {_process.ExitCode}" : "";
        }
        catch (InvalidOperationException)
        {
            exit = " disposed";
        }

        return $"[akc node :{Port}{exit}]\n  {string.Join("\n  ", _tail)}";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ChildProcesses.Kill(_process);
        ChildProcesses.Forget(_process);
        _process.Dispose();
    }


    private void OnStdout(string? line)
    {
        Keep(line);
        if (line is null)
        {
            _started.TrySetException(new InvalidOperationException("it closed its output"));
            return;
        }

        var parts = line.Split(' ');
        if (parts is ["node", var address, "uid", var uid])
        {
            Address = address;
            Uid = long.Parse(uid, CultureInfo.InvariantCulture);
        }
        else if (parts is ["management", var url] && Uri.TryCreate(url, UriKind.Absolute, out var endpoint))
        {
            Management = endpoint;
            _started.TrySetResult();
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _tail.Enqueue(line);
        while (_tail.Count > 30)
        {
            _tail.TryDequeue(out _);
        }
    }

    /// <summary>Kills and disposes every node, then deletes their work directory (a leftover directory is not worth failing the bench for).</summary>
    public static void DisposeAll(IEnumerable<BenchNode> nodes, DirectoryInfo dir)
    {
        foreach (var node in nodes)
        {
            node.Dispose();
        }

        try
        {
            dir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // ignored: see the summary
        }
    }
}
