using System.Text.RegularExpressions;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Decides whether a shell command may run. Pure and thread-safe; build one per configuration.
/// </summary>
/// <remarks>
/// <para>Deny rules - the built-ins, then <see cref="CommandPolicyOptions.DenyCommands"/> and
/// <see cref="CommandPolicyOptions.DenyRules"/> - are regular expressions matched case-insensitively, twice:
/// against the whole command normalized (quotes and escapes removed, operators inside quoted data neutralized,
/// comments dropped, whitespace collapsed; see <see cref="Normalize"/>), and against each simple command after
/// the command is parsed as the shell would (words, quotes, <c>;</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>|</c>,
/// subshells, <c>$(...)</c> and backticks) and each simple command is unwrapped: control keywords,
/// <c>VAR=value</c> assignments and prefix commands with their options and values are dropped (sudo, doas, env,
/// nice, ionice, nohup, setsid, time, timeout, stdbuf, xargs, command, builtin, exec, busybox, chroot, flock,
/// watch, strace), the strings of <c>sh -c</c>/<c>bash -c</c>/<c>su -c</c>, <c>eval</c>'s arguments, <c>env -S</c>
/// and <c>find -exec</c> are read as commands, and <c>cd</c> is followed so <c>cd / &amp;&amp; rm -rf *</c> reads
/// <c>rm -rf /*</c>. A quoted argument is data: <c>echo 'dd of=/dev/sda'</c> runs echo, not dd.
/// The built-ins refuse fork bombs (<c>:(){ :|:&amp; };:</c> under any name),
/// <c>rm -r</c> of <c>/</c>, <c>/*</c>, the home directory or a top-level system directory,
/// <c>--no-preserve-root</c>, <c>find</c> of those with <c>-delete</c>, writes to block devices (redirects,
/// tee/cp/mv, <c>dd of=/dev/...</c>, partitioning and wiping tools), <c>mkfs*</c>, <c>shutdown</c>, <c>reboot</c>,
/// <c>halt</c>, <c>poweroff</c>, <c>systemctl poweroff|reboot|...</c>, <c>init 0|6</c> and <c>kill -1</c>.</para>
/// <para>With an allow list, every simple command (split at ;, &amp;&amp;, ||, |, &amp;,
/// subshells and substitutions) must match an entry, or the command is refused.</para>
/// <para>This is a guard against accidents, not a security boundary: a determined user can always obfuscate a
/// command (variables, encodings, scripts, interpreters). The boundary is who may submit work, and the resource
/// limits and confinement of the node; isolate untrusted work with OS means.</para>
/// </remarks>
public sealed class CommandPolicy
{
    /// <summary>
    /// Regex fragment matching where a command starts: the text's start or a shell operator, then
    /// any wrappers (sudo, doas, exec, nohup, env, command, time, nice, timeout, xargs, eval,
    /// setsid, stdbuf, control keywords, each with options or numbers), <c>VAR=value</c>
    /// assignments or <c>sh -c</c>, then an optional directory.
    /// </summary>
    public const string CommandStart =
        @"(?:^|[;&|()`]|\$\(|[{!](?=\s))\s*"
        + @"(?:(?:sudo|doas|exec|nohup|env|command|builtin|time|nice|ionice|timeout|xargs|busybox|eval|setsid|stdbuf|then|do|else|if|while|until)(?:\s+-{1,2}[^\s;&|]*|\s+\d[^\s;&|]*)*\s+"
        + @"|[a-z_]\w*=[^\s;&|]*\s+"
        + @"|(?:(?:ba|da|z|k|c|tc|fi|r)?sh|su|runuser)(?:\s+-[^\s;&|]*)*\s+-[a-z]*c[a-z]*\s+)*"
        + @"(?:[^\s;&|]*/)?";

    /// <summary>Regex fragment matching the end of a command word: whitespace, the end, or an operator.</summary>
    public const string WordEnd = @"(?=\s|$|[;&|)}`])";

    private const int ExcerptMax = 200;
    private readonly List<(string Name, Regex Regex)> _deny = [];
    private readonly List<string> _allowPrefixes;
    private readonly List<Regex> _allowPatterns = [];
    private readonly bool _hasAllowList;

    /// <summary>Builds a policy from the built-in deny rules and <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">
    /// A rule has no name or a name over 100 characters, a pattern is not a valid regular
    /// expression, there are more than <see cref="CommandPolicyOptions.EntriesMax"/> entries, or the
    /// match timeout is not positive; the message names the rule or entry.
    /// </exception>
    public CommandPolicy(CommandPolicyOptions? options = null)
    {
        options ??= new CommandPolicyOptions();
        if (options.MatchTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"MatchTimeout is {options.MatchTimeout}; it must be positive", nameof(options));
        }

        var entries = options.DenyRules.Count + options.DenyCommands.Count + options.AllowCommands.Count + options.AllowPatterns.Count;
        if (entries > CommandPolicyOptions.EntriesMax)
        {
            throw new ArgumentException($"the policy has {entries} rules and allow entries; the limit is {CommandPolicyOptions.EntriesMax}", nameof(options));
        }

        var rules = DenyRules.All
            .Concat(options.DenyCommands.Select(c => new CommandRule(c, DenyRules.Command(Regex.Escape(c ?? string.Empty)))))
            .Concat(options.DenyRules);
        foreach (var rule in rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Name) || rule.Name.Length > 100)
            {
                throw new ArgumentException($"deny rule '{rule.Name}' needs a name of 1 to 100 characters", nameof(options));
            }

            _deny.Add((rule.Name, Compile(rule.Pattern, $"deny rule '{rule.Name}'", options.MatchTimeout)));
        }

        _allowPrefixes = [.. options.AllowCommands.Select(a => string.IsNullOrWhiteSpace(a)
            ? throw new ArgumentException("allow-list commands must not be empty", nameof(options))
            : CommandNormalizer.Normalize(a))];
        foreach (var pattern in options.AllowPatterns)
        {
            _allowPatterns.Add(Compile($@"\A(?:{pattern})\z", $"allow pattern '{pattern}'", options.MatchTimeout));
        }

        _hasAllowList = options.HasAllowList;
    }

    /// <summary>A policy with the built-in deny rules only.</summary>
    public static CommandPolicy Default { get; } = new();

    /// <summary>The deny rules' names, built-ins first.</summary>
    public IReadOnlyList<string> DenyRuleNames => [.. _deny.Select(r => r.Name)];

    /// <summary>The text the rules read for <paramref name="command"/> (see the class remarks).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> is null.</exception>
    public static string Normalize(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return CommandNormalizer.Normalize(command);
    }

    /// <summary>How many times a check whose match timed out is tried before the command is refused: 3.</summary>
    public const int CheckTries = 3;

    /// <summary>
    /// Checks <paramref name="command"/>. Never throws for any string: an empty command, one
    /// longer than <see cref="ShellCommandSpec.CommandBytesMax"/> characters, or one whose check
    /// exceeds the match timeout <see cref="CheckTries"/> times in a row is refused with that reason. The timeout is wall
    /// time: on a machine whose cores are all busy a harmless check can be descheduled past it, so one timeout is not
    /// enough to refuse (a pattern that backtracks catastrophically times out every time).
    /// </summary>
    /// <returns>Allowed, or refused with a reason such as <c>refused by deny rule 'mkfs': mkfs.ext4 /dev/sdb1</c>.</returns>
    public CommandDecision Check(string? command)
    {
        for (var attempt = 1; ; attempt++)
        {
            var decision = CheckOnce(command);
            if (decision.Allowed || decision.Rule != "timeout" || attempt == CheckTries)
            {
                return decision;
            }
        }
    }

    private CommandDecision CheckOnce(string? command)
    {
        if (string.IsNullOrWhiteSpace(command))
        {
            return CommandDecision.Refuse("empty", "refused: the command is empty");
        }

        if (command.Length > ShellCommandSpec.CommandBytesMax)
        {
            return CommandDecision.Refuse("too-long", $"refused: the command is {command.Length} characters; the limit is {ShellCommandSpec.CommandBytesMax}");
        }

        try
        {
            var normalized = CommandNormalizer.Normalize(command);
            if (Denied(normalized) is { } whole)
            {
                return CommandDecision.Refuse(whole, $"refused by deny rule '{whole}': {Excerpt(command)}");
            }

            foreach (var simple in CommandUnwrapper.Unwrap(command))
            {
                if (Denied(string.Join(' ', simple.Select(w => w.Rendered))) is { } name)
                {
                    return CommandDecision.Refuse(name, $"refused by deny rule '{name}': {Excerpt(command)}");
                }
            }

            return _hasAllowList ? CheckAllowList(command, normalized) : CommandDecision.Allow;
        }
        catch (RegexMatchTimeoutException)
        {
            return CommandDecision.Refuse("timeout", $"refused: checking the command took too long ({CheckTries} tries): {Excerpt(command)}");
        }
    }

    private string? Denied(string text)
    {
        foreach (var (name, regex) in _deny)
        {
            if (regex.IsMatch(text))
            {
                return name;
            }
        }

        return null;
    }

    private CommandDecision CheckAllowList(string command, string normalized)
    {
        var simple = ShellSplitter.SimpleCommands(normalized);
        for (var i = 0; i < simple.Count; i++)
        {
            if (!IsAllowed(simple[i]))
            {
                return CommandDecision.Refuse(
                    "allow-list",
                    $"refused by allow list: '{Excerpt(simple[i])}' (simple command {i + 1} of {simple.Count}) matches no allowed command or pattern: {Excerpt(command)}");
            }
        }

        return simple.Count == 0
            ? CommandDecision.Refuse("allow-list", $"refused by allow list: no command found in: {Excerpt(command)}")
            : CommandDecision.Allow;
    }

    private bool IsAllowed(string simpleCommand)
    {
        foreach (var prefix in _allowPrefixes)
        {
            if (simpleCommand.Equals(prefix, StringComparison.Ordinal)
                || (simpleCommand.StartsWith(prefix, StringComparison.Ordinal)
                    && (simpleCommand[prefix.Length] == ' ' || prefix[^1] is '/' or '=' or ' ')))
            {
                return true;
            }
        }

        return _allowPatterns.Any(p => p.IsMatch(simpleCommand));
    }

    private static Regex Compile(string pattern, string what, TimeSpan timeout)
    {
        try
        {
            var regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, timeout);
            // The first match JIT-compiles the generated code, and that time counts against the match timeout: on a busy
            // machine it alone could exceed it and refuse a harmless command. Pay it here, once, outside any check.
            regex.IsMatch(" ");
            return regex;
        }
        catch (RegexMatchTimeoutException)
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, timeout);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{what} is not a valid regular expression: {e.Message}", e);
        }
    }

    private static string Excerpt(string text) => text.Length <= ExcerptMax ? text : text[..ExcerptMax] + "…";
}
