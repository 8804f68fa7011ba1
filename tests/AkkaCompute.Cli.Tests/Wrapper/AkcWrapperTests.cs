using System.Diagnostics;

namespace AkkaCompute.Cli.Tests.Wrapper;

/// <summary>
/// The <c>./akc</c> wrapper script, run against a copy of it in a scratch tree with a fake <c>dotnet</c> on PATH that
/// logs each build and, like an incremental build with nothing to copy, leaves an existing akc.dll untouched.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AkcWrapperTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("akc-wrapper-").FullName;

    public AkcWrapperTests()
    {
        File.Copy(Path.Combine(CliHarness.RepoRoot, "akc"), Path.Combine(_root, "akc"));
        Write("src/AkkaCompute.Cli/AkkaCompute.Cli.csproj", "<Project />");
        Write("src/AkkaCompute.Cli/Program.cs", "class P {}");
        Write("bin/dotnet", """
            #!/usr/bin/env bash
            if [ "$1" = build ]; then
              echo build >> "$FAKE_LOG"
              while [ $# -gt 0 ]; do if [ "$1" = -o ]; then out="$2"; fi; shift; done
              mkdir -p "$out"; [ -f "$out/akc.dll" ] || : > "$out/akc.dll"
            fi
            exit 0
            """);
        File.SetUnixFileMode(Path.Combine(_root, "bin/dotnet"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(_root, "akc"), (UnixFileMode)0b111_101_101);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Generated_files_under_obj_and_bin_do_not_make_the_next_call_rebuild()
    {
        Assert.Equal(1, await BuildsAsync());
        var later = StampTime().AddSeconds(10);
        Touch("src/AkkaCompute.Cli/obj/Release/net10.0/akc.AssemblyInfo.cs", later);
        Touch("src/AkkaCompute.Cli/obj/Debug/net10.0/akc.GlobalUsings.g.cs", later);
        Touch("src/AkkaCompute.Cli/bin/Debug/net10.0/Generated.cs", later);
        Assert.Equal(1, await BuildsAsync());
    }

    [Fact]
    public async Task A_source_change_rebuilds_once_even_when_the_build_copies_nothing()
    {
        Assert.Equal(1, await BuildsAsync());
        Touch("src/AkkaCompute.Cli/Program.cs", StampTime().AddSeconds(10));
        Assert.Equal(2, await BuildsAsync());
        Assert.Equal(2, await BuildsAsync()); // the build refreshed the stamp, though akc.dll kept its time
        Touch("src/AkkaCompute.Cli/AkkaCompute.Cli.csproj", StampTime().AddSeconds(10));
        Assert.Equal(3, await BuildsAsync());
    }

    /// <summary>Runs the wrapper once and returns how many builds the fake dotnet has logged so far.</summary>
    private async Task<int> BuildsAsync()
    {
        var log = Path.Combine(_root, "builds.log");
        var psi = new ProcessStartInfo(Path.Combine(_root, "akc"), ["--version"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.Environment["PATH"] = Path.Combine(_root, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["FAKE_LOG"] = log;
        psi.Environment["AKC_DOTNET_SDK_DIR"] = "/nonexistent";
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(p.ExitCode == 0, await err);
        return File.Exists(log) ? File.ReadAllLines(log).Length : 0;
    }

    /// <summary>
    /// Moves what the last build wrote (dll, stamp) an hour into the past and returns that time, so a file touched a
    /// little "later" is newer than the build yet older than anything the next build writes (no clock race, no sleep).
    /// </summary>
    private DateTime StampTime()
    {
        var past = DateTime.UtcNow.AddHours(-1);
        foreach (var file in Directory.GetFiles(Path.Combine(_root, ".akc", "bin"), "*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            File.SetLastWriteTimeUtc(file, past);
        }
        return past;
    }

    private void Write(string relative, string text)
    {
        var full = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.Replace("\r\n", "\n") + "\n");
        File.SetLastWriteTimeUtc(full, DateTime.UtcNow.AddHours(-2)); // older than any build, see StampTime
    }

    private void Touch(string relative, DateTime utc)
    {
        var full = Path.Combine(_root, relative);
        if (!File.Exists(full)) Write(relative, "// generated");
        File.SetLastWriteTimeUtc(full, utc);
    }
}
