using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Cli.Tests.Deploy;

/// <summary>
/// deploy/systemd/akc-node.service, checked with systemd's own tools, which need no running systemd (.ci/packages installs them):
/// <c>systemd-analyze verify</c> (unknown keys, values that do not parse) and <c>systemd-analyze security --offline=yes</c> (its
/// exposure score); and its settings file, installed beside hocon/*.conf as the unit's comment says, loads as akc node loads it.
/// </summary>
public sealed class SystemdUnitTests
{
    private static readonly string SystemdDir = Path.Combine(CliHarness.RepoRoot, "deploy", "systemd");

    private static string Unit => Path.Combine(SystemdDir, "akc-node.service");

    [Fact]
    public async Task Systemd_analyze_verify_accepts_the_unit()
    {
        var (code, output) = await SystemdAnalyzeAsync("verify", Unit);
        // The install path of dotnet may differ on the test machine; anything else verify says is a problem of the unit.
        var problems = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !Regex.IsMatch(l, @"Command /usr/bin/dotnet is not executable"))
            .ToList();
        Assert.True(code == 0 && problems.Count == 0, $"systemd-analyze verify (exit {code}):\n{output}");
    }

    [Fact]
    public async Task Systemd_analyze_security_rates_the_unit_ok()
    {
        var (code, output) = await SystemdAnalyzeAsync("security", "--offline=yes", Unit);
        Assert.True(code == 0, output);
        var match = Regex.Match(output, @"Overall exposure level for akc-node\.service: (\d+\.\d+) (\w+)");
        Assert.True(match.Success, output);
        var exposure = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(exposure <= 2.0, $"exposure {exposure} ({match.Groups[2].Value}), more than 2.0:\n{output}");
        Assert.Equal("OK", match.Groups[2].Value);
    }

    [Fact]
    public void The_unit_restarts_on_failure_runs_as_a_dynamic_user_and_writes_only_the_data_directory_of_its_settings()
    {
        var lines = File.ReadAllLines(Unit).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        string Value(string key) => Assert.Single(lines, l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];

        Assert.Equal("on-failure", Value("Restart"));
        Assert.Equal("yes", Value("DynamicUser"));
        Assert.Equal("strict", Value("ProtectSystem"));
        Assert.Equal("yes", Value("NoNewPrivileges"));
        Assert.Equal("SIGTERM", Value("KillSignal"));
        var exec = Value("ExecStart").Split(' ');
        Assert.Equal(["/usr/bin/dotnet", "/opt/akc/akc.dll", "node", "--config", "/etc/akc/akc-node.conf"], exec);

        // Installed as the comment says: hocon/*.conf and akc-node.conf in one directory (its include "lan.conf" resolves there).
        using var h = new CliHarness();
        var etc = Path.Combine(h.Root, "etc-akc");
        Directory.CreateDirectory(etc);
        foreach (var f in Directory.GetFiles(Path.Combine(CliHarness.RepoRoot, "hocon"), "*.conf").Append(Path.Combine(SystemdDir, "akc-node.conf")))
        {
            File.Copy(f, Path.Combine(etc, Path.GetFileName(f)));
        }

        var settings = NodeSettingsLoader.Load(Path.Combine(etc, "akc-node.conf"), _ => null, overrides: null);
        Assert.Equal("/var/lib/" + Value("StateDirectory"), settings.Storage.DataDirectory);
        Assert.Equal(Value("WorkingDirectory"), settings.Storage.DataDirectory);
        Assert.Equal("127.0.0.1", settings.Management.Hostname);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.Akka.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after")); // lan.conf is included
        Assert.Equal(2, settings.Akka.GetStringList("akka.cluster.seed-nodes").Count);
    }

    private static async Task<(int Code, string Output)> SystemdAnalyzeAsync(params string[] args)
    {
        var tool = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);
        Assert.True(tool is not null, "systemd-analyze is not installed: .ci/packages installs Debian's systemd (as root: apt-get install systemd)");
        var psi = new ProcessStartInfo(tool!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["SYSTEMD_COLORS"] = "0";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (p.ExitCode, await stdout + await stderr);
    }
}
