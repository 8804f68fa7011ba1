using System.Collections.Immutable;
using System.Globalization;
using AkkaCompute.Actors;
using AkkaCompute.Cluster;
using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Cluster.Sbr;
using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// Binds <c>akc.cluster</c> to <see cref="ClusterSettings"/> (with <c>split-brain-resolver</c>) and <see cref="ClusterCoreOptions"/>, <c>akc.management</c> to
/// <see cref="ClusterManagementSettings"/> and <c>akc.system-name</c>, enforcing the ranges documented on the records and in
/// reference.conf, then the records' own <c>Validate()</c>.
/// </summary>
internal static class ClusterSettingsBinder
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>The actor system name (<c>akc.system-name</c>): every node of one cluster must use the same.</summary>
    public static string SystemName(SettingsReader r)
    {
        var name = r.OptionalString("system-name");
        if (string.IsNullOrEmpty(name) || name.Length > 100 || !char.IsAsciiLetterOrDigit(name[0])
            || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_'))
        {
            throw r.Error("system-name", "must be 1 to 100 letters, digits, '-' or '_', starting with a letter or digit");
        }

        return name;
    }

    /// <summary>Binds <c>akc.cluster</c>.</summary>
    public static ClusterSettings Cluster(SettingsReader r)
    {
        var settings = new ClusterSettings
        {
            SeedNodes = SeedNodes(r),
            Roles = [.. r.StringList("roles")],
            MinNrOfMembers = r.Int("min-nr-of-members", 1, 100_000),
            RetryUnsuccessfulJoinAfter = r.Duration("retry-unsuccessful-join-after", Hour),
            GossipInterval = r.Duration("gossip-interval", Hour),
            LeaderActionsInterval = r.Duration("leader-actions-interval", Hour),
            UnreachableNodesReaperInterval = r.Duration("unreachable-nodes-reaper-interval", Hour),
            AllowWeaklyUpMembers = r.Bool("allow-weakly-up-members"),
            WeaklyUpAfter = r.Duration("weakly-up-after", Hour),
            PruneGossipTombstonesAfter = r.Duration("prune-gossip-tombstones-after", TimeSpan.FromDays(30), positive: false),
            HeartbeatInterval = r.Duration("failure-detector.heartbeat-interval", Hour),
            FailureDetectorThreshold = Double(r, "failure-detector.threshold", 0.1, 1000),
            AcceptableHeartbeatPause = r.Duration("failure-detector.acceptable-heartbeat-pause", Hour, positive: false),
            MinStdDeviation = r.Duration("failure-detector.min-std-deviation", Hour),
            MaxSampleSize = r.Int("failure-detector.max-sample-size", 1, 100_000),
            MonitoredByNrOfMembers = r.Int("failure-detector.monitored-by-nr-of-members", 1, 1000),
            SplitBrainResolver = SplitBrainResolver(r),
        };
        ClusterValidation.Run(r, settings.Validate);
        return settings;
    }

    /// <summary>
    /// Binds the keys of <c>akc.cluster</c> that tune the membership core beyond <see cref="ClusterSettings"/>: <c>seed-node-timeout</c>,
    /// <c>failure-detector.expected-response-after</c>, <c>gossip-different-view-probability</c> and
    /// <c>reduce-gossip-different-view-probability</c>.
    /// </summary>
    public static ClusterCoreOptions Core(SettingsReader r)
    {
        var options = ClusterCoreOptions.Default with
        {
            SeedNodeTimeout = r.Duration("seed-node-timeout", Hour),
            ExpectedResponseAfter = r.Duration("failure-detector.expected-response-after", Hour),
            GossipDifferentViewProbability = Double(r, "gossip-different-view-probability", 0, 1),
            ReduceGossipDifferentViewProbability = r.Int("reduce-gossip-different-view-probability", 1, 1_000_000),
        };
        if (options.SeedNodeTimeout < TimeSpan.FromMilliseconds(10))
        {
            throw r.Error("seed-node-timeout", "must be at least 10ms");
        }

        ClusterValidation.Run(r, options.Validate);
        return options;
    }

    /// <summary>Binds <c>akc.management</c>.</summary>
    public static ClusterManagementSettings Management(SettingsReader r)
    {
        var host = r.OptionalString("hostname");
        if (string.IsNullOrWhiteSpace(host) || host.Length > 255)
        {
            throw r.Error("hostname", "must be a host name or IP address of 1 to 255 characters");
        }

        return new ClusterManagementSettings
        {
            Enabled = r.Bool("enabled"),
            Hostname = host,
            Port = r.Int("port", 0, 65535),
        };
    }

    /// <summary>A finite number in [min, max].</summary>
    public static double Double(SettingsReader r, string key, double min, double max)
    {
        var text = r.OptionalString(key);
        if (text is null || !HoconConvert.TryDouble(text, out var value) || !double.IsFinite(value))
        {
            throw r.Error(key, "must be a number such as 8.0");
        }

        if (value < min || value > max)
        {
            throw r.Error(key, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
        }

        return value;
    }

    private static ImmutableArray<Address> SeedNodes(SettingsReader r)
    {
        var texts = r.StringList("seed-nodes");
        var array = (HoconArray)r.Value("seed-nodes");
        var seeds = ImmutableArray.CreateBuilder<Address>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            Address? address = null;
            try
            {
                address = Address.Parse(texts[i]);
            }
            catch (FormatException)
            {
            }

            if (address is null || !address.HasGlobalScope || address.Port is null or 0)
            {
                throw new SettingsException(array.Items[i].Origin, $"{r.FullKey("seed-nodes")}[{i}]", texts[i], "must be a node address such as akc.tcp://akc@10.0.0.1:2552");
            }

            if (seeds.Contains(address))
            {
                throw new SettingsException(array.Items[i].Origin, $"{r.FullKey("seed-nodes")}[{i}]", texts[i], "is listed twice; seed nodes must be distinct");
            }

            seeds.Add(address);
        }

        return seeds.ToImmutable();
    }

    private static SplitBrainResolverSettings SplitBrainResolver(SettingsReader r)
    {
        const string S = "split-brain-resolver.";
        var strategy = r.OptionalString(S + "active-strategy");
        if (strategy is null || !SplitBrainResolverSettings.StrategyNames.Contains(strategy))
        {
            throw r.Error(S + "active-strategy", "must be one of " + string.Join(", ", SplitBrainResolverSettings.StrategyNames));
        }

        var quorum = r.OptionalString(S + "static-quorum.quorum-size") is null ? (int?)null : r.Int(S + "static-quorum.quorum-size", 1, 100_000);
        if (strategy == SplitBrainResolverSettings.StaticQuorumName && quorum is null)
        {
            throw r.Error(S + "static-quorum.quorum-size", "must be set (1 to 100,000) when active-strategy is static-quorum");
        }

        return new SplitBrainResolverSettings
        {
            ActiveStrategy = strategy,
            StableAfter = r.Duration(S + "stable-after", Hour),
            DownAllWhenUnstable = DownAllWhenUnstable(r, S + "down-all-when-unstable"),
            StaticQuorumSize = quorum,
            StaticQuorumRole = Role(r, S + "static-quorum.role"),
            KeepMajorityRole = Role(r, S + "keep-majority.role"),
            KeepOldestRole = Role(r, S + "keep-oldest.role"),
            KeepOldestDownIfAlone = r.Bool(S + "keep-oldest.down-if-alone"),
        };
    }

    // "on" (null: derived from stable-after), "off" (zero), or a duration greater than 0 and at most 1 hour.
    private static TimeSpan? DownAllWhenUnstable(SettingsReader r, string key)
    {
        var text = r.OptionalString(key);
        if (text is not null && HoconConvert.TryBoolean(text, out var on))
        {
            return on ? null : TimeSpan.Zero;
        }

        if (text is null || !HoconDuration.TryParse(text, out _))
        {
            throw r.Error(key, "must be on, off, or a duration such as 15s");
        }

        return r.Duration(key, Hour);
    }

    private static string? Role(SettingsReader r, string key)
    {
        var role = r.OptionalString(key);
        if (role is not null && (role.Length is 0 or > 200 || role.Any(char.IsWhiteSpace)))
        {
            throw r.Error(key, "must be null or 1 to 200 characters without whitespace");
        }

        return role;
    }
}
