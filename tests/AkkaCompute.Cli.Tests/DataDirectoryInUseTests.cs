using System.Diagnostics;
using System.Text.Json;
using AkkaCompute.Hosting.Node;

namespace AkkaCompute.Cli.Tests;

/// <summary>One node per data directory: a second <c>akc run</c> is refused at once; the read-only commands keep working.</summary>
public class DataDirectoryInUseTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_run_on_a_locked_data_dir_is_refused_at_once_naming_the_holder_and_runs_nothing()
    {
        using var h = new CliHarness();
        var marker = Path.Combine(h.Root, "ran");
        var job = h.Write("job.conf", $$"""
            job { name = "locked" }
            tasks = [ { id = "a", shell = "touch '{{marker}}'" } ]
            """);

        using (DataDirectoryLock.Acquire(h.DataDir))
        {
            var (code, stdout, err) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json");

            Assert.Equal(1, code);
            Assert.Equal(string.Empty, stdout);
            Assert.Contains("akc run: ", err);
            Assert.Contains($"data directory {h.DataDir} is in use by another akc process (pid {Environment.ProcessId})", err);
            Assert.False(File.Exists(marker));
            Assert.False(File.Exists(Path.Combine(h.DataDir, "akc.db")));
        }

        var (again, _, againErr) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json");
        Assert.True(again == 0, againErr);
        Assert.True(File.Exists(marker));
    }

    [Fact]
    public async Task While_another_process_runs_a_job_a_second_run_is_refused_and_status_still_reads_the_store()
    {
        using var h = new CliHarness();
        var fifo = Path.Combine(h.Root, "started");
        CliHarness.Sh($"mkfifo '{fifo}'");
        var job = h.Write("long.conf", $$"""
            job { name = "long" }
            tasks = [ { id = "long", shell = "echo started > '{{fifo}}'; exec sleep 600", timeout = 10m } ]
            """);
        var akc = Path.Combine(AppContext.BaseDirectory, "akc.dll");
        var psi = new ProcessStartInfo("dotnet", ["exec", akc, "run", job, "--data-dir", h.DataDir, "--json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var first = Process.Start(psi)!;
        try
        {
            first.OutputDataReceived += (_, _) => { };
            first.ErrorDataReceived += (_, _) => { };
            first.BeginOutputReadLine();
            first.BeginErrorReadLine();
            var started = await Task.Run(() => File.ReadAllText(fifo)).WaitAsync(Deadline); // returns once the task runs
            Assert.Equal("started", started.Trim());

            var refusal = Stopwatch.StartNew();
            var (code, _, err) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json").WaitAsync(Deadline);
            Assert.Equal(1, code);
            Assert.Contains($"is in use by another akc process (pid {first.Id})", err);
            Assert.True(refusal.Elapsed < TimeSpan.FromSeconds(10), $"the refusal took {refusal.Elapsed}");

            var (statusCode, statusOut, statusErr) = await h.RunAsync("status", "--data-dir", h.DataDir, "--json");
            Assert.True(statusCode == 0, statusErr);
            Assert.Equal("long", JsonDocument.Parse(statusOut).RootElement.GetProperty("unfinished")[0].GetString());
            Assert.False(first.HasExited);
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync().WaitAsync(Deadline);
        }
    }
}
