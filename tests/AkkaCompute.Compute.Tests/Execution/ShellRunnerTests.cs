using System.Diagnostics;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Tasks;
using static AkkaCompute.Compute.Tests.Execution.TestSupport;

namespace AkkaCompute.Compute.Tests.Execution;

/// <summary>The runner's contract, run once per launcher (see the derived classes at the end of this file).</summary>
public abstract class ShellRunnerTests
{
    /// <summary>"spawn" or "process".</summary>
    protected abstract string LauncherName { get; }

    private ShellLauncher Launcher => LauncherName == "spawn" ? ShellLauncher.Spawn ?? throw new InvalidOperationException("posix_spawn is unavailable here") : ShellLauncher.Process;

    private Task<ShellResult> Run(string command) => Run(new ShellCommandSpec(command));

    private Task<ShellResult> Run(ShellCommandSpec spec) => ShellRunner.RunWithAsync(Launcher, spec, CancellationToken.None);

    [Theory]
    [InlineData("true", 0)]
    [InlineData("false", 1)]
    [InlineData("exit 3", 3)]
    [InlineData("exit 255", 255)]
    [InlineData("kill -TERM $$", 143)]
    [InlineData("kill -KILL $$", 137)]
    [InlineData("no-such-command-akc", 127)]
    public async Task The_exit_code_is_recorded(string command, int exitCode)
    {
        var result = await Run(command);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(exitCode == 0, result.Succeeded);
    }

    [Fact]
    public async Task Stdout_and_stderr_are_captured_separately()
    {
        var result = await Run("echo out; echo err >&2; printf 'more'; printf 'é' >&2");
        Assert.Equal("out\nmore", result.Stdout);
        Assert.Equal("err\né", result.Stderr);
        Assert.Equal(8, result.StdoutBytes);
        Assert.Equal(6, result.StderrBytes);
        Assert.False(result.Truncated);
    }

    [Fact]
    public async Task Output_beyond_the_limit_is_drained_and_discarded()
    {
        var result = await Run("head -c 3000000 /dev/zero | tr '\\0' a; echo done >&2");
        Assert.True(result.StdoutTruncated);
        Assert.True(result.Truncated);
        Assert.Equal(ShellCommandSpec.DefaultOutputLimitBytes, result.Stdout.Length);
        Assert.Equal(3_000_000, result.StdoutBytes);
        Assert.Equal("done\n", result.Stderr);
        Assert.Equal(0, result.ExitCode);

        var small = await Run(new ShellCommandSpec("echo 0123456789; echo abcdef >&2") { StdoutLimitBytes = 4, StderrLimitBytes = 0 });
        Assert.Equal(("0123", true, 11L), (small.Stdout, small.StdoutTruncated, small.StdoutBytes));
        Assert.Equal(("", true, 7L), (small.Stderr, small.StderrTruncated, small.StderrBytes));
    }

    [Fact]
    public async Task The_working_directory_and_extra_environment_apply()
    {
        using var dir = TempDir();
        var spec = new ShellCommandSpec("pwd; echo \"$AKC_GREETING\"; echo \"$HOME\" | grep -c /")
        {
            WorkingDirectory = dir.Path,
            Environment = new Dictionary<string, string> { ["AKC_GREETING"] = "hello world" },
        };
        var result = await Run(spec);
        Assert.Equal($"{dir.Path}\nhello world\n1\n", result.Stdout);
    }

    [Fact]
    public async Task A_shell_task_converts_to_a_spec()
    {
        using var dir = TempDir();
        var task = new TaskSpec { Id = "s", Kind = TaskKind.Shell, Command = "echo $X; pwd", WorkingDirectory = dir.Path, Environment = new Dictionary<string, string> { ["X"] = "1" } };
        var result = await Run(ShellCommandSpec.FromTask(task));
        Assert.Equal($"1\n{dir.Path}\n", result.Stdout);
        Assert.Throws<ArgumentException>(() => ShellCommandSpec.FromTask(new TaskSpec { Id = "f", Function = "noop" }));
    }

    [Fact]
    public async Task Stdin_is_closed_so_readers_see_end_of_input()
    {
        var result = await Run("cat; echo after");
        Assert.Equal("after\n", result.Stdout);
    }

    [Fact]
    public async Task The_command_runs_in_its_own_process_group_and_session()
    {
        var result = await Run("echo $$; ps -o pgid= -p $$; ps -o sid= -p $$");
        var fields = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(fields[0], fields[1]);
        Assert.Equal(fields[0], fields[2]);
        Assert.NotEqual(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[1]);
    }

    [Fact]
    public async Task Background_processes_left_behind_are_killed_when_the_shell_exits()
    {
        var clock = Stopwatch.StartNew();
        var result = await Run("sleep 1000 & echo $!");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
        var pid = int.Parse(result.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Eventually(() => IsDead(pid), TimeSpan.FromSeconds(10), $"leftover sleep {pid} is dead");
    }

    [Fact]
    public async Task Leftovers_may_be_kept_on_request()
    {
        var spec = new ShellCommandSpec("sleep 1000 > /dev/null 2>&1 & echo $!") { KillLeftoverProcesses = false };
        var result = await Run(spec);
        var pid = int.Parse(result.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            Assert.False(IsDead(pid));
        }
        finally
        {
            Process.GetProcessById(pid).Kill();
        }
    }

    [Fact]
    public async Task Invalid_specs_are_refused_before_anything_runs()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Run(" "));
        await Assert.ThrowsAsync<ArgumentException>(() => Run("echo \0"));
        await Assert.ThrowsAsync<ArgumentException>(() => Run(new string('x', ShellCommandSpec.CommandBytesMax + 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => Run(new ShellCommandSpec("true") { StdoutLimitBytes = -1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => Run(new ShellCommandSpec("true") { KillGracePeriod = TimeSpan.FromMinutes(5) }));
        await Assert.ThrowsAsync<ArgumentException>(() => Run(new ShellCommandSpec("true") { Environment = new Dictionary<string, string> { ["A=B"] = "x" } }));
        var missing = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Run(new ShellCommandSpec("true") { WorkingDirectory = "/no/such/dir" }));
        Assert.Contains("/no/such/dir", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_short_commands_run_concurrently()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Run($"echo {i}")));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"{i}\n"), results.Select(r => r.Stdout));
    }

    [Fact]
    public async Task Variables_the_node_set_through_dotnet_are_inherited_and_the_spec_overrides_them()
    {
        var name = "AKC_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from node");
        try
        {
            var inherited = await Run($"echo \"${name}\"");
            Assert.Equal("from node\n", inherited.Stdout);
            var overridden = await Run(new ShellCommandSpec($"echo \"${name}\"; env | grep -c ^{name}=") { Environment = new Dictionary<string, string> { [name] = "from spec" } });
            Assert.Equal("from spec\n1\n", overridden.Stdout);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task Non_ascii_commands_arguments_and_environment_pass_through_as_utf8()
    {
        var spec = new ShellCommandSpec("printf '%s|%s' 'héllo wörld ✓' \"$AKC_UNICODE\"") { Environment = new Dictionary<string, string> { ["AKC_UNICODE"] = "日本語" } };
        var result = await Run(spec);
        Assert.Equal("héllo wörld ✓|日本語", result.Stdout);
    }
}

public sealed class ShellRunnerSpawnTests : ShellRunnerTests
{
    protected override string LauncherName => "spawn";
}

public sealed class ShellRunnerProcessTests : ShellRunnerTests
{
    protected override string LauncherName => "process";
}
