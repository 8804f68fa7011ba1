using AkkaCompute.Compute.Execution;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace AkkaCompute.Compute.Tests.Execution;

/// <summary>The command policy parses the shell and sees through prefix commands (issue 12 item 6).</summary>
public sealed class CommandPolicyWrapperTests
{
    private static readonly CommandPolicy Policy = CommandPolicy.Default;

    /// <summary>One dangerous command per built-in rule (none with quotes, so any wrapper can quote it).</summary>
    public static readonly (string Command, string Rule)[] Dangerous =
    [
        (":(){ :|:& };:", "fork-bomb"),
        ("rm -rf /", "rm-root"),
        ("rm --no-preserve-root -r /mnt/x", "rm-no-preserve-root"),
        ("rm -rf ~", "rm-home"),
        ("rm -rf /usr", "rm-system-dir"),
        ("cat disk.img > /dev/sda", "block-device-write"),
        ("dd if=image.iso of=/dev/sdb bs=4M", "dd-to-device"),
        ("find / -delete", "find-delete"),
        ("wipefs -a /dev/sda", "disk-tool-on-device"),
        ("mkfs.ext4 /dev/sdb1", "mkfs"),
        ("shutdown -h now", "shutdown"),
        ("reboot", "reboot"),
        ("halt", "halt"),
        ("poweroff", "poweroff"),
        ("systemctl reboot", "systemctl-power"),
        ("init 0", "init-runlevel"),
        ("kill -9 -1", "kill-all"),
    ];

    /// <summary>Prefix commands with options (and option values) in front of a command; {0} is the command.</summary>
    public static readonly string[] Wrappers =
    [
        "sudo {0}", "sudo -u root {0}", "sudo -u root -g wheel -- {0}", "sudo --user=root -E {0}", "doas -u root {0}",
        "env {0}", "env -i PATH=/bin FOO=1 {0}", "env -u HOME {0}", "nice {0}", "nice -n 10 {0}", "nice -5 {0}",
        "nohup {0}", "timeout 5 {0}", "timeout -s KILL 5 {0}", "timeout --signal=TERM -k 2 10s {0}", "xargs {0}",
        "xargs -n 1 -P 4 {0}", "command {0}", "command -p {0}", "exec {0}", "exec -a name {0}", "setsid {0}",
        "stdbuf -o L {0}", "ionice -c 3 {0}", "time -p {0}", "busybox {0}", "FOO=bar {0}", "/usr/bin/sudo -u root {0}",
        "sh -c '{0}'", "bash -lc '{0}'", "bash -c \"{0}\"", "su root -c '{0}'", "eval '{0}'", "echo $({0})", "echo `{0}`",
        "({0})", "true && {0}", "false || {0}", "echo x | {0}", "if true; then {0}; fi", "cd /tmp; {0}",
    ];

    [Theory]
    [InlineData("sudo -u root rm -rf /", "rm-root")]
    [InlineData("timeout -s KILL 5 rm -rf /", "rm-root")]
    [InlineData("sudo -u root reboot", "reboot")]
    [InlineData("cd / && rm -rf *", "rm-root")]
    [InlineData("find / -delete", "find-delete")]
    [InlineData("cd /usr; rm -rf ./*", "rm-system-dir")]
    [InlineData("cd && rm -rf .", "rm-home")]
    [InlineData("env -S 'rm -rf /'", "rm-root")]
    [InlineData("find . -exec sudo -u root reboot ;", "reboot")]
    [InlineData("sudo -u root sh -c 'nice -n 5 timeout 3 dd if=/dev/zero of=/dev/sda'", "dd-to-device")]
    public void The_issue_cases_are_refused(string command, string rule)
    {
        var decision = Policy.Check(command);
        Assert.False(decision.Allowed, $"'{command}' should be refused");
        Assert.Equal(rule, decision.Rule);
    }

    [Theory]
    [InlineData("echo 'dd of=/dev/sda'")]
    [InlineData("echo \"dd if=x of=/dev/sda\"")]
    [InlineData("echo 'tee /dev/sda'")]
    [InlineData("grep -n 'cp x /dev/sdb' notes.txt")]
    [InlineData("cd /tmp && rm -rf *")]
    [InlineData("cd build && rm -rf *")]
    [InlineData("find . -name '*.o' -delete")]
    [InlineData("find /tmp/job -delete")]
    [InlineData("sudo -u bob ls /root")]
    public void Quoted_data_and_harmless_wrapped_commands_are_allowed(string command)
    {
        var decision = Policy.Check(command);
        Assert.True(decision.Allowed, decision.Reason);
    }

    [Fact]
    public void Every_deny_rule_refuses_under_every_wrapper()
    {
        var failures = new List<string>();
        foreach (var (command, rule) in Dangerous)
        {
            foreach (var wrapper in Wrappers)
            {
                var wrapped = string.Format(System.Globalization.CultureInfo.InvariantCulture, wrapper, command);
                var decision = Policy.Check(wrapped);
                if (decision.Allowed || decision.Rule != rule) failures.Add($"{wrapped} -> {decision.Rule ?? "allowed"} (expected {rule})");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Every_deny_rule_refuses_under_random_stacks_of_wrappers()
    {
        var gen =
            from pick in Gen.Elements(Dangerous)
            from stack in Gen.ListOf(Gen.Elements(Wrappers.Where(w => !w.Contains('\'', StringComparison.Ordinal) && !w.Contains('"', StringComparison.Ordinal)).ToArray()), 3)
            select (pick.Command, pick.Rule, Wrapped: stack.Aggregate(pick.Command, (inner, w) => string.Format(System.Globalization.CultureInfo.InvariantCulture, w, inner)));
        Check.One(Config(500, 20261206UL), Prop.ForAll(Arb.From(gen), c =>
        {
            var decision = Policy.Check(c.Wrapped);
            Assert.True(!decision.Allowed && decision.Rule == c.Rule, $"{c.Wrapped} -> {decision.Rule ?? "allowed"} (expected {c.Rule})");
        }));
    }

    [Fact]
    public void Random_harmless_commands_are_never_refused()
    {
        var data = Gen.Elements("'rm -rf /'", "\"dd of=/dev/sda\"", "'reboot now'", "'; shutdown -h now'", "\"a && halt\"", "'mkfs /dev/sdb'",
            "'> /dev/sda'", "\"kill -9 -1\"", "'find / -delete'", "'cd / && rm -rf *'", "hello", "42", "/dev/sda", "reboot", "'$(reboot)'");
        var path = Gen.Elements("build", "./out", "/tmp/x", "data.txt", "src/a.c", "~/cache/x", "/var/tmp/job-1", "'a b.txt'");
        var simple = Gen.OneOf(
            from d in data select $"echo {d}",
            from d in data from p in path select $"grep -n {d} {p}",
            from d in data select $"git commit -m {d}",
            from p in path select $"rm -rf {p}",
            from p in path select $"ls -la {p}",
            from p in path select $"find {p} -name '*.o' -delete",
            from p in path select $"cat {p} | wc -l",
            from p in path select $"gzip -c {p} > /dev/null",
            from p in path select $"dd if={p} of=/tmp/img bs=1M",
            from p in path select $"cd {p} && make");
        var wrapped = from s in simple
                      from w in Gen.Elements("{0}", "sudo -u bob {0}", "nice -n 5 {0}", "timeout 5 {0}", "env X=1 {0}", "nohup {0}", "xargs -n 1 {0}", "({0})")
                      select string.Format(System.Globalization.CultureInfo.InvariantCulture, w, s);
        var line = from parts in Gen.ListOf(wrapped, 3)
                   from ops in Gen.ListOf(Gen.Elements(" ; ", " && ", " || ", " | ", "\n"), 2)
                   select parts[0] + ops[0] + parts[1] + ops[1] + parts[2];
        Check.One(Config(1000, 20261207UL), Prop.ForAll(Arb.From(line), command =>
        {
            var decision = Policy.Check(command);
            Assert.True(decision.Allowed, $"{command} -> {decision.Reason}");
        }));
    }

    private static Config Config(int maxTest, ulong seed) => FsCheck.Config.QuickThrowOnFailure
        .WithMaxTest(maxTest)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
}
