using System.Diagnostics;
using System.Threading.Channels;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Top;

/// <summary>
/// The full-screen loop of <c>akc top</c> on a terminal: switches to the terminal's alternate screen and hides the cursor,
/// redraws a <see cref="TopRenderer"/> frame after each poll (every <c>interval</c>, and at once on a tab change) and
/// after each key, and restores the screen on the way out (q, Escape, Ctrl+C, or the token). A failed poll keeps the
/// last data and shows the error in the footer; the loop goes on. The terminal's size is read at each frame, so a resize
/// shows at the next frame.
/// </summary>
/// <param name="source">Polls the node.</param>
/// <param name="interval">Time between polls.</param>
/// <param name="terminal">Where frames go (the console's output).</param>
internal sealed class TopScreen(TopSource source, TimeSpan interval, TextWriter terminal)
{
    private const string EnterScreen = "\u001b[?1049h\u001b[?25l\u001b[2J";
    private const string LeaveScreen = "\u001b[?25h\u001b[?1049l";

    /// <summary>Frames drawn so far (for <c>--stats</c>-style diagnostics and tests).</summary>
    public int Frames { get; private set; }

    /// <summary>Polls done so far.</summary>
    public int Polls { get; private set; }

    /// <summary>Runs until the user quits or <paramref name="ct"/> is cancelled.</summary>
    /// <param name="first">The first snapshot (of the Workers tab), read before the screen was taken.</param>
    /// <param name="ct">Ends the loop.</param>
    public async Task RunAsync(TopSnapshot first, CancellationToken ct)
    {
        var keys = Channel.CreateUnbounded<ConsoleKeyInfo>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var reader = new Thread(() => ReadKeys(keys.Writer)) { IsBackground = true, Name = "akc-top-keys" };
        var controlC = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        await terminal.WriteAsync(EnterScreen);
        try
        {
            reader.Start();
            var tab = TopTab.Workers;
            var snapshot = first;
            var nextPoll = Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * Stopwatch.Frequency);
            while (!ct.IsCancellationRequested)
            {
                await DrawAsync(snapshot, tab);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), nextPoll);
                var poll = wait <= TimeSpan.Zero;
                if (!poll)
                {
                    using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timer.CancelAfter(wait);
                    try
                    {
                        var key = TopKeys.Map(await keys.Reader.ReadAsync(timer.Token));
                        if (key == TopKey.Quit)
                        {
                            return;
                        }

                        var shown = TopKeys.Apply(tab, key);
                        poll = shown != tab;
                        tab = shown;
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        poll = true;
                    }
                    catch (ChannelClosedException)
                    {
                        return; // the terminal's input ended
                    }
                }

                if (poll)
                {
                    snapshot = await PollAsync(tab, snapshot, ct);
                    nextPoll = Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * Stopwatch.Frequency);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl+C outside the key reader, or the caller stopped us.
        }
        finally
        {
            await terminal.WriteAsync(LeaveScreen);
            await terminal.FlushAsync(CancellationToken.None);
            Console.TreatControlCAsInput = controlC;
        }
    }

    private async Task<TopSnapshot> PollAsync(TopTab tab, TopSnapshot snapshot, CancellationToken ct)
    {
        Polls++;
        try
        {
            return await source.PollAsync(tab, snapshot, ct);
        }
        catch (ManagementException e)
        {
            return snapshot with { Error = e.Message, At = DateTimeOffset.Now };
        }
    }

    private async Task DrawAsync(TopSnapshot snapshot, TopTab tab)
    {
        Frames++;
        int width, height;
        try
        {
            (width, height) = (Console.WindowWidth, Console.WindowHeight);
        }
        catch (IOException)
        {
            (width, height) = (80, 24);
        }

        await terminal.WriteAsync("\u001b[H" + TopRenderer.Render(snapshot, tab, width, height) + "\u001b[J");
        await terminal.FlushAsync(CancellationToken.None);
    }

    private static void ReadKeys(ChannelWriter<ConsoleKeyInfo> keys)
    {
        try
        {
            while (true)
            {
                keys.TryWrite(Console.ReadKey(intercept: true));
            }
        }
        catch (InvalidOperationException)
        {
            keys.TryComplete(); // no console input (redirected)
        }
    }
}
