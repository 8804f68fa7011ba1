using System.Text.Json;

namespace AkkaCompute.Cli.Tests;

/// <summary><c>akc sim</c>: one seeded run of the placement protocol's simulation, in process.</summary>
public sealed class SimCommandTests : IDisposable
{
    private readonly CliHarness cli = new();

    [Fact]
    public async Task A_healthy_seed_prints_its_summary_and_exits_0()
    {
        var (code, stdout, _) = await cli.RunAsync("sim", "--seed", "2");

        Assert.Equal(AkcApp.ExitOk, code);
        Assert.Contains("akc sim: seed 2, 5 nodes (2 gpu), 300 tasks", stdout, StringComparison.Ordinal);
        Assert.Contains("ok: every acknowledged task finished", stdout, StringComparison.Ordinal);
        Assert.Contains("trace hash ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_violation_prints_its_trace_and_the_seed_to_replay_and_exits_1()
    {
        var (code, stdout, _) = await cli.RunAsync("sim", "--seed", "1", "--bug", "RunAfterDowned", "--trace", "20");

        Assert.Equal(AkcApp.ExitFailed, code);
        Assert.Contains("VIOLATION RunAfterDowned at step ", stdout, StringComparison.Ordinal);
        Assert.Contains("(seed 1)", stdout, StringComparison.Ordinal);
        Assert.Contains("trace (last 20 protocol events):", stdout, StringComparison.Ordinal);
        Assert.Contains("learns it was downed", stdout, StringComparison.Ordinal);
        Assert.Contains("faults (", stdout, StringComparison.Ordinal);
        Assert.Contains("replay: akc sim --seed 1 --bug RunAfterDowned", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_is_one_object_and_the_same_seed_replays_the_same_run()
    {
        var (code1, out1, _) = await cli.RunAsync("sim", "--seed", "7", "--json", "--nodes", "3", "--tasks", "60");
        var (code2, out2, _) = await cli.RunAsync("sim", "--seed", "7", "--json", "--nodes", "3", "--tasks", "60");

        Assert.Equal(AkcApp.ExitOk, code1);
        Assert.Equal(AkcApp.ExitOk, code2);
        var a = JsonDocument.Parse(out1).RootElement;
        var b = JsonDocument.Parse(out2).RootElement;
        Assert.True(a.GetProperty("ok").GetBoolean());
        Assert.Equal(7, a.GetProperty("seed").GetInt64());
        Assert.Equal(3, a.GetProperty("nodes").GetInt32());
        Assert.Equal(a.GetProperty("acknowledged").GetInt32(), a.GetProperty("finished").GetInt32());
        Assert.Equal(16, a.GetProperty("traceHash").GetString()!.Length);
        Assert.Equal(a.GetProperty("traceHash").GetString(), b.GetProperty("traceHash").GetString());
        Assert.Equal(a.GetProperty("steps").GetInt64(), b.GetProperty("steps").GetInt64());
    }

    [Fact]
    public async Task A_violation_in_json_names_its_kind_and_step()
    {
        var (code, stdout, _) = await cli.RunAsync("sim", "--seed", "1", "--bug", "AckBeforeReplication", "--json");

        Assert.Equal(AkcApp.ExitFailed, code);
        var r = JsonDocument.Parse(stdout).RootElement;
        Assert.False(r.GetProperty("ok").GetBoolean());
        Assert.Equal("AckedTaskLost", r.GetProperty("violation").GetString());
        Assert.Contains("was acknowledged but no live member holds it", r.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sim")]
    [InlineData("sim", "--seed", "1", "--nodes", "9")]
    [InlineData("sim", "--seed", "x")]
    public async Task Bad_arguments_exit_2(params string[] args)
    {
        var (code, _, stderr) = await cli.RunAsync(args);

        Assert.Equal(AkcApp.ExitBadInput, code);
        Assert.NotEmpty(stderr);
    }

    [Fact]
    public async Task Help_explains_the_run_and_its_exit_codes()
    {
        var (code, stdout, _) = await cli.RunAsync("sim", "--help");

        Assert.Equal(AkcApp.ExitOk, code);
        Assert.Contains("--seed", stdout, StringComparison.Ordinal);
        Assert.Contains("keep-majority", stdout, StringComparison.Ordinal);
        Assert.Contains("Exit 0 ok, 1 violation, 2 bad arguments", stdout, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();
}
