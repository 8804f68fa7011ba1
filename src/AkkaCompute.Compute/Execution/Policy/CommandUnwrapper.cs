namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Sees through prefix commands: from a simple command read by <see cref="ShellParser"/>, drops control keywords,
/// <c>VAR=value</c> assignments and wrappers with their options (sudo, doas, env, nice, ionice, nohup, setsid, time,
/// timeout, stdbuf, xargs, command, builtin, exec, busybox, chroot, su/runuser without <c>-c</c>), and reads the
/// string of <c>sh -c</c>/<c>bash -c</c>/<c>su -c</c>, <c>eval</c>'s arguments, <c>env -S</c>'s string and
/// <c>find -exec</c>'s command as commands of their own. Also tracks <c>cd</c> so that <c>cd / &amp;&amp; rm -rf *</c>
/// reads <c>rm -rf /*</c>. Pure; bounded by <see cref="ShellParser.MaxDepth"/> and <see cref="MaxCommands"/>.
/// </summary>
internal static class CommandUnwrapper
{
    /// <summary>Most simple commands examined for one command line: 10,000 (more are not examined).</summary>
    public const int MaxCommands = 10_000;

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "!", "if", "then", "else", "elif", "do", "while", "until", "{", "}", "fi", "done", "esac", "in" };

    /// <summary>Options that take a value (as the next word, unless written <c>--opt=value</c> or glued <c>-uroot</c>), per wrapper.</summary>
    private static readonly Dictionary<string, string[]> Wrappers = new(StringComparer.Ordinal)
    {
        ["sudo"] = ["-u", "-g", "-h", "-p", "-r", "-t", "-U", "-C", "-D", "-T", "-R", "--user", "--group", "--host", "--prompt", "--role", "--type", "--other-user", "--close-from", "--chdir", "--command-timeout", "--chroot"],
        ["doas"] = ["-u", "-C"],
        ["env"] = ["-u", "-C", "--unset", "--chdir"],
        ["nice"] = ["-n", "--adjustment"],
        ["ionice"] = ["-c", "-n", "-p", "-P", "-u", "--class", "--classdata"],
        ["nohup"] = [],
        ["setsid"] = [],
        ["time"] = ["-f", "-o", "--format", "--output"],
        ["timeout"] = ["-s", "-k", "--signal", "--kill-after"],
        ["stdbuf"] = ["-i", "-o", "-e", "--input", "--output", "--error"],
        ["xargs"] = ["-I", "-L", "-n", "-P", "-s", "-d", "-E", "-a", "--max-lines", "--max-args", "--max-procs", "--max-chars", "--delimiter", "--eof", "--arg-file", "--replace"],
        ["command"] = [],
        ["builtin"] = [],
        ["exec"] = ["-a"],
        ["busybox"] = [],
        ["chroot"] = ["--userspec", "--groups"],
        ["su"] = ["-s", "-g", "-G", "-w", "--shell", "--group", "--supp-group"],
        ["runuser"] = ["-s", "-g", "-G", "-u", "-w", "--shell", "--group", "--supp-group", "--user"],
        ["flock"] = ["-w", "-E", "--timeout", "--conflict-exit-code"],
        ["taskset"] = [],
        ["watch"] = ["-n", "-d", "--interval"],
        ["strace"] = ["-e", "-o", "-p", "-s", "-u"],
    };

    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal) { "sh", "bash", "dash", "zsh", "ksh", "csh", "tcsh", "fish", "rbash", "ash", "mksh", "busybox" };

    /// <summary>Every simple command the line runs, unwrapped (see the class summary), in order.</summary>
    public static List<List<ShellWord>> Unwrap(string command)
    {
        var result = new List<List<ShellWord>>();
        Add(command, 0, result);
        return result;
    }

    private static void Add(string text, int depth, List<List<ShellWord>> result)
    {
        if (depth > 0)
        {
            // A nested script (sh -c, eval, env -S) is also read whole, normalized, as the top level is: rules that span
            // simple commands (a fork bomb) see it too.
            var whole = CommandNormalizer.Normalize(text);
            result.Add([new ShellWord(whole, whole)]);
        }
        string? cwd = null;
        foreach (var simple in ShellParser.Parse(text, depth))
        {
            if (result.Count >= MaxCommands) return;
            var words = Strip(simple, depth, result);
            if (words.Count == 0) continue;
            var name = BaseName(words[0].Value);
            if (name == "cd")
            {
                cwd = CdTarget(words, cwd);
                continue;
            }
            if (cwd is not null && name is "rm" or "find" or "shred" or "chmod" or "chown") words = Resolve(words, cwd);
            result.Add(words);
        }
    }

    /// <summary>Drops keywords, assignments and wrappers; nested command strings are added to <paramref name="result"/>.</summary>
    private static List<ShellWord> Strip(List<ShellWord> simple, int depth, List<List<ShellWord>> result)
    {
        var words = simple;
        var i = 0;
        while (i < words.Count)
        {
            var value = words[i].Value;
            var name = BaseName(value);
            if (Keywords.Contains(value) || IsAssignment(value))
            {
                i++;
                continue;
            }
            {
                if (name is "for" or "case" or "select" or "function") return [];
                if (name == "eval" && depth < ShellParser.MaxDepth)
                {
                    Add(string.Join(' ', words.Skip(i + 1).Select(w => w.Value)), depth + 1, result);
                    return [];
                }
                if (Shells.Contains(name) || name is "su" or "runuser")
                {
                    var script = CommandString(words, i + 1, skipNames: name is "su" or "runuser");
                    if (script is not null && depth < ShellParser.MaxDepth)
                    {
                        Add(script, depth + 1, result);
                        return [];
                    }
                    if (name is "su" or "runuser" || (name == "busybox" && i + 1 < words.Count))
                    {
                        i = SkipOptions(words, i + 1, Wrappers.GetValueOrDefault(name, []));
                        if (name is "su" or "runuser") return []; // su USER with no -c: an interactive shell, nothing to read
                        continue;
                    }
                    break;
                }
                if (name == "env" && EnvSplitString(words, i + 1) is { } split && depth < ShellParser.MaxDepth)
                {
                    Add(split, depth + 1, result);
                    return [];
                }
                if (name == "command" && words.Skip(i + 1).TakeWhile(w => w.Value.StartsWith('-')).Any(w => w.Value.Contains('v', StringComparison.Ordinal) || w.Value.Contains('V', StringComparison.Ordinal)))
                    return []; // command -v NAME only looks a name up
                if (Wrappers.TryGetValue(name, out var valued))
                {
                    i = SkipOptions(words, i + 1, valued);
                    if (name == "timeout" && i < words.Count) i++; // the duration
                    if (name is "chroot" or "taskset" && i < words.Count) i++; // the new root, the mask
                    if (name is "nice" && i < words.Count && words[i].Value.Length > 1 && words[i].Value[0] == '-' && words[i].Value[1..].All(char.IsAsciiDigit)) i++;
                    continue;
                }
            }
            break;
        }
        var rest = words.Skip(i).ToList();
        if (rest.Count > 0 && BaseName(rest[0].Value) == "find") AddFindExec(rest, depth, result);
        return rest;
    }

    /// <summary>Skips options from <paramref name="i"/>: <c>--</c> ends them; a valued option also skips its value.</summary>
    private static int SkipOptions(List<ShellWord> words, int i, string[] valued)
    {
        while (i < words.Count)
        {
            var w = words[i].Value;
            if (w == "--") return i + 1;
            if (IsAssignment(w) && i > 0 && BaseName(words[0].Value) == "env")
            {
                i++;
                continue;
            }
            if (w.Length < 2 || w[0] != '-') return i;
            i++;
            if (w.Contains('=', StringComparison.Ordinal)) continue;
            if (valued.Contains(w, StringComparer.Ordinal) && i < words.Count) i++;
        }
        return i;
    }

    /// <summary>The string after a <c>-c</c> option (alone or in a cluster such as <c>-lc</c>), or null.</summary>
    private static string? CommandString(List<ShellWord> words, int i, bool skipNames)
    {
        for (; i < words.Count; i++)
        {
            var w = words[i].Value;
            if (skipNames && (w.Length < 2 || w[0] != '-')) continue; // su [options] [-] [USER] -c STRING
            if (w.Length < 2 || w[0] != '-' || w == "--") return null;
            if (w == "--command" || (w[1] != '-' && w.Contains('c', StringComparison.Ordinal)))
                return i + 1 < words.Count ? words[i + 1].Value : null;
            if (w.StartsWith("--command=", StringComparison.Ordinal)) return w["--command=".Length..];
        }
        return null;
    }

    private static string? EnvSplitString(List<ShellWord> words, int i)
    {
        for (; i < words.Count; i++)
        {
            var w = words[i].Value;
            if (w is "-S" or "--split-string") return i + 1 < words.Count ? string.Join(' ', words.Skip(i + 1).Select(x => x.Value)) : null;
            if (w.StartsWith("--split-string=", StringComparison.Ordinal)) return string.Join(' ', new[] { w["--split-string=".Length..] }.Concat(words.Skip(i + 1).Select(x => x.Value)));
            if (!(w.StartsWith('-') || IsAssignment(w))) return null;
        }
        return null;
    }

    /// <summary><c>find ... -exec CMD ... ;</c> (also -execdir, -ok, -okdir): CMD is a command of its own.</summary>
    private static void AddFindExec(List<ShellWord> words, int depth, List<List<ShellWord>> result)
    {
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i].Value is not ("-exec" or "-execdir" or "-ok" or "-okdir")) continue;
            var end = i + 1;
            while (end < words.Count && words[end].Value is not (";" or "+")) end++;
            if (end > i + 1 && depth < ShellParser.MaxDepth)
            {
                var inner = Strip(words.GetRange(i + 1, end - i - 1), depth + 1, result);
                if (inner.Count > 0) result.Add(inner);
            }
            i = end;
        }
    }

    private static string? CdTarget(List<ShellWord> words, string? cwd)
    {
        var args = words.Skip(1).Where(w => !w.Redirect && !(w.Value.StartsWith('-') && w.Value.Length > 1)).ToList();
        if (args.Count == 0 || args[0].Value is "~" or "$HOME" or "${HOME}") return "~";
        var target = args[0].Value;
        if (target.StartsWith('/') || target.StartsWith("~/", StringComparison.Ordinal)) return Clean(target);
        return cwd is null ? null : Clean(cwd + "/" + target);
    }

    /// <summary>Relative path arguments of rm/find/... resolved against a known working directory.</summary>
    private static List<ShellWord> Resolve(List<ShellWord> words, string cwd)
    {
        var resolved = new List<ShellWord>(words.Count) { words[0] };
        for (var i = 1; i < words.Count; i++)
        {
            var w = words[i];
            var previousIsRedirect = words[i - 1].Redirect;
            if (w.Redirect || previousIsRedirect || w.Value.Length == 0 || w.Value[0] is '-' or '/' or '~' or '$')
            {
                resolved.Add(w);
                continue;
            }
            var full = Clean(cwd + "/" + w.Value);
            resolved.Add(new ShellWord(full, full));
        }
        return resolved;
    }

    /// <summary>Drops <c>.</c> segments and applies <c>..</c>; keeps a trailing <c>*</c>.</summary>
    private static string Clean(string path)
    {
        var home = path.StartsWith('~');
        var parts = new List<string>();
        foreach (var part in (home ? path[1..] : path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        var joined = string.Join('/', parts);
        return home ? (joined.Length == 0 ? "~" : "~/" + joined) : "/" + joined;
    }

    private static bool IsAssignment(string word)
    {
        var eq = word.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && (char.IsAsciiLetter(word[0]) || word[0] == '_') && word.AsSpan(0, eq).ToString().All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
    }

    private static string BaseName(string word)
    {
        var slash = word.LastIndexOf('/');
        return slash >= 0 && slash < word.Length - 1 ? word[(slash + 1)..] : word;
    }
}
