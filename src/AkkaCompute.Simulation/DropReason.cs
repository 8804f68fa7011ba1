namespace AkkaCompute.Simulation;

/// <summary>Why the network dropped a message copy.</summary>
public enum DropReason
{
    /// <summary>Not dropped.</summary>
    None = 0,

    /// <summary>Lost at random (<see cref="NetworkOptions.LossProbability"/>); decided at send time.</summary>
    Loss = 1,

    /// <summary>The link from sender to target was cut, at send time or at arrival.</summary>
    Partition = 2,

    /// <summary>The target was down at send time, or the incarnation it was sent to crashed before arrival.</summary>
    NodeDown = 3,
}
