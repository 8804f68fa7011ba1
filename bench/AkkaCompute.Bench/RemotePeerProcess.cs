using System.Collections.Concurrent;
using System.Diagnostics;

namespace AkkaCompute.Bench;

/// <summary>
/// The <see cref="RemotePeer"/> child process, seen from the bench. <see cref="Dispose"/> closes its stdin (the peer
/// exits on that), waits up to 5 s, then kills its whole process tree; every live peer is also killed when the bench
/// process exits, and a bench that dies without either still closes the pipe, which ends the peer.
/// </summary>
internal sealed class RemotePeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderrTail = new();

    private RemotePeerProcess(Process process) => _process = process;

    /// <summary>The peer's Akka.Remote address, <c>akka.tcp://peer@127.0.0.1:port</c>.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The port of the peer's raw echo server on 127.0.0.1.</summary>
    public int RawPort { get; private set; }

    /// <summary>Starts the peer and waits (at most 30 s) for its READY line.</summary>
    /// <param name="mode"><c>none</c> or <c>tls</c>, for messages.</param>
    /// <param name="echoes">Echo actors the peer starts.</param>
    /// <param name="pki">The certificates (TLS mode: the peer uses node 2's PKCS#12 file), or null for plain TCP.</param>
    /// <exception cref="InvalidOperationException">The peer exited or said nothing in time; the message has its last stderr lines.</exception>
    public static RemotePeerProcess Start(string mode, int echoes, BenchPki? pki)
    {
        var info = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath ?? "dotnet",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(info.FileName) == "dotnet")
        {
            info.ArgumentList.Add(typeof(RemotePeer).Assembly.Location);
        }

        foreach (var arg in new[] { RemotePeer.Verb, "--echoes", echoes.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        if (pki is not null)
        {
            info.ArgumentList.Add("--pfx");
            info.ArgumentList.Add(pki.Node2Pfx);
            info.Environment[RemotePeer.PfxPasswordVariable] = pki.PfxPassword;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the remote peer process");
        ChildProcesses.Track(process);
        var peer = new RemotePeerProcess(process);
        try
        {
            process.ErrorDataReceived += (_, e) => peer.OnStderr(e.Data);
            process.BeginErrorReadLine();
            var ready = process.StandardOutput.ReadLineAsync();
            if (!ready.Wait(TimeSpan.FromSeconds(30)) || ready.Result is not { } line || !line.StartsWith("READY ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"the remote peer ({mode}) did not get ready within 30 s{(process.HasExited ? $" (exit code {process.ExitCode})" : "")}; its last stderr lines:\n  " +
                    string.Join("\n  ", peer._stderrTail));
            }

            var parts = line.Split(' ');
            peer.Address = parts[1];
            peer.RawPort = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            return peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                Console.Error.WriteLine("remote peer did not exit within 5 s of its stdin closing; killing it");
                ChildProcesses.Kill(_process);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            ChildProcesses.Kill(_process);
        }
        finally
        {
            ChildProcesses.Forget(_process);
            _process.Dispose();
        }
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        Console.Error.WriteLine("[peer] " + line);
        _stderrTail.Enqueue(line);
        while (_stderrTail.Count > 20)
        {
            _stderrTail.TryDequeue(out _);
        }
    }
}
