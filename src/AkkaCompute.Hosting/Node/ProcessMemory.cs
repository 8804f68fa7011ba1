using System.Runtime.InteropServices;

namespace AkkaCompute.Hosting.Node;

/// <summary>
/// Returns a process's free memory to the operating system: a blocking, compacting collection of every generation in
/// <see cref="GCCollectionMode.Aggressive"/> mode (which also releases the garbage collector's free regions), then, on Linux with
/// glibc, <c>malloc_trim(0)</c> (man 3 malloc_trim), which gives the C heap's free pages back (the runtime's and native
/// libraries' allocations: SQLite, OpenSSL, the JIT). Blocks every managed thread for the collection (the trimmer logs how
/// long it took): call it when the process is idle (<see cref="IdleTrimSchedule"/>).
/// </summary>
public static class ProcessMemory
{
    /// <summary>
    /// Trims, and returns the process's resident set before and after, in bytes (<see cref="Environment.WorkingSet"/>), and how
    /// long the trim took.
    /// </summary>
    public static (long Before, long After, TimeSpan Took) Trim()
    {
        var before = Environment.WorkingSet;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = MallocTrim(0);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // Not glibc (musl has no malloc_trim): the managed heap was still compacted and released.
            }
        }

        return (before, Environment.WorkingSet, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
