namespace AkkaCompute.Compute.Execution;

/// <summary>Configuration of a <see cref="CommandPolicy"/> beyond its built-in deny rules.</summary>
public sealed record CommandPolicyOptions
{
    /// <summary>Most rules and allow entries in all.</summary>
    public const int EntriesMax = 1_000;

    /// <summary>Extra deny rules (regular expressions over the normalized command text). Default none.</summary>
    public IReadOnlyList<CommandRule> DenyRules { get; init; } = [];

    /// <summary>
    /// Extra command names to refuse wherever a command starts (after wrappers such as sudo, env
    /// or <c>sh -c</c>, with or without a directory), e.g. <c>curl</c>. Each becomes a rule named
    /// after the command. Default none.
    /// </summary>
    public IReadOnlyList<string> DenyCommands { get; init; } = [];

    /// <summary>
    /// Allow list by prefix: a simple command is allowed when it equals an entry or starts with it
    /// followed by a space (an entry ending in '/' or '=' matches any continuation).
    /// Matched against the simple command with quotes removed and whitespace collapsed; leading
    /// <c>VAR=value</c> assignments are part of it. Default none.
    /// </summary>
    public IReadOnlyList<string> AllowCommands { get; init; } = [];

    /// <summary>Allow list by regular expression: a simple command is allowed when a pattern matches it whole. Default none.</summary>
    public IReadOnlyList<string> AllowPatterns { get; init; } = [];

    /// <summary>
    /// Wall time allowed for one regular-expression match; a check that exceeds it on every one of
    /// <see cref="CommandPolicy.CheckTries"/> tries refuses the command. Default 2 s (a busy 2-core machine can deschedule a
    /// harmless match for over a second).
    /// </summary>
    public TimeSpan MatchTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>True when an allow list is configured, so every simple command must be on it.</summary>
    public bool HasAllowList => AllowCommands.Count > 0 || AllowPatterns.Count > 0;
}
