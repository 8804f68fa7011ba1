namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// The real-process cluster tests run alone, after the parallel tests: five node processes with the lan profile's 2-second
/// failure detection need the machine's cores, or a starved node would be taken for dead.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterProcessCollection
{
    public const string Name = "cluster processes";
}
