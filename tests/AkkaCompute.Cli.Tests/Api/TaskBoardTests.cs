using AkkaCompute.Cli.Api;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Cli.Tests.Api;

/// <summary>The REST API's live view of tasks and jobs (<see cref="TaskBoard"/>) and its 5-second buckets (<see cref="SeriesBuckets"/>), without a node.</summary>
public sealed class TaskBoardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static TaskSpec Spec(string id, int priority = 0) => new() { Id = id, Function = "noop", Priority = priority };

    private static TaskResult Result(string id, TaskState state, string? error = null) => new(id, state, null, error, 1, 10);

    [Fact]
    public void A_job_counts_its_tasks_by_state_until_all_are_finished()
    {
        var board = new TaskBoard();
        board.Register("j", [Spec("a"), Spec("b"), Spec("c")], T0);
        Assert.Equal(3, board.Job("j")!.Counts["Submitted"]);

        board.Apply(new TaskEvent("a", TaskState.Accepted, 0), T0);
        board.Settle("j", ["a", "b", "c"], new Dictionary<string, TaskResult>(), refused: false, T0);
        board.Apply(new TaskEvent("a", TaskState.Running, 1), T0.AddSeconds(1));
        board.Apply(new TaskEvent("a", TaskState.Succeeded, 1, Result("a", TaskState.Succeeded)), T0.AddSeconds(2));
        board.Apply(new TaskEvent("b", TaskState.Failed, 1, Result("b", TaskState.Failed, "boom")), T0.AddSeconds(2));

        var job = board.Job("j")!;
        Assert.Equal(new Dictionary<string, int> { ["Succeeded"] = 1, ["Failed"] = 1, ["Accepted"] = 1 }, job.Counts);
        Assert.Equal(2, job.Finished);
        Assert.False(job.Done);
        Assert.Equal(2.0 / 3, job.Progress, 6);

        board.Apply(new TaskEvent("c", TaskState.Cancelled, 0, Result("c", TaskState.Cancelled)), T0.AddSeconds(3));
        Assert.True(board.Job("j")!.Done);
        var failure = Assert.Single(board.Failures(), f => f.Id == "b");
        Assert.Equal("boom", failure.Error);
        Assert.Equal("j", failure.Job);
    }

    [Fact]
    public void A_job_submitted_another_way_than_the_api_appears_from_its_accepted_events()
    {
        var board = new TaskBoard();
        board.Apply(new TaskEvent("x", TaskState.Accepted, 0, JobId: "from-cli"), T0);
        board.Apply(new TaskEvent("y", TaskState.Accepted, 0, JobId: "from-cli"), T0);
        board.Apply(new TaskEvent("z", TaskState.Accepted, 0), T0); // no job: listed as a task only
        board.Apply(new TaskEvent("x", TaskState.Succeeded, 1, Result("x", TaskState.Succeeded)), T0.AddSeconds(1));

        var job = board.Job("from-cli")!;
        Assert.Equal((2, 1, T0), (job.Tasks, job.Finished, job.SubmittedAt));
        Assert.Equal(new Dictionary<string, int> { ["Succeeded"] = 1, ["Accepted"] = 1 }, job.Counts);
        Assert.Equal(["from-cli"], board.Jobs(10).Select(j => j.JobId));

        // Accepted again under another job (a rerun submitted as a new job) moves it there.
        board.Apply(new TaskEvent("x", TaskState.Accepted, 1, JobId: "again"), T0.AddSeconds(2));
        Assert.Equal(1, board.Job("from-cli")!.Tasks);
        Assert.Equal(1, board.Job("again")!.Tasks);
    }

    [Fact]
    public void A_refused_submission_leaves_no_job_and_no_task_behind()
    {
        var board = new TaskBoard();
        board.Register("j", [Spec("a")], T0);
        board.Settle("j", ["a"], new Dictionary<string, TaskResult>(), refused: true, T0);
        Assert.Null(board.Job("j"));
        Assert.Null(board.Task("a", T0));
    }

    [Fact]
    public void Already_known_finished_tasks_count_as_finished_at_once()
    {
        var board = new TaskBoard();
        board.Register("j", [Spec("a"), Spec("b")], T0);
        board.Settle("j", ["a", "b"], new Dictionary<string, TaskResult> { ["a"] = Result("a", TaskState.Succeeded), ["b"] = Result("b", TaskState.Succeeded) }, refused: false, T0);
        Assert.True(board.Job("j")!.Done);
    }

    [Fact]
    public void A_task_submitted_again_under_another_job_moves_to_it()
    {
        var board = new TaskBoard();
        board.Register("one", [Spec("a"), Spec("b")], T0);
        board.Register("two", [Spec("a")], T0);
        Assert.Equal(1, board.Job("one")!.Tasks);
        Assert.Equal(1, board.Job("two")!.Tasks);
        Assert.Equal("two", board.JobOf("a"));
        Assert.Equal(["two", "one"], board.Jobs(10).Select(j => j.JobId));
    }

    [Fact]
    public void Waiting_tasks_are_grouped_by_priority_highest_first_and_running_ones_show_their_elapsed_time()
    {
        var board = new TaskBoard();
        board.Register("j", [Spec("a", 5), Spec("b", 5), Spec("c", -1), Spec("d")], T0);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            board.Apply(new TaskEvent(id, TaskState.Accepted, 0), T0);
        }

        board.Apply(new TaskEvent("x", TaskState.Accepted, 0), T0); // submitted another way: priority unknown
        board.Apply(new TaskEvent("d", TaskState.Running, 1), T0);
        Assert.Equal([(5, 2), (-1, 1), ((int?)null, 1)], board.QueueByPriority().Select(q => (q.Priority, q.Count)));
        var running = Assert.Single(board.Running(10, T0.AddSeconds(2)));
        Assert.Equal("d", running.Id);
        Assert.Equal(2000, running.ElapsedMs);
    }

    [Fact]
    public void The_board_forgets_the_oldest_finished_tasks_beyond_its_limit_but_keeps_unfinished_ones()
    {
        var board = new TaskBoard(maxTasks: 16);
        board.Apply(new TaskEvent("keep", TaskState.Accepted, 0), T0);
        for (var i = 0; i < 40; i++)
        {
            board.Apply(new TaskEvent($"t{i}", TaskState.Succeeded, 1, Result($"t{i}", TaskState.Succeeded)), T0);
        }

        Assert.NotNull(board.Task("keep", T0));
        Assert.Null(board.Task("t0", T0));
        Assert.NotNull(board.Task("t39", T0));
    }

    [Fact]
    public void Finished_tasks_are_counted_in_5_second_buckets_over_10_minutes()
    {
        var series = new SeriesBuckets();
        series.Add(T0, succeeded: true, latencyMs: 100);
        series.Add(T0.AddSeconds(1), succeeded: false, latencyMs: 300);
        series.Add(T0.AddSeconds(7), succeeded: true, latencyMs: 50);
        series.Add(T0.AddMinutes(-20), succeeded: true, latencyMs: 1); // older than the window

        var points = series.Points(T0.AddSeconds(8));
        Assert.Equal(SeriesBuckets.Count, points.Count);
        Assert.Equal(1, points[^1].Finished);
        var previous = points[^2];
        Assert.Equal(T0, previous.At);
        Assert.Equal(2, previous.Finished);
        Assert.Equal(1, previous.Failed);
        Assert.Equal(200, previous.LatencyAvgMs);
        Assert.Equal(300, previous.LatencyMaxMs);
        Assert.Equal(3, points.Sum(p => p.Finished));
        Assert.Equal(3 / 60.0, series.PerSecondLastMinute(T0.AddSeconds(8)), 6);

        // Ten minutes on, the old buckets are gone.
        Assert.Equal(0, series.Points(T0.AddMinutes(11)).Sum(p => p.Finished));
    }
}
