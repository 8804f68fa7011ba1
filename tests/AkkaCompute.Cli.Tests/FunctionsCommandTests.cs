using System.Text.Json;

namespace AkkaCompute.Cli.Tests;

public sealed class FunctionsCommandTests
{
    [Fact]
    public async Task Lists_each_function_with_its_arguments_and_description()
    {
        using var cli = new CliHarness();

        var (code, output, _) = await cli.RunAsync("functions");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var sleep = Array.IndexOf(lines, "sleep(ms: Int64)");
        Assert.True(sleep >= 0, output);
        Assert.Equal("    waits 'ms' milliseconds; honours cancellation", lines[sleep + 1]);
        Assert.Contains("sha256(file: String = null, text: String = null)", lines);
    }

    [Fact]
    public async Task Json_gives_name_signature_description_and_parameters()
    {
        using var cli = new CliHarness();

        var (code, output, _) = await cli.RunAsync("functions", "--json");

        Assert.Equal(0, code);
        var sleep = JsonDocument.Parse(output).RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "sleep");
        Assert.Equal("sleep(ms: Int64)", sleep.GetProperty("signature").GetString());
        Assert.StartsWith("waits", sleep.GetProperty("description").GetString());
        var ms = Assert.Single(sleep.GetProperty("parameters").EnumerateArray());
        Assert.Equal("ms", ms.GetProperty("name").GetString());
        Assert.Equal("Int64", ms.GetProperty("type").GetString());
        Assert.False(ms.GetProperty("optional").GetBoolean());
    }

    [Fact]
    public async Task A_configured_function_assembly_that_is_missing_is_a_clear_error_with_exit_code_2()
    {
        using var cli = new CliHarness();
        var config = cli.Write("node.conf", "akc.executor.functions.assemblies = [\"" + Path.Combine(cli.Root, "missing.dll") + "\"]");

        var (code, output, error) = await cli.RunAsync("functions", "--config", config);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("akc functions: ", error);
        Assert.Contains("missing.dll", error);
    }
}
