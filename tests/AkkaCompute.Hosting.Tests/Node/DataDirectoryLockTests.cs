using System.Diagnostics;
using AkkaCompute.Hosting.Node;

namespace AkkaCompute.Hosting.Tests.Node;

/// <summary>The data directory's OS-level lock: one holder at a time, across processes, released on dispose and on process death.</summary>
public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("akc-lock-").FullName;

    [Fact]
    public void A_second_acquire_in_the_same_process_is_refused_naming_the_directory_and_the_holder()
    {
        using var held = DataDirectoryLock.Acquire(_dir);

        var e = Assert.Throws<DataDirectoryInUseException>(() => DataDirectoryLock.Acquire(_dir));

        Assert.Equal(_dir, e.Directory);
        Assert.Equal(Environment.ProcessId, e.OwnerProcessId);
        Assert.Contains($"data directory {_dir} is in use by another akc process (pid {Environment.ProcessId})", e.Message);
    }

    [Fact]
    public void Disposing_the_holder_releases_the_lock()
    {
        DataDirectoryLock.Acquire(_dir).Dispose();

        using var again = DataDirectoryLock.Acquire(_dir);

        Assert.Equal(_dir, again.Directory);
    }

    [Fact]
    public void A_missing_directory_is_created()
    {
        var nested = Path.Combine(_dir, "a", "b");

        using var held = DataDirectoryLock.Acquire(nested);

        Assert.True(File.Exists(Path.Combine(nested, DataDirectoryLock.LockFileName)));
    }

    [Fact]
    public async Task Another_process_cannot_take_the_lock_while_it_is_held()
    {
        var lockFile = Path.Combine(_dir, DataDirectoryLock.LockFileName);
        using (DataDirectoryLock.Acquire(_dir))
        {
            Assert.Equal(1, await RunAsync("flock", "-n", "-E", "1", lockFile, "true"));
        }

        Assert.Equal(0, await RunAsync("flock", "-n", "-E", "1", lockFile, "true"));
    }

    [Fact]
    public async Task A_lock_held_by_a_killed_process_is_free_again()
    {
        var lockFile = Path.Combine(_dir, DataDirectoryLock.LockFileName);
        var info = new ProcessStartInfo("flock", ["-n", "-o", lockFile, "sh", "-c", "echo locked; exec cat"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        using var holder = Process.Start(info)!;
        try
        {
            Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Throws<DataDirectoryInUseException>(() => DataDirectoryLock.Acquire(_dir));
        }
        finally
        {
            holder.Kill(entireProcessTree: true); // SIGKILL: the holder (flock; -o keeps the lock out of its child) releases nothing itself
            await holder.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        using var taken = DataDirectoryLock.Acquire(_dir);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<int> RunAsync(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args))!;
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return p.ExitCode;
    }
}
