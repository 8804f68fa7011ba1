using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Node.Peer;

/// <summary>
/// Progress of running attempts (<see cref="AttemptProgress"/>, already throttled by the executor): a foreign task's goes
/// to its home as it comes, after the attempt reports buffered for that home (so the home has seen the attempt start: a
/// report of an attempt the home does not know as running is dropped); an own task's is published to the subscribers as a
/// <see cref="TaskEvent"/> with <see cref="TaskEvent.Progress"/> while that attempt runs. Never journaled.
/// </summary>
public sealed partial class PeerActor
{
    /// <summary>The last progress of each own running task (fraction 0 to 1), for clients that poll (<see cref="GetTaskResults.WithStates"/>); removed when it finishes.</summary>
    private readonly Dictionary<string, double> _progress = new(StringComparer.Ordinal);

    /// <summary>The last progress reported by <paramref name="taskId"/>'s running attempt, or null.</summary>
    private double? ProgressOf(string taskId) => _progress.TryGetValue(taskId, out var fraction) ? fraction : null;

    private void Progressed(AttemptProgress progress)
    {
        if (_foreign.TryGetValue(progress.TaskId, out var f))
        {
            if (_outbox.TryGetValue(f.Home, out var box))
            {
                Flush(f.Home, box); // the attempt's start may still wait there: the home must see it first
            }

            f.Home.Tell(progress with { TaskId = f.TaskId }, Self);
            return;
        }

        if (_table.StateOf(progress.TaskId) == TaskState.Running && _table.AttemptOf(progress.TaskId) == progress.Attempt)
        {
            _progress[progress.TaskId] = progress.Fraction;
            Publish(new TaskEvent(progress.TaskId, TaskState.Running, progress.Attempt, Progress: progress.Fraction));
        }
    }
}
