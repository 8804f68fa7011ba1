using Akka.Actor;
using Akka.Event;
using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Compute.Workflows;

namespace AkkaCompute.Node.Peer;

/// <summary>
/// The cluster-wide claim on recurring chains (<see cref="ChainClaims"/>): a batch with recurring occurrences goes to every
/// member's replica, this member's own included, and each chain is kept only when a majority of them held its occurrence.
/// A chain that a majority names as another member's is already known there (its occurrence ids are answered as already
/// known, as a resubmission to its home would be); a chain whose votes split between two homes claiming it at once refuses
/// the batch with a message to retry.
/// </summary>
public sealed partial class PeerActor
{
    /// <summary>Replicates <paramref name="entries"/> as a claim (see the type's summary); the refusal, or the occurrence ids held elsewhere.</summary>
    private async Task<(string? Refusal, IReadOnlyList<string> HeldElsewhere)> ClaimAcceptedAsync(List<AcceptedTask> entries)
    {
        var members = AllMembers();
        var timeout = _options.AcceptanceTimeout;
        var chunks = AcceptedTask.Chunk(entries, ReplicateAccepted.MaxEntries).Select(c => new ReplicateAccepted(c, Claim: true)).ToList();
        var pending = AskReplicas(members, chunks, timeout);

        // The batch needs a majority of the members (itself included) with acceptance = majority, else its own replica; every
        // chain needs a verdict. Each answer can only settle more, so this stops at the first answer that settles all.
        var needed = _options.Acceptance == AcceptanceConsistency.Majority ? members.Count / 2 + 1 : 1;
        var chains = entries.Select(e => e.Spec.RecurrenceOf).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var answered = new List<IReadOnlyList<ChainConflict>>();
        var verdicts = new Dictionary<string, (ChainVerdict Verdict, string? Home)>(StringComparer.Ordinal);
        while (pending.Count > 0 && (answered.Count < needed || verdicts.Count < chains.Count || verdicts.Values.Any(v => v.Verdict == ChainVerdict.Pending)))
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (await done is { } answers)
            {
                answered.Add(answers.SelectMany(a => a.Conflicts ?? []).ToList());
            }

            foreach (var chain in chains)
            {
                verdicts[chain] = ChainClaims.Decide(chain, members.Count, answered);
            }
        }

        var keys = entries.Select(e => e.Key).ToList();
        if (answered.Count < needed)
        {
            Forget(members, keys);
            return (NotMajority(answered.Count, timeout), []);
        }

        if (verdicts.FirstOrDefault(v => v.Value.Verdict is ChainVerdict.Split or ChainVerdict.Pending) is { Key: { } undecided })
        {
            Forget(members, keys);
            return ($"recurring task '{undecided}' is being accepted by another member at the same time, and neither holds it on a majority " +
                "of the members: nothing was accepted. Submit it again: it is then accepted, or already known where the other member holds it.", []);
        }

        var elsewhere = verdicts.Where(v => v.Value.Verdict == ChainVerdict.HeldElsewhere).Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        var dropped = entries.Where(e => e.Spec.RecurrenceOf is { } chain && elsewhere.Contains(chain)).ToList();
        if (dropped.Count > 0)
        {
            Forget(members, dropped.Select(e => e.Key).ToList());
            _log.Info("recurring task(s) {0} already held by {1}: not accepted again here",
                string.Join(", ", elsewhere), string.Join(", ", verdicts.Values.Select(v => v.Home).OfType<string>().Distinct()));
        }

        foreach (var entry in entries.Except(dropped))
        {
            _homed.Set(entry);
        }

        return (null, dropped.Select(e => e.Spec.Id).ToList());
    }

    /// <summary>The plan and the accepting list without the occurrences <paramref name="elsewhere"/>, which count as already known.</summary>
    private static (BatchPlan Plan, IReadOnlyList<TaskSpec> Accepting) WithoutHeldElsewhere(BatchPlan plan, IReadOnlyList<TaskSpec> accepting, IReadOnlyList<string> elsewhere)
    {
        var ids = elsewhere.ToHashSet(StringComparer.Ordinal);
        bool Keep(TaskSpec spec) => !ids.Contains(spec.Id);
        var kept = plan with
        {
            New = plan.New.Where(Keep).ToList(),
            Rerun = plan.Rerun.Where(Keep).ToList(),
            AlreadyKnown = [.. plan.AlreadyKnown, .. elsewhere],
        };
        return (kept, accepting.Where(Keep).ToList());
    }
}
