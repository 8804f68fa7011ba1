using System.Diagnostics;
using System.Text.Json;
using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Compute.Tests.Distributed;

/// <summary>
/// The protocol's hashes and owner choice against an independent implementation of DESIGN.md's formulas: a few lines
/// of Python (3.8 or later, installed by .ci/packages) run by the test.
/// </summary>
public class GoldenValuesTests
{
    private const string Script = """
        import hashlib, json, sys
        def head(v): return hashlib.sha256(json.dumps(sorted(v.items())).encode()).hexdigest()
        def task_hash(t, w): return hashlib.sha256(f"{t}:{w}".encode()).hexdigest()
        def owner(stamped, th, members):
            p = hashlib.sha256(f"{stamped}:{th}".encode()).digest()
            def dist(m): return sum(bin(a ^ b).count("1") for a, b in zip(p, hashlib.sha256(m.encode()).digest()))
            return min(members, key=lambda m: (dist(m), m))
        members = ["akka.tcp://akc@127.0.0.1:4053", "akka.tcp://akc@127.0.0.1:4054", "akka.tcp://akc@127.0.0.1:4055"]
        h = head({"node1": 1, "node2": 2})
        print(json.dumps({
            "head_test_node": head({"test-node": 0}),
            "head_two": h,
            "head_odd": head({"a\"b\u00e9": 3, "z": 0}),
            "task_hash": task_hash("task-1", "job-1"),
            "owners": [owner(h, task_hash(f"task-{i}", "job-1"), members) for i in range(40)],
        }))
        """;

    [Fact]
    public void Heads_task_hash_and_owners_match_an_independent_python_implementation()
    {
        var expected = RunPython(Script);
        var two = MerkleClock.From([new("node1", 1), new("node2", 2)]);
        Assert.Equal(expected.GetProperty("head_test_node").GetString(), MerkleClock.From([new("test-node", 0)]).Head);
        Assert.Equal(expected.GetProperty("head_two").GetString(), two.Head);
        Assert.Equal(expected.GetProperty("head_odd").GetString(), MerkleClock.From([new("a\"bé", 3), new("z", 0)]).Head);
        Assert.Equal(expected.GetProperty("task_hash").GetString(), TaskHash.Of("task-1", "job-1"));

        var members = new[] { 4053, 4054, 4055 }.Select(p => new ClusterMember($"akka.tcp://akc@127.0.0.1:{p}")).ToArray();
        var ours = Enumerable.Range(0, 40).Select(i => Ownership.OwnerOf(TaskPlacement.For($"task-{i}", "job-1", two.Head), members)).ToArray();
        var theirs = expected.GetProperty("owners").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(theirs, ours);
        Assert.Equal(3, ours.Distinct().Count()); // every member owns some: the comparison covers each
    }

    [Fact]
    public void The_head_of_the_design_documents_example_is_fixed()
    {
        // Pinned so that a change to the canonical text cannot pass unnoticed even where python3 is missing.
        Assert.Equal("[[\"test-node\", 0]]", MerkleClock.From([new("test-node", 0)]).CanonicalText);
        Assert.Equal(TaskHash.HexSha256("[[\"test-node\", 0]]"), MerkleClock.From([new("test-node", 0)]).Head);
    }

    private static JsonElement RunPython(string script)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-");
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("python3 is needed for the golden values (.ci/packages installs it): " + e.Message, e);
        }

        using (process)
        {
            process.StandardInput.Write(script);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(30_000), "python3 did not finish within 30 s");
            Assert.True(process.ExitCode == 0, "python3 failed: " + error);
            return JsonDocument.Parse(output).RootElement.Clone();
        }
    }
}
