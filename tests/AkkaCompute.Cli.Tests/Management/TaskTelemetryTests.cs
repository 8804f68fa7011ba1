using System.Diagnostics;
using System.Diagnostics.Metrics;
using AkkaCompute.Cli.Telemetry;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Cli.Tests.Management;

/// <summary>The task instruments and per-attempt spans derived from task events.</summary>
public sealed class TaskTelemetryTests
{
    private static TaskResult Result(string id, TaskState state, double ms, bool cached = false) => new(id, state, null, state == TaskState.Succeeded ? null : "boom", 1, ms, cached);

    [Fact]
    public void Task_events_become_counters_a_duration_histogram_and_cache_hits()
    {
        var seen = new Dictionary<string, double>();
        using var telemetry = new TaskTelemetry("akka.tcp://akc@127.0.0.1:1");
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (ReferenceEquals(i.Meter, telemetry.Meter))
            {
                l.EnableMeasurementEvents(i);
            }
        };
        void Add(Instrument i, double v)
        {
            lock (seen)
            {
                seen[i.Name] = seen.GetValueOrDefault(i.Name) + v;
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, _, _) => Add(i, v));
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => Add(i, v));
        listener.SetMeasurementEventCallback<int>((i, v, _, _) => Add(i, v));
        listener.Start();

        telemetry.Record(new TaskEvent("a", TaskState.Accepted, 0));
        telemetry.Record(new TaskEvent("b", TaskState.Accepted, 0));
        telemetry.Record(new TaskEvent("a", TaskState.Running, 1));
        telemetry.Record(new TaskEvent("a", TaskState.Succeeded, 1, Result("a", TaskState.Succeeded, 12.5)));
        telemetry.Record(new TaskEvent("c", TaskState.Succeeded, 0, Result("c", TaskState.Succeeded, 0, cached: true)));
        telemetry.Record(new TaskEvent("b", TaskState.Failed, 1, Result("b", TaskState.Failed, 3)));
        telemetry.Record(new TaskEvent("d", TaskState.TimedOut, 1, Result("d", TaskState.TimedOut, 100)));
        telemetry.Record(new TaskEvent("e", TaskState.Cancelled, 0));

        Assert.Equal(2, seen["akkacompute.tasks.accepted"]);
        Assert.Equal(2, seen["akkacompute.tasks.succeeded"]);
        Assert.Equal(1, seen["akkacompute.tasks.failed"]);
        Assert.Equal(1, seen["akkacompute.tasks.timed_out"]);
        Assert.Equal(1, seen["akkacompute.tasks.cancelled"]);
        Assert.Equal(115.5, seen["akkacompute.task.duration"]);
        Assert.Equal((1L, 1L), (telemetry.CacheHits, telemetry.CacheMisses));

        telemetry.Snapshot = new TelemetrySnapshot(7, 2, 3, 4);
        listener.RecordObservableInstruments();
        Assert.Equal(7, seen["akkacompute.queue.depth"]);
        Assert.Equal(3, seen["akkacompute.handoffs"]);
        Assert.Equal(4, seen["akkacompute.steals"]);
    }

    [Fact]
    public void Each_attempt_is_a_span_from_running_to_its_end_with_owner_and_outcome()
    {
        using var telemetry = new TaskTelemetry("akka.tcp://akc@127.0.0.1:7");
        var (_, stopped, listener) = Listen(telemetry);
        using var _listener = listener;

        telemetry.Record(new TaskEvent("t", TaskState.Running, 1));
        Assert.Equal(1, telemetry.OpenSpans);
        telemetry.Record(new TaskEvent("t", TaskState.Retrying, 1, Message: "exit 3"));
        telemetry.Record(new TaskEvent("t", TaskState.Running, 2));
        telemetry.Record(new TaskEvent("t", TaskState.Succeeded, 2, Result("t", TaskState.Succeeded, 5)));

        Assert.Equal(0, telemetry.OpenSpans);
        Assert.Equal(2, stopped.Count);
        Assert.Equal(["retrying", "Succeeded"], stopped.Select(a => a.GetTagItem("akkacompute.task.outcome")));
        Assert.Equal([1, 2], stopped.Select(a => (int)a.GetTagItem("akkacompute.task.attempt")!));
        Assert.All(stopped, a => Assert.Equal(("t", "akka.tcp://akc@127.0.0.1:7"), ((string)a.GetTagItem("akkacompute.task.id")!, (string)a.GetTagItem("akkacompute.task.owner")!)));
        Assert.Equal(ActivityStatusCode.Error, stopped[0].Status);
    }

    [Fact]
    public void Spans_of_different_tasks_are_roots_and_leave_the_ambient_activity_alone()
    {
        using var telemetry = new TaskTelemetry("akka.tcp://akc@127.0.0.1:7");
        var (started, _, listener) = Listen(telemetry);
        using var _listener = listener;
        var before = Activity.Current;

        // One feeder records every event on one flow, as TaskTelemetryService does; spans overlap and end out of order.
        foreach (var id in new[] { "a", "b", "c" })
        {
            telemetry.Record(new TaskEvent(id, TaskState.Running, 1));
        }

        telemetry.Record(new TaskEvent("b", TaskState.Succeeded, 1, Result("b", TaskState.Succeeded, 1)));
        telemetry.Record(new TaskEvent("d", TaskState.Running, 1));

        Assert.Equal(4, started.Count);
        Assert.All(started, a => Assert.Null(a.Parent));
        Assert.All(started, a => Assert.Equal(default, a.ParentSpanId));
        Assert.Equal(4, started.Select(a => a.TraceId).Distinct().Count());
        Assert.Same(before, Activity.Current);
    }

    /// <summary>Records every span of <paramref name="telemetry"/> as it starts and as it stops, until the listener is disposed.</summary>
    private static (List<Activity> Started, List<Activity> Stopped, ActivityListener Listener) Listen(TaskTelemetry telemetry)
    {
        var started = new List<Activity>();
        var stopped = new List<Activity>();
        var listener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, telemetry.Source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = a =>
            {
                lock (started)
                {
                    started.Add(a);
                }
            },
            ActivityStopped = a =>
            {
                lock (stopped)
                {
                    stopped.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return (started, stopped, listener);
    }
}
