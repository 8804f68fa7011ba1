namespace AkkaCompute.Cluster;

/// <summary>What one node observes about another, as Akka's <c>Reachability.ReachabilityStatus</c>.</summary>
public enum ReachabilityStatus
{
    /// <summary>The observer's failure detector trusts the subject.</summary>
    Reachable,

    /// <summary>The observer's failure detector suspects the subject; it may become reachable again.</summary>
    Unreachable,

    /// <summary>The subject is known to be gone for good (e.g. a new incarnation replaced it); final, never changes back.</summary>
    Terminated,
}
