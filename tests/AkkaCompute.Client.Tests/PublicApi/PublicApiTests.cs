using AkkaCompute.Client;
using PublicApiGenerator;

namespace AkkaCompute.Client.Tests.PublicApi;

/// <summary>
/// The public API of the AkkaCompute.Client package, generated with PublicApiGenerator and compared with the checked-in
/// snapshot <c>PublicApi/AkkaCompute.Client.approved.txt</c>: a change to it has to be approved on purpose.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly string Folder = Path.Combine(RepoRoot(), "tests", "AkkaCompute.Client.Tests", "PublicApi");

    [Fact]
    public void The_client_public_api_matches_the_approved_snapshot()
    {
        var approvedPath = Path.Combine(Folder, "AkkaCompute.Client.approved.txt");
        var receivedPath = Path.Combine(Folder, "AkkaCompute.Client.received.txt");
        var received = Normalize(typeof(ComputeClient).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            // The target framework, build metadata and friend assemblies are not API: leave them out so a toolchain update changes nothing.
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute", "System.Runtime.CompilerServices.InternalsVisibleToAttribute"],
        }));
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : "";

        if (received != approved)
        {
            File.WriteAllText(receivedPath, received);
            Assert.Fail(
                $"The public API of AkkaCompute.Client changed (or {approvedPath} is missing). The new API is in {receivedPath}; "
                + $"compare them (diff {approvedPath} {receivedPath}) and, if the change is intended, approve it with "
                + $"mv {receivedPath} {approvedPath} and commit the approved file.");
        }

        File.Delete(receivedPath);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AkkaCompute.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("AkkaCompute.sln not found above " + AppContext.BaseDirectory);
    }
}
