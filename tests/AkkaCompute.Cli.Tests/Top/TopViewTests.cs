using AkkaCompute.Cli.Api;
using AkkaCompute.Cli.Api.Dtos;
using AkkaCompute.Cli.Commands;
using AkkaCompute.Cli.Management;
using AkkaCompute.Cli.Running;
using AkkaCompute.Cli.Top;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Cli.Tests.Top;

/// <summary>
/// <c>akc top</c>'s pure parts (frames, keys, <c>--interval</c>) and where progress events land without a node
/// (<see cref="TaskBoard"/>, <see cref="JobTracker"/>).
/// </summary>
public sealed class TopViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static TopSnapshot Snapshot() => new(
        new Uri("http://127.0.0.1:9110/"),
        new NodesDto("akka.tcp://akc@127.0.0.1:2551", "akka.tcp://akc@127.0.0.1:2551",
        [
            new NodeDto("akka.tcp://akc@127.0.0.1:2551", 1, [], "Up", true, true, true, new NodeStatus(10, 0, 6, 2, 0, 2, 0, 0)),
            new NodeDto("akka.tcp://akc@127.0.0.1:2552", 2, [], "Leaving", false, false, false, null),
        ]),
        new TopStatsDto(new NodeStatus(10, 0, 6, 2, 1, 2, 1, 0),
            [new TaskSummaryDto("hash-a", "Running", 1, "j", 0, T0, T0, null, 1500, null, 0.42)],
            [new TaskSummaryDto("bad", "Failed", 3, "j", 0, T0, T0, T0, null, "exit code 3")],
            1.5),
        new LogPeekDto([.. Enumerable.Range(1, 200).Select(i => $"line {i}")], 1000, 0),
        T0);

    [Fact]
    public void A_frame_fills_the_terminal_exactly_and_shows_the_shown_tab()
    {
        foreach (var tab in Enum.GetValues<TopTab>())
        {
            var frame = TopRenderer.Render(Snapshot(), tab, 100, 30, color: false);
            var lines = frame.Split('\n');
            Assert.Equal(30, lines.Length);
            Assert.All(lines, l => Assert.True(l.Length <= 100, $"'{l}' is wider than 100"));
            Assert.Contains(TopKeys.Help, lines[^1]);
        }

        var workers = TopRenderer.Render(Snapshot(), TopTab.Workers, 100, 30, color: false);
        Assert.Contains("127.0.0.1:2551 (self) (leader)", workers);
        Assert.Contains("no answer", workers);
        var tasks = TopRenderer.Render(Snapshot(), TopTab.Tasks, 100, 30, color: false);
        Assert.Contains("Running 2", tasks);
        Assert.Contains("42%", tasks);
        Assert.True(tasks.IndexOf("hash-a", StringComparison.Ordinal) < tasks.IndexOf("bad", StringComparison.Ordinal), "running tasks come first");
        var logs = TopRenderer.Render(Snapshot(), TopTab.Logs, 100, 30, color: false);
        Assert.Contains("line 200", logs);
        Assert.DoesNotContain("line 150\n", logs);
    }

    [Theory]
    [InlineData(30, 8)]
    [InlineData(59, 40)]
    [InlineData(120, 11)]
    [InlineData(1, 1)]
    public void A_terminal_too_small_gets_the_message_within_its_size(int width, int height)
    {
        var frame = TopRenderer.Render(Snapshot(), TopTab.Tasks, width, height, color: false);
        var lines = frame.Split('\n');
        Assert.True(lines.Length <= height);
        Assert.All(lines, l => Assert.True(l.Length <= width));
        Assert.StartsWith(TopRenderer.TooSmall(width, height)[..Math.Min(width, 10)], frame);
    }

    [Fact]
    public void Before_the_first_answer_the_frame_says_so()
    {
        Assert.Contains("connecting", TopRenderer.Render(null, TopTab.Workers, 80, 24, color: false));
        Assert.Contains("reading the log", TopRenderer.Render(Snapshot() with { Log = null }, TopTab.Logs, 80, 24, color: false));
        Assert.Contains("node gone", TopRenderer.Render(Snapshot() with { Error = "node gone" }, TopTab.Logs, 80, 24, color: false));
    }

    [Fact]
    public void Tab_and_Shift_Tab_cycle_and_q_quits()
    {
        static ConsoleKeyInfo Key(ConsoleKey key, char c = '\0', bool shift = false, bool control = false) => new(c, key, shift, false, control);
        Assert.Equal(TopKey.Next, TopKeys.Map(Key(ConsoleKey.Tab, '\t')));
        Assert.Equal(TopKey.Previous, TopKeys.Map(Key(ConsoleKey.Tab, '\t', shift: true)));
        Assert.Equal(TopKey.Quit, TopKeys.Map(Key(ConsoleKey.Q, 'q')));
        Assert.Equal(TopKey.Quit, TopKeys.Map(Key(ConsoleKey.C, '\u0003', control: true)));
        Assert.Equal(TopKey.Logs, TopKeys.Map(Key(ConsoleKey.D3, '3')));
        Assert.Equal(TopKey.None, TopKeys.Map(Key(ConsoleKey.X, 'x')));
        Assert.Equal(TopTab.Tasks, TopKeys.Apply(TopTab.Workers, TopKey.Next));
        Assert.Equal(TopTab.Workers, TopKeys.Apply(TopTab.Logs, TopKey.Next));
        Assert.Equal(TopTab.Logs, TopKeys.Apply(TopTab.Workers, TopKey.Previous));
        Assert.Equal(TopTab.Logs, TopKeys.Apply(TopTab.Logs, TopKey.None));
    }

    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5", 1500)]
    [InlineData("60s", 60000)]
    [InlineData("100ms", 100)]
    public void Intervals_are_read(string text, int ms)
    {
        Assert.True(TopCommand.TryParseInterval(text, out var interval));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), interval);
    }

    [Theory]
    [InlineData("99ms")]
    [InlineData("61s")]
    [InlineData("0")]
    [InlineData("-1s")]
    [InlineData("fast")]
    [InlineData("1m")]
    [InlineData("NaN")]
    public void Bad_intervals_are_refused(string text) => Assert.False(TopCommand.TryParseInterval(text, out _));

    [Fact]
    public void The_board_keeps_a_running_tasks_progress_until_its_state_changes()
    {
        var board = new TaskBoard();
        board.Apply(new TaskEvent("a", TaskState.Accepted, 0), T0);
        board.Apply(new TaskEvent("a", TaskState.Running, 0, Progress: 0.3), T0); // before it runs: ignored
        Assert.Null(board.ProgressOf("a"));
        board.Apply(new TaskEvent("a", TaskState.Running, 1), T0.AddSeconds(1));
        var dto = board.Apply(new TaskEvent("a", TaskState.Running, 1, Progress: 0.6), T0.AddSeconds(2));
        Assert.Equal(0.6, dto.Progress);
        Assert.Equal(0.6, board.ProgressOf("a"));
        Assert.Equal(T0.AddSeconds(1), board.Task("a", T0.AddSeconds(3))!.StartedAt); // a progress report is not a new start
        Assert.Equal(0.6, Assert.Single(board.Running(10, T0.AddSeconds(3))).Progress);
        board.Apply(new TaskEvent("a", TaskState.Succeeded, 1, new TaskResult("a", TaskState.Succeeded, null, null, 1, 10)), T0.AddSeconds(4));
        Assert.Null(board.ProgressOf("a"));
    }

    [Fact]
    public void The_run_tracker_shows_running_tasks_percentages()
    {
        var tracker = new JobTracker(["a", "b"]);
        tracker.Apply(new TaskEvent("a", TaskState.Running, 1));
        tracker.Apply(new TaskEvent("a", TaskState.Running, 1, Progress: 0.4));
        tracker.Apply(new TaskEvent("b", TaskState.Running, 1, Progress: 0.9)); // b is not running yet: ignored
        var s = tracker.Snapshot();
        Assert.Equal(1, s.Running);
        Assert.Equal("a 40%", s.RunningProgressText);
        Assert.Contains("(running: a 40%)", s.ToString());
        tracker.Apply(new TaskEvent("a", TaskState.Succeeded, 1, new TaskResult("a", TaskState.Succeeded, null, null, 1, 10)));
        Assert.Equal(string.Empty, tracker.Snapshot().RunningProgressText);
    }
}
