using Akka.Actor;
using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Node.Cluster;

/// <summary>
/// This member's replica of the other homes' accepted tasks (a child of the PeerActor, named <see cref="Name"/>): it holds
/// what homes send in <see cref="ReplicateAccepted"/> (answering <see cref="AcceptedHeld"/>, which counts towards the home's
/// majority), takes their results (<see cref="ReplicateFinished"/>), forgets pruned entries (<see cref="ForgetAccepted"/>),
/// and answers a successor home's <see cref="GetAcceptedOf"/> with the entries of removed homes, in chunks that fit a
/// remote message. In memory only: a replica that restarts holds nothing, so acceptance survives the loss of any one member,
/// not of a majority at once (the README states it). Entries are merged with <see cref="AcceptedTask.Merge"/>.
/// It is also a voter in the claim on recurring chains (<see cref="ChainClaims"/>): at acceptance it does not hold an
/// occurrence of a chain of which it holds an unfinished occurrence from another home, and names that home instead.
/// When the home names this member the owner of held tasks (<see cref="ReplicateAccepted.Owners"/>), the replica hands them
/// to its PeerActor to start at once (<see cref="StartHeld"/>), and a later <see cref="ForgetAccepted"/> of one of them that
/// has not finished drops it there if it is still queued (<see cref="ForgetStartedHeld"/>).
/// </summary>
public sealed class AcceptedReplicaActor : ReceiveActor
{
    /// <summary>The actor's name under the PeerActor: <c>replica</c>.</summary>
    public const string Name = "replica";

    /// <summary>The attempt a task started on hold runs as: 1 (only tasks new to their home are started so).</summary>
    public const int FirstAttempt = 1;

    private readonly Dictionary<string, AcceptedTask> _held = new(StringComparer.Ordinal);

    /// <summary>Keys of the entries this member started on hold (<see cref="StartOwned"/>) that have not finished.</summary>
    private readonly HashSet<string> _startedHere = new(StringComparer.Ordinal);

    private string? _self;

    /// <summary>The unfinished recurring occurrences held, by chain id: the claims this replica voted for.</summary>
    private readonly Dictionary<string, List<AcceptedTask>> _chains = new(StringComparer.Ordinal);

    /// <summary>Creates an empty replica.</summary>
    public AcceptedReplicaActor()
    {
        Receive<ReplicateAccepted>(r =>
        {
            var conflicts = r.Claim && _chains.Count > 0 ? ChainClaims.Conflicts(_chains, r.Entries) : [];
            if (conflicts.Count == 0)
            {
                Hold(r.Entries);
                Sender.Tell(new AcceptedHeld(r.Entries.Count), Self);
                StartOwned(r);
                return;
            }

            var refused = conflicts.Select(c => c.Chain).ToHashSet(StringComparer.Ordinal);
            var holding = r.Entries.Where(e => e.Spec.RecurrenceOf is not { } chain || !refused.Contains(chain)).ToList();
            Hold(holding);
            Sender.Tell(new AcceptedHeld(holding.Count, conflicts), Self);
        });
        Receive<ReplicateFinished>(r =>
        {
            Hold(r.Entries);
            if (_startedHere.Count > 0)
            {
                foreach (var entry in r.Entries)
                {
                    _startedHere.Remove(entry.Key);
                }
            }
        });
        Receive<ForgetAccepted>(f =>
        {
            List<string>? started = null;
            foreach (var key in f.Keys)
            {
                if (_held.Remove(key, out var entry))
                {
                    Unindex(entry);
                }

                if (_startedHere.Remove(key))
                {
                    (started ??= []).Add(key);
                }
            }

            if (started is not null)
            {
                Context.Parent.Tell(new ForgetStartedHeld(started), Self);
            }
        });
        Receive<GetAcceptedOf>(g =>
        {
            var homes = g.Homes.ToHashSet(StringComparer.Ordinal);
            var chunks = AcceptedTask.Chunk(_held.Values.Where(e => homes.Contains(e.Home)), ReplicateAccepted.MaxEntries).ToList();
            for (var i = 0; i < chunks.Count; i++)
            {
                Sender.Tell(new AcceptedOf(chunks[i], g.Round, Last: i == chunks.Count - 1), Self);
            }

            if (chunks.Count == 0)
            {
                Sender.Tell(new AcceptedOf([], g.Round, Last: true), Self);
            }
        });
    }

    /// <summary>
    /// Hands the held entries the home named this member the owner of (<see cref="ReplicateAccepted.Owners"/>) to the
    /// PeerActor, which starts them (<see cref="StartHeld"/>), and remembers their keys until they finish or are forgotten.
    /// </summary>
    private void StartOwned(ReplicateAccepted r)
    {
        if (r.Owners is not { Count: > 0 } owners)
        {
            return;
        }

        _self ??= Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        List<TaskSpec>? mine = null;
        foreach (var entry in r.Entries)
        {
            if (owners.TryGetValue(entry.Spec.Id, out var owner) && owner == _self && _startedHere.Add(entry.Key))
            {
                (mine ??= []).Add(entry.Spec);
            }
        }

        if (mine is not null)
        {
            Context.Parent.Tell(new StartHeld(r.Entries[0].Home, mine), Self);
        }
    }

    /// <summary>Props for a replica.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new AcceptedReplicaActor());

    private void Hold(IReadOnlyList<AcceptedTask> entries)
    {
        foreach (var entry in entries)
        {
            var previous = _held.GetValueOrDefault(entry.Key);
            var merged = AcceptedTask.Merge(previous, entry).SharingWith(previous);
            _held[entry.Key] = merged;
            if (previous is not null)
            {
                Unindex(previous);
            }

            if (merged.Spec.RecurrenceOf is { } chain && merged.Result is null)
            {
                if (!_chains.TryGetValue(chain, out var occurrences))
                {
                    _chains[chain] = occurrences = [];
                }

                occurrences.Add(merged);
            }
        }
    }

    private void Unindex(AcceptedTask entry)
    {
        if (entry.Spec.RecurrenceOf is { } chain && _chains.TryGetValue(chain, out var occurrences))
        {
            occurrences.RemoveAll(o => o.Key == entry.Key);
            if (occurrences.Count == 0)
            {
                _chains.Remove(chain);
            }
        }
    }
}
