using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AkkaCompute.Compute.Execution;
using static AkkaCompute.Compute.Tests.Execution.TestSupport;

namespace AkkaCompute.Compute.Tests.Execution;

/// <summary>
/// What the posix_spawn launcher adds to the runner's contract (which <see cref="ShellRunnerSpawnTests"/>
/// checks): it is chosen here, its children are all reaped with their own exit codes alongside .NET's,
/// and it leaks no descriptors, neither to the shell nor in the node. Runs alone (no other test class
/// meanwhile), so that counting the node's pipes and zombie children sees only its own.
/// </summary>
[Collection(nameof(ShellSpawnTests))]
public sealed partial class ShellSpawnTests
{
    private static readonly int Self = Environment.ProcessId;

    [Fact]
    public void Setsid_is_available_here_for_the_fallback() => Assert.Equal("/usr/bin/setsid", ShellRunner.SetsidPath);

    [Fact]
    public void Posix_spawn_is_the_launcher_chosen_here()
    {
        Assert.True(PosixSpawn.IsSupported);
        Assert.NotNull(ShellLauncher.Spawn);
        Assert.Equal("posix_spawn", ShellRunner.LaunchMethod);
        Assert.False(ChildReaper.StatusLost);
    }

    [Theory]
    [InlineData(0x0000, 0)]
    [InlineData(0x0100, 1)]
    [InlineData(0xff00, 255)]
    [InlineData(0x000f, 143)]
    [InlineData(0x0009, 137)]
    [InlineData(0x0089, 137)] // SIGKILL with the core-dump bit
    public void Wait_statuses_decode_as_dotnet_reports_exit_codes(int status, int exitCode) =>
        Assert.Equal(exitCode, PosixSpawn.ExitCodeOf(status));

    [Fact]
    public async Task Many_concurrent_spawns_all_get_their_own_exit_codes_and_leave_no_zombies()
    {
        const int Count = 200;
        var results = await Task.WhenAll(Enumerable.Range(0, Count).Select(i =>
            ShellRunner.RunAsync(new ShellCommandSpec($"echo $$; exit {i % 256}"), CancellationToken.None)));

        Assert.Equal(Enumerable.Range(0, Count).Select(i => i % 256), results.Select(r => r.ExitCode));
        var pids = results.Select(r => int.Parse(r.Stdout.Trim(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Count, pids.Distinct().Count());

        // Every result came after its shell was reaped: none of them may linger as our zombie child.
        Assert.DoesNotContain(pids, IsOurZombie);
    }

    [Fact]
    public async Task Spawned_and_dotnet_process_children_exiting_together_each_keep_their_status()
    {
        var spawned = Enumerable.Range(0, 50).Select(i =>
            ShellRunner.RunWithAsync(ShellLauncher.Spawn!, new ShellCommandSpec($"exit {i}"), CancellationToken.None)).ToList();
        var viaProcess = Enumerable.Range(0, 50).Select(i =>
            ShellRunner.RunWithAsync(ShellLauncher.Process, new ShellCommandSpec($"exit {100 + i}"), CancellationToken.None)).ToList();

        Assert.Equal(Enumerable.Range(0, 50), (await Task.WhenAll(spawned)).Select(r => r.ExitCode));
        Assert.Equal(Enumerable.Range(100, 50), (await Task.WhenAll(viaProcess)).Select(r => r.ExitCode));
        Assert.False(ChildReaper.StatusLost);
    }

    [Fact]
    public async Task A_shell_holds_only_its_own_stdin_stdout_and_stderr_even_when_spawned_concurrently()
    {
        // Each shell lists its descriptors while the others are being spawned. Had any pipe end been
        // inheritable, a shell would hold another one's stdout or stderr (and delay its end of output).
        var listing = "sleep 0.2; for fd in /proc/$$/fd/*; do printf '%s %s\\n' \"${fd##*/}\" \"$(readlink $fd)\"; done";
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => ShellRunner.RunAsync(new ShellCommandSpec(listing), CancellationToken.None)));

        var fds = results.Select(r => r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2)).ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture), f => f[1])).ToList();
        var outputPipes = fds.SelectMany(f => new[] { f[1], f[2] }).ToHashSet();
        Assert.Equal(2 * results.Length, outputPipes.Count);
        Assert.All(outputPipes, target => Assert.Matches(PipeTarget(), target));
        Assert.All(fds, f =>
        {
            Assert.Equal("/dev/null", f[0]);
            Assert.DoesNotContain(f.Where(kv => kv.Key > 2), kv => outputPipes.Contains(kv.Value));
        });
    }

    [Fact]
    public async Task Pipe_ends_are_released_after_each_command()
    {
        var before = OpenPipeCount();
        for (var i = 0; i < 200; i++)
        {
            await ShellRunner.RunAsync(new ShellCommandSpec("echo out; echo err >&2"), CancellationToken.None);
        }

        // Two read ends per command (400 in all) would stay open if they leaked; other tests running
        // meanwhile may hold a few pipes of their own.
        Assert.InRange(OpenPipeCount() - before, int.MinValue, 40);
    }

    [Fact]
    public async Task Signal_dispositions_and_mask_match_what_dotnet_process_gives()
    {
        // Builtins only: while dash waits for a child it forked, it blocks every signal itself.
        var spec = new ShellCommandSpec("while read -r key value; do case $key in SigIgn:|SigBlk:) echo \"$key $value\";; esac; done < /proc/$$/status");
        var spawned = await ShellRunner.RunWithAsync(ShellLauncher.Spawn!, spec, CancellationToken.None);
        var viaProcess = await ShellRunner.RunWithAsync(ShellLauncher.Process, spec, CancellationToken.None);
        Assert.Equal(viaProcess.Stdout, spawned.Stdout);
        Assert.Contains("SigBlk: 0000000000000000", spawned.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shell_is_argv0_sh_with_dash_c()
    {
        var result = await ShellRunner.RunAsync(new ShellCommandSpec("echo \"$0\"; tr '\\0' ' ' < /proc/$$/cmdline"), CancellationToken.None);
        Assert.Equal($"{ShellRunner.ShellPath}\n{ShellRunner.ShellPath} -c echo \"$0\"; tr '\\0' ' ' < /proc/$$/cmdline ", result.Stdout);
    }

    [Fact]
    public async Task A_child_whose_status_someone_else_collected_reports_minus_one_and_the_runner_falls_back_to_process()
    {
        // A child that .NET's Process has already reaped stands for one reaped behind our back.
        using var other = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "exit 3"]))!;
        await other.WaitForExitAsync();
        try
        {
            Assert.Equal(-1, await ChildReaper.Watch(other.Id).WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.True(ChildReaper.StatusLost);
            Assert.Equal("process", ShellRunner.LaunchMethod);
            Assert.Equal("ok\n", (await ShellRunner.RunAsync(new ShellCommandSpec("echo ok"), CancellationToken.None)).Stdout);
        }
        finally
        {
            ChildReaper.ResetStatusLost();
        }

        Assert.Equal("posix_spawn", ShellRunner.LaunchMethod);
    }

    private static bool IsOurZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z" && fields[1] == Self.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int OpenPipeCount()
    {
        var count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget?.StartsWith("pipe:", StringComparison.Ordinal) == true)
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // Closed while we looked.
            }
        }

        return count;
    }

    [GeneratedRegex(@"^pipe:\[\d+\]$")]
    private static partial Regex PipeTarget();
}

[CollectionDefinition(nameof(ShellSpawnTests), DisableParallelization = true)]
public sealed class ShellSpawnTestsCollection;
