using System.Diagnostics;
using System.Text.Json;

namespace AkkaCompute.Cli.Tests;

/// <summary>Runs akc in-process with captured output, in a fresh temporary directory per test.</summary>
public sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Root = Directory.CreateTempSubdirectory("akc-cli-").FullName;
        DataDir = Path.Combine(Root, "data");
    }

    public string Root { get; }

    public string DataDir { get; }

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The management token every test node has (<c>AkcNodeProcess</c> gives it through an environment variable).</summary>
    public const string TestToken = "akc-test-token-5f1c";

    /// <summary>A file holding the test nodes' management token (<see cref="TestToken"/>), for <c>--token-file</c>.</summary>
    public string TokenFile => Write("test-token", TestToken);

    public Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <summary>Runs akc with a token that stands for Ctrl+C.</summary>
    public async Task<(int Code, string Out, string Err)> RunAsync(CancellationToken interrupt, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await AkcApp.RunAsync(args, stdout, stderr, interrupt);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs akc as a child process (its own Console, logging included) and returns its exit code and whole output.</summary>
    public async Task<(int Code, string Out, string Err)> RunProcessAsync(TimeSpan deadline, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "akc.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("AKC__", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        using var p = Process.Start(psi)!;
        try
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync().WaitAsync(deadline);
            return (p.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>
    /// Waits until the store under <see cref="DataDir"/> records at least <paramref name="succeeded"/> succeeded tasks,
    /// reading it every 50 ms; fails after <paramref name="timeout"/>, or as soon as <paramref name="ended"/> says the
    /// run that should produce them is over.
    /// </summary>
    public async Task AwaitSucceededAsync(int succeeded, TimeSpan timeout, Func<bool> ended)
    {
        var settings = AkkaCompute.Hosting.Settings.NodeSettingsLoader.Load(null, _ => null, AkkaCompute.Cli.Commands.CommonOptions.Overrides(null, DataDir, null));
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.True(deadline.Elapsed < timeout, $"{succeeded} task(s) did not succeed within {timeout.TotalSeconds:0} s");
            Assert.False(ended(), $"the run ended before {succeeded} task(s) succeeded");
            if (File.Exists(settings.Storage.DatabasePath) &&
                (await AkkaCompute.Hosting.Storage.HistoryReader.LoadAsync(settings.Storage.DatabasePath, CancellationToken.None)).Stats().ByState[AkkaCompute.Compute.Tasks.TaskState.Succeeded] >= succeeded)
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    public string Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public static List<JsonElement> ReadJsonLines(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public static string Sh(string command)
    {
        var psi = new ProcessStartInfo("/bin/sh", ["-c", command]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AkkaCompute.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("AkkaCompute.sln not found above " + AppContext.BaseDirectory);
    }
}
