namespace AkkaCompute.Cluster.Sbr;

/// <summary>
/// <c>down-all</c>, as Akka's <c>DownAllNodes</c>: on any lasting unreachability every member is downed (the cluster is then restarted
/// from outside). Safe against split brain at the price of availability.
/// </summary>
public sealed class DownAllNodes : DowningStrategy
{
    /// <summary>Creates the strategy.</summary>
    public DownAllNodes()
        : base(null)
    {
    }

    private protected override SbrDecisionKind DecideKind(SbrSides sides) => SbrDecisionKind.DownAll;
}
