using System.Xml.Linq;

namespace AkkaCompute.Cli.Tests.Packaging;

/// <summary>
/// Packs once for the whole <see cref="PackageTests"/> class: <c>dotnet pack AkkaCompute.Packages.slnf -c Release</c> into a
/// temp artifacts folder (AkkaCompute.Compute, AkkaCompute.Node, AkkaCompute.Client and the akc tool). Release, so the
/// Debug build the tests run from is left alone.
/// </summary>
public sealed class PackagesFixture : IAsyncLifetime
{
    /// <summary>The temp directory holding <see cref="Artifacts"/> and whatever the tests make.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("akc-pack-").FullName;

    /// <summary>Where the packages are.</summary>
    public string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>The version every package has: <c>AkkaComputeVersion</c> in Directory.Build.props.</summary>
    public string Version { get; } = XDocument.Load(Path.Combine(CliHarness.RepoRoot, "Directory.Build.props"))
        .Descendants("AkkaComputeVersion").Single().Value;

    /// <summary>What dotnet pack printed (for failure messages).</summary>
    public string PackOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var (code, output, error) = await ProcessRun.RunAsync(
            "dotnet",
            ["pack", Path.Combine(CliHarness.RepoRoot, "AkkaCompute.Packages.slnf"), "-c", "Release", "-o", Artifacts, "-v", "q", "-nologo"],
            CliHarness.RepoRoot,
            TimeSpan.FromMinutes(20));
        PackOutput = output + error;
        if (code != 0)
        {
            throw new InvalidOperationException("dotnet pack failed: " + PackOutput);
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a file still open: the temp directory is left behind
        }

        return Task.CompletedTask;
    }
}
