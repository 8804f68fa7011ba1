using System.Text.Json;
using AkkaCompute.Cli.Tests.Packaging;

namespace AkkaCompute.Cli.Tests.Examples;

/// <summary>
/// examples/functions-template: the function assembly builds, and akc run with the example's node.conf (its
/// <c>akc.executor.functions.assemblies</c> line) and job.conf runs its functions, from the repository root as the README says.
/// </summary>
[Collection(DotnetBuildCollection.Name)]
public sealed class FunctionsTemplateTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("akc-template-").FullName;

    [Fact]
    public async Task The_template_builds_and_a_job_calls_its_functions()
    {
        var build = await ProcessRun.RunAsync("dotnet", ["build", "examples/functions-template", "-c", "Release", "-v", "q", "-nologo"], CliHarness.RepoRoot, TimeSpan.FromMinutes(10));
        Assert.True(build.Code == 0, build.Out + build.Err);

        var run = await ProcessRun.RunAsync(
            "dotnet",
            ["exec", Path.Combine(AppContext.BaseDirectory, "akc.dll"), "run", "examples/functions-template/job.conf", "--config", "examples/functions-template/node.conf", "--json", "--data-dir", _data],
            CliHarness.RepoRoot,
            TimeSpan.FromMinutes(2));

        Assert.True(run.Code == 0, run.Out + run.Err);
        var summary = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(3, summary.GetProperty("succeeded").GetInt32());
        var outputs = File.ReadAllLines(summary.GetProperty("results").GetString()!)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("output").GetRawText());
        Assert.Equal("\"etupmoCakkA\"", outputs["reverse"]);
        Assert.Equal("4", outputs["words"]); // node, runs, your, functions
        Assert.Equal("3", outputs["lines"]);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
