using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AkkaCompute.Cli.Tests;

/// <summary>Issue 12, item 3, end to end: a second akc run on the same data directory sees a changed file.</summary>
public class InputChangeTests
{
    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static Dictionary<string, JsonElement> Results(CliHarness h) =>
        CliHarness.ReadJsonLines(Path.Combine(h.DataDir, "tree.results.jsonl")).ToDictionary(r => r.GetProperty("id").GetString()!);

    [Fact]
    public async Task A_second_run_hashes_the_changed_file_again_and_keeps_the_others()
    {
        using var h = new CliHarness();
        var tree = Path.Combine(h.Root, "tree");
        Directory.CreateDirectory(Path.Combine(tree, "sub"));
        File.WriteAllText(Path.Combine(tree, "a.txt"), "alpha\n");
        File.WriteAllText(Path.Combine(tree, "sub", "b.txt"), "beta\n");
        var settings = Path.Combine(h.Root, "settings.txt");
        File.WriteAllText(settings, "v1");
        var job = h.Write("job.conf", $$$"""
            job { name = "tree" }
            tasks = [ { id = "configured", function = "echo", args { value = "x" }, inputs = ["{{{settings}}}"] } ]
            generators = [
              { id-prefix = "file", files { dir = "{{{tree}}}", glob = "**/*" }, task { function = "sha256", args { file = "{{path}}" } } }
            ]
            """);
        var (code, stdout, err) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json");
        Assert.True(code == 0, err + stdout);
        Assert.Equal(Sha256Hex("alpha\n"), Results(h)["file-a.txt"].GetProperty("output").GetProperty("sha256").GetString());

        File.WriteAllText(Path.Combine(tree, "a.txt"), "ALPHA\n"); // same size
        File.WriteAllText(settings, "v2");
        (code, stdout, err) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json");
        Assert.True(code == 0, err + stdout);
        var results = Results(h);
        Assert.Equal(Sha256Hex("ALPHA\n"), results["file-a.txt"].GetProperty("output").GetProperty("sha256").GetString());
        Assert.Equal(Sha256Hex("beta\n"), results["file-sub/b.txt"].GetProperty("output").GetProperty("sha256").GetString());

        foreach (var (id, runs) in new[] { ("file-a.txt", 2), ("configured", 2), ("file-sub/b.txt", 1) })
        {
            var (_, history, _) = await h.RunAsync("history", id, "--data-dir", h.DataDir);
            Assert.True(runs == history.Split("accepted (").Length - 1, $"{id} should have been accepted {runs} time(s):\n{history}");
        }
    }
}
