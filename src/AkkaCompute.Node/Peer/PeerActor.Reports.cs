using Akka.Actor;
using AkkaCompute.Compute.Protocol;

namespace AkkaCompute.Node.Peer;

/// <summary>
/// Attempt reports of foreign tasks go to their homes in batches (<see cref="AttemptReports"/>): the first report buffered
/// for any home sends this actor a <see cref="FlushReports"/>, which it handles after the messages already in its mailbox,
/// so every report that arrives meanwhile travels in the same message, without a timer's delay. A home's buffer is also
/// flushed when it reaches <see cref="ReportBatchMax"/> reports or <see cref="MessageChunks.MaxBytes"/> estimated bytes.
/// </summary>
public sealed partial class PeerActor
{
    /// <summary>The most reports one <see cref="AttemptReports"/> carries: 256.</summary>
    private const int ReportBatchMax = 256;

    private readonly Dictionary<IActorRef, (List<AttemptStarted> Started, List<AttemptFinished> Finished)> _outbox = [];
    private readonly Dictionary<IActorRef, long> _outboxBytes = [];
    private bool _flushScheduled;

    private void ReportStarted(IActorRef home, AttemptStarted started)
    {
        var box = Box(home);
        box.Started.Add(started);
        AfterBuffered(home, box);
    }

    private void ReportFinished(IActorRef home, AttemptFinished finished)
    {
        var box = Box(home);
        box.Finished.Add(finished);
        _outboxBytes[home] = _outboxBytes.GetValueOrDefault(home) + MessageChunks.EstimateBytes(finished.Task)
            + (finished.Output is { } output ? MessageChunks.JsonBytes(output) : 0) * 3L + (finished.Error?.Length ?? 0) * 3L;
        AfterBuffered(home, box);
    }

    private (List<AttemptStarted> Started, List<AttemptFinished> Finished) Box(IActorRef home)
    {
        if (!_outbox.TryGetValue(home, out var box))
        {
            _outbox[home] = box = ([], []);
        }

        return box;
    }

    private void AfterBuffered(IActorRef home, (List<AttemptStarted> Started, List<AttemptFinished> Finished) box)
    {
        if (box.Started.Count + box.Finished.Count >= ReportBatchMax || _outboxBytes.GetValueOrDefault(home) >= MessageChunks.MaxBytes)
        {
            Flush(home, box);
        }
        else if (!_flushScheduled)
        {
            _flushScheduled = true;
            Self.Tell(FlushReports.Instance, Self);
        }
    }

    private void FlushAll()
    {
        _flushScheduled = false;
        foreach (var (home, box) in _outbox.ToList())
        {
            Flush(home, box);
        }
    }

    private void Flush(IActorRef home, (List<AttemptStarted> Started, List<AttemptFinished> Finished) box)
    {
        _outbox.Remove(home);
        _outboxBytes.Remove(home);
        if (box.Started.Count + box.Finished.Count > 0)
        {
            home.Tell(new AttemptReports(box.Started, box.Finished), Self);
        }
    }

    /// <summary>Reports from an owner: starts first (within one message a task's start precedes its end), then ends.</summary>
    private void ReportsArrived(AttemptReports reports)
    {
        foreach (var started in reports.Started)
        {
            Started(started);
        }

        foreach (var finished in reports.Finished)
        {
            AttemptDone(finished);
        }
    }

    private sealed class FlushReports
    {
        public static readonly FlushReports Instance = new();
    }
}
