using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// A long-running <c>akc</c> client command (e.g. <c>akc cluster tail</c>) as a child process whose stdout lines are read as they come,
/// so that a test can await a line with a deadline. Killed on dispose.
/// </summary>
internal sealed class AkcCliProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private AkcCliProcess(Process process) => _process = process;

    public IReadOnlyCollection<string> Output => _stdout;

    public static AkcCliProcess Start(string workDir, params string[] args) => StartIn(null, workDir, args);

    /// <summary>
    /// Starts <c>akc ARGS</c> in network namespace <paramref name="netns"/> (<c>ip netns exec</c>), or in the test's own when null. It
    /// starts with SIGINT's default action (<c>env --default-signal=INT</c>, which then execs it, so the pid is akc's), as from a terminal:
    /// a test run started in the background of a non-interactive shell ignores SIGINT, every process it starts inherits that, and
    /// .NET keeps an inherited ignore, so Ctrl+C (<see cref="InterruptAsync"/>) would do nothing.
    /// </summary>
    public static AkcCliProcess StartIn(string? netns, string workDir, params string[] args)
    {
        string[] command = ["--default-signal=INT", "dotnet", "exec", Path.Combine(AppContext.BaseDirectory, "akc.dll"), .. args];
        var info = new ProcessStartInfo(netns is null ? "env" : "ip", netns is null ? command : ["netns", "exec", netns, "env", .. command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        var p = new AkcCliProcess(Process.Start(info)!);
        p._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && p._stdout.Count < 10_000)
            {
                p._stdout.Enqueue(e.Data);
            }
        };
        p._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && p._stderr.Count < 10_000)
            {
                p._stderr.Enqueue(e.Data);
            }
        };
        p._process.BeginOutputReadLine();
        p._process.BeginErrorReadLine();
        return p;
    }

    /// <summary>Waits until a stdout line matches <paramref name="match"/>; fails the test after <paramref name="deadline"/> or when the process exited.</summary>
    public async Task<string> AwaitLineAsync(Func<string, bool> match, TimeSpan deadline, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_stdout.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (clock.Elapsed > deadline || _process.HasExited)
            {
                Assert.Fail($"no line {what} within {deadline} (exited: {_process.HasExited})\n{Describe()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the process to exit (failing the test after <paramref name="deadline"/>) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"akc did not exit within {deadline}\n{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGINT, as Ctrl+C; returns the exit code.</summary>
    public async Task<int> InterruptAsync(TimeSpan deadline)
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"akc did not exit within {deadline} of SIGINT\n{Describe()}");
        }

        return _process.ExitCode;
    }

    public string Describe() => $"  stdout: {string.Join("\n  stdout: ", _stdout)}\n  stderr: {string.Join("\n  stderr: ", _stderr.TakeLast(30))}";

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
