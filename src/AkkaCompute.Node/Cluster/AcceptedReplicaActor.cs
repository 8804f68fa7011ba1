using Akka.Actor;
using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.Protocol;

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
/// </summary>
public sealed class AcceptedReplicaActor : ReceiveActor
{
    /// <summary>The actor's name under the PeerActor: <c>replica</c>.</summary>
    public const string Name = "replica";

    private readonly Dictionary<string, AcceptedTask> _held = new(StringComparer.Ordinal);

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
                return;
            }

            var refused = conflicts.Select(c => c.Chain).ToHashSet(StringComparer.Ordinal);
            var holding = r.Entries.Where(e => e.Spec.RecurrenceOf is not { } chain || !refused.Contains(chain)).ToList();
            Hold(holding);
            Sender.Tell(new AcceptedHeld(holding.Count, conflicts), Self);
        });
        Receive<ReplicateFinished>(r => Hold(r.Entries));
        Receive<ForgetAccepted>(f =>
        {
            foreach (var key in f.Keys)
            {
                if (_held.Remove(key, out var entry))
                {
                    Unindex(entry);
                }
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

    /// <summary>Props for a replica.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new AcceptedReplicaActor());

    private void Hold(IReadOnlyList<AcceptedTask> entries)
    {
        foreach (var entry in entries)
        {
            var previous = _held.GetValueOrDefault(entry.Key);
            var merged = AcceptedTask.Merge(previous, entry);
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
