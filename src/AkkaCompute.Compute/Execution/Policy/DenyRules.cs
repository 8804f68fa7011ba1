namespace AkkaCompute.Compute.Execution;

/// <summary>
/// The built-in deny rules of <see cref="CommandPolicy"/>. Each is a regular expression over the
/// normalized command text; command-name rules match only where a command starts.
/// </summary>
internal static class DenyRules
{
    private const string BlockDevice = @"/dev/(?:sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d|mmcblk\d|md\d|dm-\d|loop\d|sr\d|disk/|mapper/)";
    private const string Recursive = @"(?=(?:[^;&|]*\s)?(?:-[a-z]*r|--recursive\b))";
    private const string SystemDirs = "(?:bin|boot|dev|etc|home|lib|lib32|lib64|opt|proc|root|sbin|srv|sys|usr|var)";
    private const string Args = @"(?:[^;&|]*\s)?";

    public static IReadOnlyList<CommandRule> All { get; } =
    [
        new("fork-bomb",
            @"(?<f>[^\s(){};|&<>$`]+)\s*\(\s*\)\s*\{[^}]*?\k<f>\s*[|&]\s*\k<f>"
            + @"|\bfunction\s+(?<g>[^\s(){};|&<>$`]+)\s*(?:\(\s*\))?\s*\{[^}]*?\k<g>\s*[|&]\s*\k<g>"
            + @"|\$0\s*[|&]\s*\$0"),
        new("rm-root", Command(@"rm\s+" + Recursive + Args + @"/+\*?")),
        new("rm-no-preserve-root", CommandPolicy.CommandStart + @"rm\s[^;&|]*--no-preserve-root"),
        new("rm-home", Command(@"rm\s+" + Recursive + Args + @"(?:~|\$HOME|\$\{HOME\})/*\*?")),
        new("rm-system-dir", Command(@"rm\s+" + Recursive + Args + @"/+" + SystemDirs + @"/*\*?")),
        new("block-device-write", @"(?:>{1,2}\|?|" + CommandPolicy.CommandStart + @"(?:tee|cp|mv)\s" + Args + @")\s*" + BlockDevice),
        new("dd-to-device", CommandPolicy.CommandStart + @"dd\s" + Args + @"of=/dev/(?!(?:null|zero|full|stdout|stderr|tty|fd/\d+|pts/\d+)(?:\s|$|[;&|)]))"),
        new("find-delete", CommandPolicy.CommandStart + @"find\s+(?:-[HLPO]\S*\s+)*(?:/+|/+" + SystemDirs + @"/*|~/*|\$HOME/*|\$\{HOME\}/*)\s" + Args + @"-delete" + CommandPolicy.WordEnd),
        new("disk-tool-on-device", CommandPolicy.CommandStart + @"(?:wipefs|shred|fdisk|sfdisk|cfdisk|parted|sgdisk|mkswap|blkdiscard)\s[^;&|]*/dev/"),
        new("mkfs", Command(@"mk(?:e2)?fs(?:\.[\w.]+)?")),
        new("shutdown", Command("shutdown")),
        new("reboot", Command("reboot")),
        new("halt", Command("halt")),
        new("poweroff", Command("poweroff")),
        new("systemctl-power", Command(@"systemctl\s+(?:-\S+\s+)*(?:poweroff|reboot|halt|kexec|suspend|hibernate)")),
        new("init-runlevel", Command(@"(?:tel)?init\s+[06]")),
        new("kill-all", CommandPolicy.CommandStart + @"kill\s+(?:-\S+\s+)*-1\s*(?:$|[;&|)])"),
    ];

    /// <summary>A rule body anchored where a command starts and ending at a word boundary.</summary>
    public static string Command(string body) => CommandPolicy.CommandStart + body + CommandPolicy.WordEnd;
}
