using AkkaCompute.Actors;

namespace AkkaCompute.Cluster.Protocol;

/// <summary>
/// Joining through the seed nodes, as Akka's <c>JoinSeedNodeProcess</c> and <c>FirstSeedNodeProcess</c>, as a value the core ticks.
/// <list type="bullet">
/// <item>Not the first seed: sends <see cref="InitJoin"/> to every other seed, again after each seed-node-timeout without an
/// acknowledgement, and joins the first seed that answers <see cref="InitJoinAck"/>.</item>
/// <item>The first seed (self is <c>seeds[0]</c>): sends <see cref="InitJoin"/> to the other seeds every second; joins the first that
/// acknowledges; forms a new cluster (joins itself) once every other seed answered <see cref="InitJoinNack"/> (within one
/// seed-node-timeout as Akka when self-join after the timeout is allowed, else within one round of InitJoin, so that no seed can have
/// joined a cluster between its answer and the decision), or, when allowed, once seed-node-timeout passed without an
/// acknowledgement.</item>
/// </list>
/// </summary>
internal sealed class SeedNodeProcess
{
    private static readonly TimeSpan FirstSeedResendInterval = TimeSpan.FromSeconds(1);

    private readonly Address[] _otherSeeds;
    private readonly SortedDictionary<Address, TimeSpan> _nackAt = new();
    private readonly TimeSpan _seedNodeTimeout;
    private readonly bool _joinSelfAfterTimeout;
    private readonly TimeSpan _deadline;
    private TimeSpan _nextSendAt;
    private TimeSpan _lastSentAt;

    public SeedNodeProcess(Address self, IReadOnlyList<Address> seeds, TimeSpan now, TimeSpan seedNodeTimeout, bool joinSelfAfterTimeout)
    {
        IsFirst = seeds.Count > 0 && seeds[0].Equals(self);
        _otherSeeds = seeds.Where(s => !s.Equals(self)).ToArray();
        _seedNodeTimeout = seedNodeTimeout;
        _joinSelfAfterTimeout = joinSelfAfterTimeout;
        _deadline = now + seedNodeTimeout;
        _nextSendAt = now;
    }

    /// <summary>True when this node is the first seed (it may form a new cluster).</summary>
    public bool IsFirst { get; }

    /// <summary>The seeds InitJoin goes to: every seed but self.</summary>
    public IReadOnlyList<Address> OtherSeeds => _otherSeeds;

    /// <summary>What to do at <paramref name="now"/>: send InitJoin to <see cref="OtherSeeds"/>, join self, or nothing.</summary>
    public SeedStep Tick(TimeSpan now)
    {
        if (IsFirst && _joinSelfAfterTimeout && now >= _deadline)
        {
            return SeedStep.JoinSelf;
        }

        if (now < _nextSendAt)
        {
            return SeedStep.None;
        }

        _nextSendAt = now + (IsFirst ? FirstSeedResendInterval : _seedNodeTimeout);
        _lastSentAt = now;
        return SeedStep.SendInitJoin;
    }

    /// <summary>Records a nack; true when the first seed may now form a new cluster (every other seed nacked recently).</summary>
    public bool OnNack(Address from, TimeSpan now)
    {
        if (!IsFirst || Array.IndexOf(_otherSeeds, from) < 0)
        {
            return false;
        }

        _nackAt[from] = now;
        var validFrom = _joinSelfAfterTimeout ? now - _seedNodeTimeout : _lastSentAt;
        foreach (var seed in _otherSeeds)
        {
            if (!_nackAt.TryGetValue(seed, out var at) || at < validFrom)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>What <see cref="SeedNodeProcess.Tick"/> asks the core to do.</summary>
internal enum SeedStep
{
    None,
    SendInitJoin,
    JoinSelf,
}
