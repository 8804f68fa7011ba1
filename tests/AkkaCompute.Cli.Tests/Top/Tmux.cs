using System.Diagnostics;

namespace AkkaCompute.Cli.Tests.Top;

/// <summary>
/// A tmux server of its own (<c>tmux -S SOCKET</c> in the temp directory, so it starts with this process's environment and no
/// other session is touched) running one command in a detached session of a fixed size; the screen is read with <c>capture-pane</c>, keys
/// sent with <c>send-keys</c>. Disposing kills the server and deletes its socket.
/// </summary>
internal sealed class Tmux : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly string _socket = Path.Combine(Path.GetTempPath(), "akc-tmux-" + Guid.NewGuid().ToString("N")[..12]);

    private Tmux()
    {
    }

    /// <summary>True when tmux is installed (.ci/packages installs it).</summary>
    public static bool Installed => File.Exists("/usr/bin/tmux") || File.Exists("/usr/local/bin/tmux");

    /// <summary>Starts <paramref name="command"/> (run by /bin/sh) in a <paramref name="width"/> x <paramref name="height"/> session.</summary>
    public static async Task<Tmux> StartAsync(string command, int width, int height)
    {
        var tmux = new Tmux();
        await tmux.RunAsync("new-session", "-d", "-s", "main", "-x", width.ToString(), "-y", height.ToString(), command);
        return tmux;
    }

    /// <summary>The screen's text now.</summary>
    public Task<string> CaptureAsync() => RunAsync("capture-pane", "-p", "-t", "main");

    /// <summary>Sends keys as tmux names them (<c>Tab</c>, <c>BTab</c>, <c>q</c>).</summary>
    public Task SendAsync(params string[] keys) => RunAsync(["send-keys", "-t", "main", .. keys]);

    /// <summary>Waits until the screen holds every one of <paramref name="texts"/>; returns it, or fails after <see cref="Deadline"/> showing the last screen.</summary>
    public async Task<string> AwaitScreenAsync(params string[] texts)
    {
        var deadline = DateTime.UtcNow + Deadline;
        var screen = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                screen = await CaptureAsync();
            }
            catch (InvalidOperationException)
            {
                screen = "(the session ended)";
            }

            if (texts.All(t => screen.Contains(t, StringComparison.Ordinal)))
            {
                return screen;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"not within {Deadline.TotalSeconds} s: the screen shows {string.Join(", ", texts)}; it shows:\n{screen}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("kill-server");
        }
        catch (InvalidOperationException)
        {
            // Already gone: its last session ended.
        }

        File.Delete(_socket);
    }

    private async Task<string> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-S");
        info.ArgumentList.Add(_socket);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}
