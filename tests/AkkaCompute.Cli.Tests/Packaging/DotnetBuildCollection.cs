namespace AkkaCompute.Cli.Tests.Packaging;

/// <summary>
/// Tests that run <c>dotnet build</c> or <c>dotnet pack</c> on the repository's projects (packages, examples) run one at a
/// time, after the parallel tests: two Release builds of the same project at once would write the same obj/ files.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DotnetBuildCollection
{
    public const string Name = "dotnet builds";
}
