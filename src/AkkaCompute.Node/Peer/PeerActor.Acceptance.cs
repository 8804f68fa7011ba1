using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Cluster;

namespace AkkaCompute.Node.Peer;

/// <summary>
/// Durable acceptance (DESIGN.md, "Hand-off": acceptance survives the loss of any single node). A home sends each batch to
/// every other member's replica (<see cref="AcceptedReplicaActor"/>) and acknowledges it once a majority of the members
/// (itself included) hold it, before it journals it; when a task finishes its entry gets the result (sent every 200 ms); a
/// retention time later the replicas forget it. When a member is removed, its successor home (<see cref="HomeSuccession"/>)
/// asks every replica for the removed home's entries (a majority held each one, so a survivor has it unless a majority was
/// lost at once), takes those tasks over (journals them, restores finished ones with their results, runs the others) and
/// sends them back to the replicas with itself as home, so a later removal of the successor hands them on again.
/// The protocol is the one the placement simulation checks (AkkaCompute.Simulation, PlacementNode.Replica).
/// </summary>
public sealed partial class PeerActor
{
    /// <summary>Results whose output JSON is longer than this (16 KiB) are not replicated: a successor runs such a task again.</summary>
    private const int MaxReplicatedResultBytes = 16 * 1024;

    /// <summary>The most finished entries one <see cref="ReplicateFinished"/> carries: 50 (50 x 16 KiB fits a frame).</summary>
    private const int FinishedPerMessage = 50;

    /// <summary>The most finished entries a home keeps replicated (the oldest beyond are forgotten early): 100,000.</summary>
    private const int MaxRetainedFinished = 100_000;

    /// <summary>How long finished entries wait before they are sent to the replicas together: 200 ms.</summary>
    private static readonly TimeSpan AcceptedFlushInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a successor waits before it asks the replicas again after some did not answer or the journal failed: 2 s.</summary>
    private static readonly TimeSpan TakeOverRetryInterval = TimeSpan.FromSeconds(2);

    private readonly HomedTasks _homed = new();
    private readonly Dictionary<string, AcceptedTask> _acceptedWrites = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removedHomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AcceptedTask> _gathered = new(StringComparer.Ordinal);
    private HashSet<string>? _takingOver;
    private int _awaitedReplicas;
    private long _round;
    private long _tookOver;

    private void StartAcceptance()
    {
        if (Distributed)
        {
            Context.ActorOf(AcceptedReplicaActor.Props(), AcceptedReplicaActor.Name);
            var prune = _options.ResultRetention < TimeSpan.FromSeconds(10) ? _options.ResultRetention : TimeSpan.FromSeconds(10);
            Timers.StartPeriodicTimer("accepted-prune", PruneAccepted.Instance, prune);
        }
    }

    /// <summary>
    /// True when an acknowledged batch is held by another member too (acceptance = majority in a cluster of two or more):
    /// then the acknowledgement does not wait for the journal. A single member, or acceptance = local, journals first.
    /// </summary>
    private bool ReplicatedToOthers => _options.Acceptance == AcceptanceConsistency.Majority && _view.Members.Count >= 2;

    private void AcceptanceReceives()
    {
        Receive<AcceptedRecorded>(_ => { }); // a batch journaled in the background (Submit)
        Receive<FlushAccepted>(_ => FlushAcceptedWrites());
        Receive<PruneAccepted>(_ => PruneFinished());
        Receive<TakeOver>(_ => StartTakeOver());
        Receive<AcceptedOf>(Gathered);
        Receive<TakeOverTimeout>(t =>
        {
            if (t.Round == _round && _takingOver is not null)
            {
                FinishGathering(complete: false);
            }
        });
        ReceiveAsync<AdoptOrphans>(AdoptAsync);
    }

    /// <summary>
    /// The replica on the member at <paramref name="address"/>: this member's own child, or a remote reference resolved from
    /// the path (no round trip; unlike an ActorSelection, the message travels without a path to walk on arrival).
    /// </summary>
    private IActorRef ReplicaOn(string address) => address == _selfAddress
        ? Context.Child(AcceptedReplicaActor.Name)
        : ((ExtendedActorSystem)Context.System).Provider.ResolveActorRef(MembershipView.PathOn(address, Self.Path / AcceptedReplicaActor.Name));

    private List<string> OtherMembers() => _view.Members.Where(m => m.Address != _selfAddress).Select(m => m.Address).ToList();

    /// <summary>Every member's address, this one's included (its own replica holds its recurring occurrences: <see cref="ChainClaims"/>).</summary>
    private List<string> AllMembers() => _view.Members.Select(m => m.Address).ToList();

    /// <summary>
    /// Sends the accepted tasks to every other member's replica and waits until enough of them hold them for a majority
    /// (none with <see cref="AcceptanceConsistency.Local"/>). The refusal is null when they are held, else why not (the
    /// replicas are told to forget them again). A batch with recurring occurrences also claims their chains
    /// (<see cref="ClaimAcceptedAsync"/>); the ids of occurrences whose chain another home holds come back in
    /// <c>HeldElsewhere</c>, and they are not accepted here.
    /// </summary>
    /// <param name="accepting">The tasks being accepted.</param>
    /// <param name="jobId">Their job.</param>
    /// <param name="head">The clock head they are stamped with.</param>
    /// <param name="owners">Tasks that their owner starts as soon as its replica holds them (PeerActor.StartOnHold), or null.</param>
    private async Task<(string? Refusal, IReadOnlyList<string> HeldElsewhere)> ReplicateAcceptedAsync(
        IReadOnlyList<TaskSpec> accepting, string? jobId, string head, Dictionary<string, string>? owners = null)
    {
        var entries = accepting.Select(s => new AcceptedTask(_selfAddress!, _selfAddress!, s, jobId, head)).ToList();
        if (entries.Exists(e => e.Spec.RecurrenceOf is not null))
        {
            return await ClaimAcceptedAsync(entries);
        }

        var others = OtherMembers();
        var needed = _options.Acceptance == AcceptanceConsistency.Majority ? _view.Members.Count / 2 : 0;
        var chunks = AcceptedTask.Chunk(entries, ReplicateAccepted.MaxEntries)
            .Select(c => new ReplicateAccepted(c, Owners: OwnersIn(c, owners))).ToList();
        if (needed == 0)
        {
            foreach (var replica in others.Select(ReplicaOn))
            {
                chunks.ForEach(c => replica.Tell(c, Self));
            }
        }
        else
        {
            var timeout = _options.AcceptanceTimeout;
            var pending = AskReplicas(others, chunks, timeout);
            var held = 0;
            while (held < needed && pending.Count > 0)
            {
                var done = await Task.WhenAny(pending);
                pending.Remove(done);
                held += await done is not null ? 1 : 0;
            }

            if (held < needed)
            {
                Forget(others, entries.Select(e => e.Key).ToList());
                return (NotMajority(held + 1, timeout), []);
            }
        }

        foreach (var entry in entries)
        {
            _homed.Set(entry);
        }

        return (null, []);
    }

    /// <summary>
    /// Sends <paramref name="chunks"/> to the replica on each of <paramref name="members"/>; one task per member, with that
    /// replica's answers to every chunk, or null when one of them did not come within <paramref name="timeout"/>.
    /// </summary>
    private List<Task<AcceptedHeld[]?>> AskReplicas(IEnumerable<string> members, List<ReplicateAccepted> chunks, TimeSpan timeout) =>
        members.Select(async member =>
        {
            try
            {
                var replica = ReplicaOn(member);
                return (AcceptedHeld[]?)await Task.WhenAll(chunks.Select(c => replica.Ask<AcceptedHeld>(c, timeout)));
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                return null;
            }
        }).ToList();

    private string NotMajority(int held, TimeSpan timeout) =>
        $"the batch was held by {held} of the cluster's {_view.Members.Count} members within {timeout.TotalSeconds:0.#} s, " +
        $"not a majority (akc.cluster.acceptance = majority): nothing was accepted. Retry once a majority of the members is reachable.";

    /// <summary>Tells the replicas on <paramref name="members"/> to forget the entries with <paramref name="keys"/>.</summary>
    private void Forget(IReadOnlyList<string> members, IReadOnlyList<string> keys)
    {
        foreach (var chunk in keys.Chunk(ReplicateAccepted.MaxEntries * 10))
        {
            foreach (var member in members)
            {
                ReplicaOn(member).Tell(new ForgetAccepted(chunk), Self);
            }
        }
    }

    /// <summary>Forgets a batch the journal then refused.</summary>
    private void ForgetAccepted(IReadOnlyList<TaskSpec> accepting)
    {
        var keys = new List<string>();
        foreach (var spec in accepting)
        {
            if (_homed.Remove(spec.Id, out var entry))
            {
                keys.Add(entry.Key);
            }
        }

        if (keys.Count > 0)
        {
            Forget(AllMembers(), keys);
        }
    }

    /// <summary>A task this node is home to finished: the replicas get its result with the next flush (a large result is left out).</summary>
    private void ReplicateFinished(TaskResult result)
    {
        if (!_homed.TryGet(result.TaskId, out var entry))
        {
            return;
        }

        var small = result.Output is not { } output || MessageChunks.JsonBytes(output) <= MaxReplicatedResultBytes;
        var updated = entry with { Home = _selfAddress!, Result = small ? result : null, FinishedAt = Now };
        _homed.Set(updated);
        _acceptedWrites[updated.Key] = updated;
        if (!Timers.IsTimerActive("accepted-flush"))
        {
            Timers.StartSingleTimer("accepted-flush", FlushAccepted.Instance, AcceptedFlushInterval);
        }
    }

    private void FlushAcceptedWrites()
    {
        var others = OtherMembers();
        foreach (var chunk in AcceptedTask.Chunk(_acceptedWrites.Values, FinishedPerMessage))
        {
            var message = new ReplicateFinished(chunk);
            others.ForEach(m => ReplicaOn(m).Tell(message, Self));
            if (chunk.Exists(e => e.Spec.RecurrenceOf is not null))
            {
                ReplicaOn(_selfAddress!).Tell(new ReplicateFinished(chunk.FindAll(e => e.Spec.RecurrenceOf is not null)), Self); // a finished occurrence ends its claim
            }
        }

        _acceptedWrites.Clear();
    }

    /// <summary>
    /// Forgets the entries of tasks that finished more than <see cref="ComputeNodeOptions.ResultRetention"/> ago, and the oldest
    /// finished ones beyond <see cref="MaxRetainedFinished"/>, so that the replicas' memory stays bounded under a high task rate
    /// (<see cref="HomedTasks.Prune"/>: in time proportional to what it forgets).
    /// </summary>
    private void PruneFinished()
    {
        var old = _homed.Prune(Now - _options.ResultRetention, MaxRetainedFinished);
        foreach (var entry in old)
        {
            _acceptedWrites.Remove(entry.Key);
        }

        if (old.Count > 0)
        {
            Forget(AllMembers(), old.Select(e => e.Key).ToList());
        }
    }

    /// <summary>A member was removed (or an address joined again as a new incarnation): a successor home takes over its tasks.</summary>
    private void HomesChanged(ClusterEvent.IMemberEvent e, string? removed)
    {
        if (e is ClusterEvent.MemberUp up)
        {
            _removedHomes.Remove(up.Member.Address.ToString());
        }

        if (removed is not null)
        {
            _removedHomes.Add(removed);
            StartTakeOver();
        }
    }

    /// <summary>
    /// Asks every replica (this member's too) for the entries of the removed homes whose successor this member is now, and,
    /// after this actor restarted (<see cref="_recoverOwn"/>), for its own: a batch acknowledged before its journal write
    /// finished is not in the recovered history, but the replicas hold it.
    /// </summary>
    private void StartTakeOver()
    {
        var homes = _removedHomes.Where(h => HomeSuccession.SuccessorOf(h, _view.Members) == _selfAddress).ToHashSet(StringComparer.Ordinal);
        if (_recoverOwn)
        {
            if (_view.Members.Count == 0)
            {
                // The membership events of this incarnation have not arrived yet: ask once they have.
                Timers.StartSingleTimer("take-over", TakeOver.Instance, TimeSpan.FromMilliseconds(200));
            }
            else
            {
                homes.Add(_selfAddress!);
            }
        }

        if (homes.Count == 0 || _takingOver is not null)
        {
            return;
        }

        _takingOver = homes;
        _gathered.Clear();
        _round++;
        // Every Up member's replica: the view, and the cluster's own state (a restarted actor may not have its whole view yet).
        var members = _view.Members.Select(m => m.Address)
            .Union(Akka.Cluster.Cluster.Get(Context.System).State.Members.Where(m => m.Status == MemberStatus.Up).Select(m => m.Address.ToString()), StringComparer.Ordinal)
            .ToList();
        _awaitedReplicas = members.Count;
        var request = new GetAcceptedOf([.. homes], _round);
        members.ForEach(m => ReplicaOn(m).Tell(request, Self));
        Timers.StartSingleTimer("take-over-timeout", new TakeOverTimeout(_round), _options.AcceptanceTimeout);
    }

    private void Gathered(AcceptedOf answer)
    {
        if (answer.Round != _round || _takingOver is null)
        {
            return;
        }

        foreach (var entry in answer.Entries)
        {
            _gathered[entry.Key] = AcceptedTask.Merge(_gathered.GetValueOrDefault(entry.Key), entry);
        }

        if (answer.Last && --_awaitedReplicas == 0)
        {
            FinishGathering(complete: true);
        }
    }

    /// <summary>Adopts what the replicas sent; when some did not answer, asks again after <see cref="TakeOverRetryInterval"/>.</summary>
    private void FinishGathering(bool complete)
    {
        Timers.Cancel("take-over-timeout");
        var homes = _takingOver!;
        _takingOver = null;
        var orphans = _gathered.Values.Where(e => homes.Contains(e.Home) && _table.StateOf(e.Spec.Id) is null).ToList();
        _gathered.Clear();
        if (orphans.Count > 0)
        {
            Self.Tell(new AdoptOrphans(orphans), Self);
        }

        if (complete && homes.Contains(_selfAddress!))
        {
            _recoverOwn = false;
        }

        if (!complete)
        {
            _log.Warning("not every replica answered about the tasks of removed member(s) {0}; asking again in {1}", string.Join(", ", homes), TakeOverRetryInterval);
            Timers.StartSingleTimer("take-over", TakeOver.Instance, TakeOverRetryInterval);
        }
        else if (_removedHomes.Any(h => !homes.Contains(h) && HomeSuccession.SuccessorOf(h, _view.Members) == _selfAddress))
        {
            Self.Tell(TakeOver.Instance, Self); // removed while this round gathered
        }
    }

    /// <summary>Journals the orphans (then takes them over), or asks again later when the journal fails.</summary>
    private async Task AdoptAsync(AdoptOrphans adopt)
    {
        var orphans = adopt.Orphans.Where(o => _table.StateOf(o.Spec.Id) is null).ToList();
        if (orphans.Count == 0)
        {
            return;
        }

        try
        {
            await _history.Ask<AcceptedRecorded>(new RecordAccepted(orphans.Select(o => o.Spec).ToList()), _options.HistoryWriteTimeout);
        }
        catch (Exception e)
        {
            _log.Warning("the history could not record {0} tasks taken over; asking the replicas again in {1}: {2}", orphans.Count, TakeOverRetryInterval, e.Message);
            Timers.StartSingleTimer("take-over", TakeOver.Instance, TakeOverRetryInterval);
            return;
        }

        Adopt(orphans);
    }

    private void Adopt(List<AcceptedTask> orphans)
    {
        var finished = orphans.Where(o => o.Result is not null).ToList();
        var incomplete = orphans.Where(o => o.Result is null).ToList();
        var failed = _table.Restore(finished.Select(o => (o.Spec, o.Result!)).ToList(), incomplete.Select(o => (o.Spec, 0)).ToList());
        foreach (var orphan in orphans)
        {
            _placements[orphan.Spec.Id] = TaskPlacement.For(orphan.Spec.Id, orphan.JobId ?? "", orphan.StampedHead, orphan.Spec.Requires);
            _homed.Set(orphan with { Home = _selfAddress! });
        }

        foreach (var orphan in orphans)
        {
            _history.Tell(new RecordEvent(new TaskOwnerChanged(orphan.Spec.Id, 0, orphan.Home, _selfAddress, TaskOwnerChanged.TakeOverReason, Now)), Self);
        }

        foreach (var orphan in incomplete)
        {
            Publish(new TaskEvent(orphan.Spec.Id, TaskState.Accepted, 0, JobId: orphan.JobId));
        }

        foreach (var orphan in finished)
        {
            RecordFinished(orphan.Result!);
        }

        RecordFinished(failed);

        // The replicas hold the entries with this member as their home now, so a later removal of it hands them on from here.
        // Its own replica takes the recurring occurrences, so that it votes for this member's claim on their chains.
        var members = incomplete.Exists(o => o.Spec.RecurrenceOf is not null) ? AllMembers() : OtherMembers();
        foreach (var chunk in AcceptedTask.Chunk(incomplete.Select(o => _homed[o.Spec.Id]), ReplicateAccepted.MaxEntries))
        {
            var message = new ReplicateAccepted(chunk);
            members.ForEach(m => ReplicaOn(m).Tell(message, Self));
        }

        _tookOver += orphans.Count;
        if (orphans.Exists(o => o.Spec.RecurrenceOf is not null))
        {
            RepairChains(); // a chain whose last occurrence finished at the removed home before its successor was accepted goes on here
        }

        _log.Info("took over {0} accepted tasks of removed member(s) {1} ({2} finished there, {3} to run)",
            orphans.Count, string.Join(", ", orphans.Select(o => o.Home).Distinct()), finished.Count, incomplete.Count);
        Pump();
    }

    private sealed class FlushAccepted
    {
        public static readonly FlushAccepted Instance = new();
    }

    private sealed class PruneAccepted
    {
        public static readonly PruneAccepted Instance = new();
    }

    private sealed class TakeOver
    {
        public static readonly TakeOver Instance = new();
    }

    private sealed record TakeOverTimeout(long Round);

    private sealed record AdoptOrphans(List<AcceptedTask> Orphans);
}
