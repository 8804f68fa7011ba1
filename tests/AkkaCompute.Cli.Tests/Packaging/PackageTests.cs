using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;

namespace AkkaCompute.Cli.Tests.Packaging;

/// <summary>
/// <c>dotnet pack</c> makes AkkaCompute.Client (a NuGet package with its README) and akc as a .NET tool that works outside
/// the repository: installed into a temp <c>--tool-path</c> from the temp artifacts folder, it prints its version and runs
/// a job written in a temp directory.
/// </summary>
[Collection(DotnetBuildCollection.Name)]
public sealed class PackageTests(PackagesFixture packages) : IClassFixture<PackagesFixture>
{
    [Fact]
    public void The_client_package_has_its_readme_license_description_and_the_repository_version()
    {
        var nuspec = Nuspec("AkkaCompute.Client");
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("AkkaCompute.Client", metadata.Element(ns + "id")?.Value);
        Assert.Equal(packages.Version, metadata.Element(ns + "version")?.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        var node = metadata.Descendants(ns + "dependency").Single(d => (string?)d.Attribute("id") == "AkkaCompute.Node");
        Assert.Equal(packages.Version, (string?)node.Attribute("version"));
        using var zip = ZipFile.OpenRead(Package("AkkaCompute.Client"));
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        Assert.Contains(zip.Entries, e => e.FullName == "lib/net10.0/AkkaCompute.Client.dll");
        Assert.Contains(zip.Entries, e => e.FullName == "lib/net10.0/AkkaCompute.Client.xml");
    }

    [Fact]
    public void The_client_packages_dependencies_are_packed_beside_it()
    {
        Assert.True(File.Exists(Package("AkkaCompute.Node")), packages.PackOutput);
        Assert.True(File.Exists(Package("AkkaCompute.Compute")), packages.PackOutput);
    }

    [Fact]
    public async Task The_tool_installs_from_the_artifacts_folder_and_runs_a_job_outside_the_repository()
    {
        var work = Directory.CreateDirectory(Path.Combine(packages.Root, "work")).FullName;
        var toolPath = Path.Combine(packages.Root, "tools");
        // A NuGet cache of its own: an akc of the same version installed earlier is never picked up from ~/.nuget/packages.
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(packages.Root, "nuget-cache") };

        var install = await ProcessRun.RunAsync("dotnet", ["tool", "install", "--tool-path", toolPath, "--add-source", packages.Artifacts, "--version", packages.Version, "akc"], work, TimeSpan.FromMinutes(5), env);
        Assert.True(install.Code == 0, install.Out + install.Err);
        var akc = Path.Combine(toolPath, "akc");

        var version = await ProcessRun.RunAsync(akc, ["--version"], work, TimeSpan.FromMinutes(1));
        Assert.Equal(0, version.Code);
        Assert.StartsWith(packages.Version, version.Out.Trim());

        File.WriteAllText(Path.Combine(work, "job.conf"), """
            job { name = "packed" }
            tasks = [
              { id = "hello", function = "echo", args { value = "from the tool" } }
              { id = "shell", shell = "echo 41" }
            ]
            """);
        var run = await ProcessRun.RunAsync(akc, ["run", "job.conf", "--json", "--data-dir", Path.Combine(work, "data")], work, TimeSpan.FromMinutes(2));

        Assert.True(run.Code == 0, run.Out + run.Err);
        var summary = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(2, summary.GetProperty("succeeded").GetInt32());
        var results = File.ReadAllLines(summary.GetProperty("results").GetString()!);
        Assert.Contains(results, line => line.Contains("from the tool", StringComparison.Ordinal));
    }

    private string Package(string id) => Path.Combine(packages.Artifacts, $"{id}.{packages.Version}.nupkg");

    private XDocument Nuspec(string id)
    {
        using var zip = ZipFile.OpenRead(Package(id));
        using var stream = zip.GetEntry(id + ".nuspec")!.Open();
        return XDocument.Load(stream);
    }
}
