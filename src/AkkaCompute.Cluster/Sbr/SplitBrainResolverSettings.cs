using System.Globalization;
using AkkaCompute.Actors;

namespace AkkaCompute.Cluster.Sbr;

/// <summary>
/// Settings of the split-brain resolver, named and defaulted as Akka's <c>akka.cluster.split-brain-resolver</c> section. Keys are
/// given as they appear under <see cref="Section"/>. <see cref="Validate"/> checks them; the lease-majority strategy is not
/// supported.
/// </summary>
public sealed record SplitBrainResolverSettings
{
    /// <summary>The configuration section: <c>akc.cluster.split-brain-resolver</c>.</summary>
    public const string Section = "akc.cluster.split-brain-resolver";

    /// <summary>Strategy name: keep the side with more members (<see cref="KeepMajority"/>).</summary>
    public const string KeepMajorityName = "keep-majority";

    /// <summary>Strategy name: keep the side with at least quorum-size members (<see cref="StaticQuorum"/>).</summary>
    public const string StaticQuorumName = "static-quorum";

    /// <summary>Strategy name: keep the side with the oldest member (<see cref="KeepOldest"/>).</summary>
    public const string KeepOldestName = "keep-oldest";

    /// <summary>Strategy name: down every member (<see cref="DownAllNodes"/>).</summary>
    public const string DownAllName = "down-all";

    private static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <summary>The settings with every default: keep-majority, stable-after 20 s, down-all-when-unstable on.</summary>
    public static SplitBrainResolverSettings Default { get; } = new();

    /// <summary>The four strategy names, in documentation order.</summary>
    public static IReadOnlyList<string> StrategyNames { get; } = [KeepMajorityName, StaticQuorumName, KeepOldestName, DownAllName];

    /// <summary><c>active-strategy</c>: one of <see cref="StrategyNames"/>. Default <c>keep-majority</c>.</summary>
    public string ActiveStrategy { get; init; } = KeepMajorityName;

    /// <summary>
    /// <c>stable-after</c>: how long the set of unreachable members (and of Up members) must stay unchanged before a decision is
    /// taken. Default 20 s; greater than 0, at most 1 hour. It should exceed the failure detector's detection time plus the time
    /// gossip needs to spread, so that both sides of a partition see the same picture.
    /// </summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// <c>down-all-when-unstable</c>: when reachability keeps changing for <see cref="StableAfter"/> plus this long since the first
    /// change, every member is downed. Null means <c>on</c>: max(4 s, 3/4 of <see cref="StableAfter"/>) (15 s by default);
    /// <see cref="TimeSpan.Zero"/> means <c>off</c>; otherwise a duration greater than 0, at most 1 hour.
    /// </summary>
    public TimeSpan? DownAllWhenUnstable { get; init; }

    /// <summary><c>static-quorum.quorum-size</c>: the minimum number of members a side needs to survive. No default; required for static-quorum, 1 to 100,000.</summary>
    public int? StaticQuorumSize { get; init; }

    /// <summary><c>static-quorum.role</c>: count only members with this role; null (default) counts all.</summary>
    public string? StaticQuorumRole { get; init; }

    /// <summary><c>keep-majority.role</c>: count only members with this role; null (default) counts all.</summary>
    public string? KeepMajorityRole { get; init; }

    /// <summary><c>keep-oldest.role</c>: the oldest among the members with this role decides; null (default) considers all.</summary>
    public string? KeepOldestRole { get; init; }

    /// <summary>
    /// <c>keep-oldest.down-if-alone</c>: when the oldest is alone on its side and the other side has at least two members, down the
    /// oldest instead of the others. Default true.
    /// </summary>
    public bool KeepOldestDownIfAlone { get; init; } = true;

    /// <summary><see cref="DownAllWhenUnstable"/> resolved: <see cref="TimeSpan.Zero"/> when off.</summary>
    public TimeSpan EffectiveDownAllWhenUnstable => DownAllWhenUnstable ??
        TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(4).Ticks, StableAfter.Ticks * 3 / 4));

    /// <summary>The role option of the <see cref="ActiveStrategy"/> (null for down-all or when not set).</summary>
    public string? ActiveRole => ActiveStrategy switch
    {
        KeepMajorityName => KeepMajorityRole,
        StaticQuorumName => StaticQuorumRole,
        KeepOldestName => KeepOldestRole,
        _ => null,
    };

    /// <summary>Checks every value against the constraint in its documentation.</summary>
    /// <exception cref="ConfigurationException">A value breaks its constraint; the message names key, value and constraint.</exception>
    public void Validate()
    {
        if (!StrategyNames.Contains(ActiveStrategy))
        {
            throw new ConfigurationException(Key("active-strategy"), ActiveStrategy, "must be one of " + string.Join(", ", StrategyNames));
        }

        if (StableAfter <= TimeSpan.Zero || StableAfter > MaxDuration)
        {
            throw new ConfigurationException(Key("stable-after"), Text(StableAfter), "must be a duration greater than 0 and at most 1 hour");
        }

        if (DownAllWhenUnstable is { } unstable && (unstable < TimeSpan.Zero || unstable > MaxDuration))
        {
            throw new ConfigurationException(Key("down-all-when-unstable"), Text(unstable), "must be on, off (0) or a duration greater than 0 and at most 1 hour");
        }

        if (ActiveStrategy == StaticQuorumName && StaticQuorumSize is null)
        {
            throw new ConfigurationException(Key("static-quorum.quorum-size"), null, "must be set when active-strategy is static-quorum");
        }

        if (StaticQuorumSize is { } size && size is < 1 or > 100_000)
        {
            throw new ConfigurationException(Key("static-quorum.quorum-size"), size.ToString(CultureInfo.InvariantCulture), "must be between 1 and 100000");
        }

        CheckRole("static-quorum.role", StaticQuorumRole);
        CheckRole("keep-majority.role", KeepMajorityRole);
        CheckRole("keep-oldest.role", KeepOldestRole);
    }

    private static string Key(string name) => Section + "." + name;

    private static string Text(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    private static void CheckRole(string name, string? role)
    {
        if (role is not null && (role.Length == 0 || role.Length > 200 || role.Any(char.IsWhiteSpace)))
        {
            throw new ConfigurationException(Key(name), role, "must be null or 1 to 200 characters without whitespace");
        }
    }
}
