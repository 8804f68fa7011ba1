using System.Diagnostics;
using AkkaCompute.Persistence;

namespace AkkaCompute.Persistence.Tests;

/// <summary>An event type used by the store specs; a positional record so JSON stores round-trip it.</summary>
public sealed record TestEvent(string PersistenceId, long SequenceNr, string Text = "");

/// <summary>A snapshot state used by the store specs.</summary>
public sealed record TestState(string Name, IReadOnlyList<int> Values);

internal static class TestSupport
{
    /// <summary>Awaits <paramref name="condition"/> with a deadline (polls; never a fixed sleep).</summary>
    public static async Task Eventually(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var max = timeout ?? TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (deadline.Elapsed > max)
            {
                throw new TimeoutException($"condition not met within {max.TotalSeconds:0} s: {what}");
            }

            await Task.Delay(5);
        }
    }

    public static string TempDbPath() => Path.Combine(Path.GetTempPath(), "akc-persistence-tests", Guid.NewGuid().ToString("N") + ".db");

    public static void DeleteDb(string path)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(path + suffix);
            }
            catch (IOException)
            {
                // best effort cleanup of a temp file
            }
        }
    }
}
