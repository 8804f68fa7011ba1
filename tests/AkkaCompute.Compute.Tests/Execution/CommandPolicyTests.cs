using AkkaCompute.Compute.Execution;

namespace AkkaCompute.Compute.Tests.Execution;

public sealed class CommandPolicyTests
{
    private static readonly CommandPolicy Policy = CommandPolicy.Default;

    [Theory]
    [InlineData(":(){ :|:& };:", "fork-bomb")]
    [InlineData(":(){ :|: & };:", "fork-bomb")]
    [InlineData(": ( ) { : | : & } ; :", "fork-bomb")]
    [InlineData("bomb() { bomb | bomb & }; bomb", "fork-bomb")]
    [InlineData("f(){ f & f; }; f", "fork-bomb")]
    [InlineData("function boom { boom|boom& }; boom", "fork-bomb")]
    [InlineData("bash -c '$0 | $0 &' x", "fork-bomb")]
    [InlineData("rm -rf /", "rm-root")]
    [InlineData("rm -rf /*", "rm-root")]
    [InlineData("rm -fr /", "rm-root")]
    [InlineData("rm -r -f /", "rm-root")]
    [InlineData("rm -Rf //", "rm-root")]
    [InlineData("rm --recursive --force /", "rm-root")]
    [InlineData("rm -rf -- /", "rm-root")]
    [InlineData("rm -rf \"/\"", "rm-root")]
    [InlineData("rm -rf '/'*", "rm-root")]
    [InlineData("r\\m -rf /", "rm-root")]
    [InlineData("sudo rm -rf /", "rm-root")]
    [InlineData("/bin/rm -rf /", "rm-root")]
    [InlineData("cd /tmp && rm -rf /", "rm-root")]
    [InlineData("echo cleaning\nrm -rf / # oops", "rm-root")]
    [InlineData("sh -c 'rm -rf /'", "rm-root")]
    [InlineData("rm${IFS}-rf${IFS}/", "rm-root")]
    [InlineData("rm -rf --no-preserve-root /", "rm-root")]
    [InlineData("rm --no-preserve-root -r /mnt/x", "rm-no-preserve-root")]
    [InlineData("rm -rf ~", "rm-home")]
    [InlineData("rm -rf $HOME/*", "rm-home")]
    [InlineData("rm -rf /usr", "rm-system-dir")]
    [InlineData("rm -rf /etc/", "rm-system-dir")]
    [InlineData("cat disk.img > /dev/sda", "block-device-write")]
    [InlineData("echo x >> /dev/nvme0n1", "block-device-write")]
    [InlineData("head -c 1M /dev/urandom >/dev/vda", "block-device-write")]
    [InlineData("cp disk.img /dev/sdc", "block-device-write")]
    [InlineData("tee /dev/xvda < img", "block-device-write")]
    [InlineData("cat x > /dev/mmcblk0p1", "block-device-write")]
    [InlineData("dd if=image.iso of=/dev/sdb bs=4M", "dd-to-device")]
    [InlineData("dd if=/dev/zero of=/dev/nvme0n1", "dd-to-device")]
    [InlineData("dd of=/dev/vdb if=x", "dd-to-device")]
    [InlineData("wipefs -a /dev/sda", "disk-tool-on-device")]
    [InlineData("shred -n 1 /dev/sdb", "disk-tool-on-device")]
    [InlineData("mkfs.ext4 /dev/sdb1", "mkfs")]
    [InlineData("mkfs -t xfs /dev/sdc", "mkfs")]
    [InlineData("/sbin/mkfs.vfat /dev/sdd1", "mkfs")]
    [InlineData("sudo mke2fs /dev/sdb", "mkfs")]
    [InlineData("shutdown -h now", "shutdown")]
    [InlineData("nohup shutdown -r now &", "shutdown")]
    [InlineData("reboot", "reboot")]
    [InlineData("sudo reboot", "reboot")]
    [InlineData("FOO=1 /sbin/reboot", "reboot")]
    [InlineData("echo done && reboot", "reboot")]
    [InlineData("echo $(reboot)", "reboot")]
    [InlineData("echo \"$(reboot)\"", "reboot")]
    [InlineData("echo `reboot`", "reboot")]
    [InlineData("bash -c 'reboot'", "reboot")]
    [InlineData("eval \"reboot\"", "reboot")]
    [InlineData("if true; then reboot; fi", "reboot")]
    [InlineData("\"reboot\"", "reboot")]
    [InlineData("halt", "halt")]
    [InlineData("poweroff", "poweroff")]
    [InlineData("systemctl reboot", "systemctl-power")]
    [InlineData("systemctl --force poweroff", "systemctl-power")]
    [InlineData("init 0", "init-runlevel")]
    [InlineData("init 6", "init-runlevel")]
    [InlineData("telinit 6", "init-runlevel")]
    [InlineData("kill -9 -1", "kill-all")]
    [InlineData("kill -KILL -1", "kill-all")]
    public void Dangerous_commands_are_refused_by_the_named_rule(string command, string rule)
    {
        var decision = Policy.Check(command);
        Assert.False(decision.Allowed, $"'{command}' should be refused");
        Assert.Equal(rule, decision.Rule);
        Assert.Equal($"refused by deny rule '{rule}': {command}", decision.Reason);
    }

    [Theory]
    [InlineData("rm -rf ./build")]
    [InlineData("rm -rf /tmp/x")]
    [InlineData("rm -rf build/")]
    [InlineData("rm -rf /var/tmp/job-1")]
    [InlineData("rm -r ~/cache/x")]
    [InlineData("rm -f /tmp/x.lock")]
    [InlineData("rm /")]
    [InlineData("find . -name '*.o' -delete")]
    [InlineData("ls > /dev/null")]
    [InlineData("echo hi > /dev/stderr 2>&1")]
    [InlineData("dd if=/dev/zero of=/dev/null bs=1M count=10")]
    [InlineData("dd if=/dev/sda of=backup.img")]
    [InlineData("dd if=in.bin of=out.bin")]
    [InlineData("ls -l /dev/sda")]
    [InlineData("echo /dev/sda")]
    [InlineData("cat /dev/sda | head -c 512 > mbr.bin")]
    [InlineData("echo reboot")]
    [InlineData("echo 'rm -rf /'")]
    [InlineData("echo ':(){ :|:& };:'")]
    [InlineData("grep shutdown /var/log/syslog")]
    [InlineData("git commit -m \"fix; reboot later\"")]
    [InlineData("git commit -m 'halt && poweroff'")]
    [InlineData("./reboot-report.sh")]
    [InlineData("python3 halting_problem.py")]
    [InlineData("man mkfs")]
    [InlineData("mkdir -p /tmp/out")]
    [InlineData("init_db.sh 0")]
    [InlineData("reboot_count=3; echo $reboot_count")]
    [InlineData("systemctl status nginx")]
    [InlineData("kill -1 1234")]
    [InlineData("kill -9 1234")]
    [InlineData("f() { echo hi; }; f")]
    [InlineData("yes | head -n 3")]
    [InlineData("sleep 1 & sleep 2 & wait")]
    [InlineData("python3 -c 'import os; print(os.getcwd())'")]
    [InlineData("echo $((1+1)) # reboot")]
    [InlineData("gzip -9 data.txt && ls -la")]
    [InlineData("sort -r /tmp/words | uniq -c > counts.txt")]
    [InlineData("echo ${HOME}/reboot")]
    public void Ordinary_commands_are_allowed(string command)
    {
        var decision = Policy.Check(command);
        Assert.True(decision.Allowed, decision.Reason);
        Assert.Null(decision.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_commands_are_refused(string? command)
    {
        var decision = Policy.Check(command);
        Assert.Equal(("empty", "refused: the command is empty"), (decision.Rule, decision.Reason));
    }

    [Fact]
    public void Overlong_commands_are_refused_and_long_reasons_are_cut()
    {
        Assert.Equal("too-long", Policy.Check(new string('x', ShellCommandSpec.CommandBytesMax + 1)).Rule);
        var decision = Policy.Check("reboot " + new string('x', 500));
        Assert.Equal("refused by deny rule 'reboot': ".Length + 200 + 1, decision.Reason!.Length);
        Assert.EndsWith("…", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_deny_commands_and_rules_apply_with_their_names()
    {
        var policy = new CommandPolicy(new CommandPolicyOptions
        {
            DenyCommands = ["curl"],
            DenyRules = [new CommandRule("no-sudo", @"\bsudo\b"), new CommandRule("no-network", CommandPolicy.CommandStart + "(?:wget|nc)" + CommandPolicy.WordEnd)],
        });
        Assert.Equal("curl", policy.Check("curl http://example.com | sh").Rule);
        Assert.Equal("curl", policy.Check("cd x && /usr/bin/curl -O y").Rule);
        Assert.Equal("no-sudo", policy.Check("sudo ls").Rule);
        Assert.Equal("no-network", policy.Check("echo x; nc -l 80").Rule);
        Assert.True(policy.Check("echo curl wget").Allowed);
        Assert.Equal("reboot", policy.Check("reboot").Rule);
        Assert.Contains("no-sudo", policy.DenyRuleNames);
        Assert.Equal("fork-bomb", policy.DenyRuleNames[0]);
    }

    [Fact]
    public void Invalid_configuration_is_refused_naming_the_entry()
    {
        var bad = Assert.Throws<ArgumentException>(() => new CommandPolicy(new CommandPolicyOptions { DenyRules = [new CommandRule("broken", "(unclosed")] }));
        Assert.StartsWith("deny rule 'broken' is not a valid regular expression", bad.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new CommandPolicy(new CommandPolicyOptions { DenyRules = [new CommandRule("", "x")] }));
        Assert.Throws<ArgumentException>(() => new CommandPolicy(new CommandPolicyOptions { AllowPatterns = ["[a-"] }));
        Assert.Throws<ArgumentException>(() => new CommandPolicy(new CommandPolicyOptions { AllowCommands = [" "] }));
        Assert.Throws<ArgumentException>(() => new CommandPolicy(new CommandPolicyOptions { MatchTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new CommandPolicy(new CommandPolicyOptions { DenyCommands = [.. Enumerable.Range(0, 1001).Select(i => $"c{i}")] }));
    }

    private static readonly CommandPolicy AllowList = new(new CommandPolicyOptions
    {
        AllowCommands = ["gzip", "ls", "echo", "python3 scripts/", "LC_ALL=C sort"],
        AllowPatterns = [@"wc -[lwc]+ [\w./-]+", "rm .*"],
    });

    [Theory]
    [InlineData("gzip -9 a.txt")]
    [InlineData("gzip")]
    [InlineData("ls -l | gzip > listing.gz")]
    [InlineData("ls && echo ok || echo failed")]
    [InlineData("ls 2>&1 | gzip")]
    [InlineData("ls &> out.txt")]
    [InlineData("for f in *.txt; do gzip $f; done")]
    [InlineData("if ls; then echo yes; else echo no; fi")]
    [InlineData("echo 'a;curl x'")]
    [InlineData("python3 scripts/run.py --n 3")]
    [InlineData("wc -l data/in.txt")]
    [InlineData("(ls; echo x) | gzip")]
    [InlineData("{ ls; echo x; } | gzip")]
    [InlineData("LC_ALL=C sort -u words")]
    [InlineData("echo ${HOME}")]
    public void With_an_allow_list_commands_made_only_of_allowed_parts_run(string command)
    {
        var decision = AllowList.Check(command);
        Assert.True(decision.Allowed, decision.Reason);
    }

    [Theory]
    [InlineData("curl http://x", "curl http://x", 1, 1)]
    [InlineData("gzip a; curl x", "curl x", 2, 2)]
    [InlineData("ls | sh", "sh", 2, 2)]
    [InlineData("gzipx a", "gzipx a", 1, 1)]
    [InlineData("echo $(curl x)", "curl x", 2, 2)]
    [InlineData("echo \"$(curl x)\"", "curl x", 2, 2)]
    [InlineData("echo `id`", "id", 2, 2)]
    [InlineData("ls & curl x", "curl x", 2, 2)]
    [InlineData("python3 other.py", "python3 other.py", 1, 1)]
    [InlineData("wc -l a b", "wc -l a b", 1, 1)]
    [InlineData("LC_ALL=C ls", "LC_ALL=C ls", 1, 1)]
    [InlineData("env gzip x", "env gzip x", 1, 1)]
    [InlineData("/bin/ls", "/bin/ls", 1, 1)]
    public void With_an_allow_list_any_other_simple_command_is_refused_and_named(string command, string offending, int index, int count)
    {
        var decision = AllowList.Check(command);
        Assert.False(decision.Allowed);
        Assert.Equal("allow-list", decision.Rule);
        Assert.Equal($"refused by allow list: '{offending}' (simple command {index} of {count}) matches no allowed command or pattern: {command}", decision.Reason);
    }

    [Fact]
    public void The_deny_list_still_applies_to_allowed_commands()
    {
        Assert.Equal("rm-root", AllowList.Check("rm -rf /").Rule);
        Assert.True(AllowList.Check("rm -rf ./build").Allowed);
    }

    [Theory]
    [InlineData("rm -rf \"/\"", "rm -rf /")]
    [InlineData("git commit -m \"a; b\"", "git commit -m a_ b")]
    [InlineData("echo 'x|y' \"$(date)\"", "echo x_y $(date)")]
    [InlineData("sh -c 'a; b'", "sh -c a; b")]
    [InlineData("a \\; b", "a _ b")]
    [InlineData("ls # comment; reboot", "ls")]
    [InlineData("a\nb", "a;b")]
    [InlineData("  a \t  b  ", "a b")]
    public void Normalization_removes_quotes_and_neutralizes_quoted_operators(string command, string normalized) =>
        Assert.Equal(normalized, CommandPolicy.Normalize(command));
}
