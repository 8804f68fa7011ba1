using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Execution;

/// <summary>Issue 12, item 3: the fingerprint of a task's input files, and the cache key it goes into.</summary>
public class InputFingerprintTests
{
    [Fact]
    public void No_files_have_no_fingerprint()
    {
        Assert.Null(InputFingerprint.Of([]));
    }

    [Fact]
    public void The_fingerprint_changes_when_a_files_content_changes_even_with_the_same_size_and_time()
    {
        using var dir = TestSupport.TempDir();
        var file = dir.Write("a.txt", "hello");
        var time = File.GetLastWriteTimeUtc(file);
        var before = InputFingerprint.Of([file]);

        File.WriteAllText(file, "HELLO");
        File.SetLastWriteTimeUtc(file, time);

        Assert.NotNull(before);
        Assert.Matches("^[0-9a-f]{64}$", before);
        Assert.NotEqual(before, InputFingerprint.Of([file]));
    }

    [Fact]
    public void The_fingerprint_ignores_order_duplicates_and_touching_a_file()
    {
        using var dir = TestSupport.TempDir();
        var a = dir.Write("a", "1");
        var b = dir.Write("b", "2");
        var before = InputFingerprint.Of([a, b]);
        File.SetLastWriteTimeUtc(a, DateTime.UtcNow.AddHours(1));
        Assert.Equal(before, InputFingerprint.Of([b, a, b]));
    }

    [Fact]
    public void A_missing_file_and_a_fifo_have_a_state_and_are_never_opened()
    {
        using var dir = TestSupport.TempDir();
        var missing = dir.File("gone");
        Assert.Equal("missing", InputFingerprint.StateOf(missing));
        var withMissing = InputFingerprint.Of([missing]);
        File.WriteAllText(missing, "now here");
        Assert.NotEqual(withMissing, InputFingerprint.Of([missing]));

        var fifo = dir.File("pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit(30_000);
        }

        var read = Task.Run(() => InputFingerprint.StateOf(fifo));
        Assert.True(read.Wait(TimeSpan.FromSeconds(30)), "fingerprinting a FIFO blocked");
        Assert.Equal("not-regular", read.Result);
    }

    [Fact]
    public void A_relative_path_is_refused()
    {
        Assert.Throws<ArgumentException>(() => InputFingerprint.Of(["relative.txt"]));
    }

    [Fact]
    public void The_cache_key_with_inputs_changes_when_a_files_content_changes()
    {
        using var dir = TestSupport.TempDir();
        var file = dir.Write("data.txt", "one");
        var functions = FunctionRegistry.CreateWithBuiltIns();
        var task = new TaskSpec { Id = "h", Function = "sha256", Args = TestSupport.Json($$"""{"file": "{{file}}"}""") };
        string KeyNow() => CacheKey.WithInputs(CacheKey.For(task)!, InputFingerprint.Of(TaskInputFiles.Of(task, functions)));

        var before = KeyNow();
        Assert.Equal(before, KeyNow());
        File.WriteAllText(file, "two");

        Assert.NotEqual(before, KeyNow());
        Assert.Equal(CacheKey.For(task), CacheKey.WithInputs(CacheKey.For(task)!, null));
    }
}
