using System.Security.Cryptography;
using System.Text;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// The token that commands changing the cluster must carry as <c>Authorization: Bearer TOKEN</c>. It comes from
/// <c>akc.management.token-file</c> (the file's content, surrounding whitespace trimmed) or, when that is empty, from the environment
/// variable named by <c>akc.management.token-env</c>; there is no default token, and a node without one refuses every such command
/// (<see cref="TokenCheck.NotConfigured"/>). Only the SHA-256 of the token is kept, and tokens are compared in constant time
/// (<see cref="CryptographicOperations.FixedTimeEquals"/> over the two hashes), so the comparison does not leak how much of a guess
/// matched. Thread-safe and immutable. Reused by every HTTP write endpoint through <see cref="BearerTokenFilter"/>.
/// </summary>
internal sealed class BearerToken
{
    /// <summary>Longest accepted token: 4,096 characters (the file or variable may not hold more).</summary>
    public const int MaxTokenChars = 4096;

    /// <summary>The message for <see cref="TokenCheck.NotConfigured"/>: how to set a token.</summary>
    public const string HowToConfigure =
        "this node has no management token, so commands that change the cluster are refused. Set akc.management.token-file = FILE " +
        "(or akc.management.token-env = VARIABLE) in the node's config, e.g. akc node --set management.token-file=/etc/akc/token, restart it, " +
        "and send the token with --token-file FILE or the variable AKC_TOKEN";

    private readonly byte[]? _hash;

    private BearerToken(byte[]? hash) => _hash = hash;

    /// <summary>No token: every write is refused with <see cref="HowToConfigure"/>.</summary>
    public static BearerToken None { get; } = new(null);

    /// <summary>True when a token is configured.</summary>
    public bool IsConfigured => _hash is not null;

    /// <summary>A token from its text (trimmed).</summary>
    /// <exception cref="ArgumentException"><paramref name="token"/> is empty or whitespace, or longer than <see cref="MaxTokenChars"/>.</exception>
    public static BearerToken Of(string token)
    {
        var trimmed = token.Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxTokenChars)
        {
            throw new ArgumentException($"a token must be 1 to {MaxTokenChars} characters (not counting surrounding whitespace)", nameof(token));
        }

        return new BearerToken(SHA256.HashData(Encoding.UTF8.GetBytes(trimmed)));
    }

    /// <summary>Loads the token the settings name: <see cref="None"/> when both keys are empty.</summary>
    /// <param name="settings">The <c>akc.management</c> settings.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <exception cref="SettingsException">The file is missing, unreadable, empty or too long; or the named variable is unset, empty or too long. The message names the key.</exception>
    public static BearerToken Load(ClusterManagementSettings settings, Func<string, string?> environment)
    {
        if (settings.TokenFile.Length > 0)
        {
            string text;
            try
            {
                text = ReadBounded(settings.TokenFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                throw new SettingsException(null, "akc.management.token-file", settings.TokenFile, $"cannot be read: {e.Message}", e);
            }

            return FromText(text, "akc.management.token-file", settings.TokenFile, "the file");
        }

        if (settings.TokenEnv.Length > 0)
        {
            return FromText(environment(settings.TokenEnv) ?? "", "akc.management.token-env", settings.TokenEnv, "the environment variable");
        }

        return None;
    }

    /// <summary>Checks an <c>Authorization</c> header value (null when absent). The scheme <c>Bearer</c> is matched case-insensitively.</summary>
    public TokenCheck Check(string? authorization)
    {
        if (_hash is null)
        {
            return TokenCheck.NotConfigured;
        }

        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return TokenCheck.Missing;
        }

        var given = authorization[scheme.Length..].Trim();
        if (given.Length == 0)
        {
            return TokenCheck.Missing;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(given));
        return CryptographicOperations.FixedTimeEquals(hash, _hash) ? TokenCheck.Accepted : TokenCheck.Wrong;
    }

    private static BearerToken FromText(string text, string key, string value, string what)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new SettingsException(null, key, value, $"{what} is empty or unset: it must hold the token (there is no default token)");
        }

        if (trimmed.Length > MaxTokenChars)
        {
            throw new SettingsException(null, key, value, $"{what} holds more than {MaxTokenChars} characters");
        }

        return new BearerToken(SHA256.HashData(Encoding.UTF8.GetBytes(trimmed)));
    }

    /// <summary>Reads at most <see cref="MaxTokenChars"/> + 1 characters, so a huge file is not read whole.</summary>
    private static string ReadBounded(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var buffer = new char[MaxTokenChars + 64];
        var n = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, n);
    }
}
