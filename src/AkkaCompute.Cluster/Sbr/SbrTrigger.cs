namespace AkkaCompute.Cluster.Sbr;

/// <summary>Why <see cref="SbrTimer.Tick"/> produced a decision.</summary>
public enum SbrTrigger
{
    /// <summary>No decision this tick.</summary>
    None,

    /// <summary>The view was stable for stable-after and this node is responsible: the strategy decided.</summary>
    StableAfter,

    /// <summary>Reachability kept changing for stable-after + down-all-when-unstable: everyone is downed.</summary>
    DownAllWhenUnstable,
}
