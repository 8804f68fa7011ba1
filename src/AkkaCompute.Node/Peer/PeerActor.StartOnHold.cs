using Akka.Actor;
using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Compute.Workflows;
using AkkaCompute.Node.Cluster;

namespace AkkaCompute.Node.Peer;

/// <summary>
/// Start on hold: the owner's replica copy doubles as the order to run. For a batch whose majority needs one other
/// member's copy (clusters of two or three members with acceptance = majority), the home names in its
/// <see cref="Compute.Protocol.ReplicateAccepted"/> the owner of each task that is ready on acceptance
/// (<see cref="TaskTable.ReadyOnAcceptance"/>, new to this home, not cached, without declared inputs or recurrence). An owner
/// other than the home starts such a task as soon as its replica holds it; its copy alone makes the majority, so the task
/// never runs before its acceptance is durable. The home then records the task as placed there instead of sending it a
/// <see cref="Compute.Protocol.RunTasks"/> after the majority answered: one network hop less between submission and result.
/// If the home still refuses the batch (no answer within the acceptance timeout), its forget message drops the tasks the
/// owner has not started yet; one already started may have run (execution is at-least-once; its report finds no task at
/// the home and is ignored).
/// </summary>
public sealed partial class PeerActor
{
    private long _placedOnHold;

    /// <summary>
    /// The owner of each task of <paramref name="candidates"/> (the batch's tasks new to this home) that its owner should
    /// start on hold (see the type's summary), by task id; null when none qualifies, when the batch needs more than one
    /// other member's copy (<c>members / 2 != 1</c>), or when <paramref name="accepting"/> has recurring occurrences (such a
    /// batch is replicated as a chain claim, <see cref="ClaimAcceptedAsync"/>, which names no owners).
    /// </summary>
    private Dictionary<string, string>? OwnersStartingOnHold(IReadOnlyList<TaskSpec> accepting, IReadOnlyList<TaskSpec> candidates, string? jobId, string head)
    {
        if (_options.Acceptance != AcceptanceConsistency.Majority || _view.Members.Count / 2 != 1 || _options.Placement == PlacementMode.Home
            || accepting.Any(s => s.RecurrenceOf is not null))
        {
            return null;
        }

        Dictionary<string, string>? owners = null;
        foreach (var spec in candidates)
        {
            // Only tasks the cache cannot answer: without inputs, a shell task has no cache key and a function task has one
            // when caching is on (CacheKey.For). Decided by kind, so that the key is not computed here and again in Pump.
            if (!TaskTable.ReadyOnAcceptance(spec) || spec.Inputs is { Count: > 0 }
                || (_options.CacheEnabled && spec.Cache && spec.Kind == TaskKind.Function))
            {
                continue;
            }

            var owner = Ownership.OwnerOf(TaskPlacement.For(spec.Id, jobId ?? "", head, spec.Requires), _view.Members);
            if (owner is not null && owner != _selfAddress)
            {
                (owners ??= new Dictionary<string, string>(StringComparer.Ordinal))[spec.Id] = owner;
            }
        }

        return owners;
    }

    /// <summary>The part of <paramref name="owners"/> for the entries of one chunk; null when none of them is named.</summary>
    private static Dictionary<string, string>? OwnersIn(List<AcceptedTask> chunk, Dictionary<string, string>? owners)
    {
        if (owners is null)
        {
            return null;
        }

        Dictionary<string, string>? part = null;
        foreach (var entry in chunk)
        {
            if (owners.TryGetValue(entry.Spec.Id, out var owner))
            {
                (part ??= new Dictionary<string, string>(StringComparer.Ordinal))[entry.Spec.Id] = owner;
            }
        }

        return part;
    }

    /// <summary>
    /// After the batch was accepted: takes the tasks their owners started on hold from the table and records them as placed
    /// there (their attempt reports come from there); a task the table does not hand over (e.g. it failed at acceptance) is
    /// stopped at its owner.
    /// </summary>
    private void PlaceStartedOnHold(Dictionary<string, string> owners)
    {
        var now = Now;
        foreach (var (id, owner) in owners)
        {
            if (_table.Take(id))
            {
                _placed[id] = (owner, new QueuedTask(_table.SpecOf(id)!, AcceptedReplicaActor.FirstAttempt, now));
                _placedOnHold++;
            }
            else
            {
                Context.ActorSelection(MembershipView.PathOn(owner, Self.Path)).Tell(new StopRemoteTask(id), Self);
            }
        }
    }

    /// <summary>The owner's side: its replica holds tasks the home named it the owner of; they run here as a home's RunTasks would.</summary>
    private void StartHeldTasks(StartHeld held)
    {
        var home = ((ExtendedActorSystem)Context.System).Provider.ResolveActorRef(MembershipView.PathOn(held.Home, Self.Path));
        var now = Now;
        RunForeign(home, held.Home, held.Tasks.Select(spec => new QueuedTask(spec, AcceptedReplicaActor.FirstAttempt, now)).ToList());
    }

    /// <summary>The owner's side: entries it started on hold were forgotten (their batch refused): those still queued are dropped.</summary>
    private void ForgetHeldTasks(ForgetStartedHeld forget)
    {
        foreach (var key in forget.Keys)
        {
            if (_foreign.ContainsKey(key))
            {
                _scheduler.Tell(new Dequeue(key), Self);
            }
        }
    }
}
