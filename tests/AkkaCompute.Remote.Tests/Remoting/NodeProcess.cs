using System.Diagnostics;

namespace AkkaCompute.Remote.Tests.Remoting;

/// <summary>A separate OS process running tests/AkkaCompute.Remote.TestNode (a system with remoting and /user/echo).</summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process, Address address, long uid)
    {
        _process = process;
        Address = address;
        Uid = uid;
    }

    public Address Address { get; }

    public long Uid { get; }

    public static async Task<NodeProcess> StartAsync(string system, int port = 0)
    {
        var dll = Path.Combine(AppContext.BaseDirectory.Replace("AkkaCompute.Remote.Tests", "AkkaCompute.Remote.TestNode", StringComparison.Ordinal), "AkkaCompute.Remote.TestNode.dll");
        Assert.True(File.Exists(dll), $"test node not built at {dll}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add(system);
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(info)!;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(cts.Token)
                    ?? throw new InvalidOperationException("test node exited: " + await process.StandardError.ReadToEndAsync(cts.Token));
                if (line.StartsWith("ADDRESS ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ');
                    return new NodeProcess(process, Address.Parse(parts[1]), long.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no goodbye, no flush; the peer learns only from its failure detector.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>Closes stdin: the node terminates its actor system gracefully and exits.</summary>
    public async Task StopGracefullyAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
