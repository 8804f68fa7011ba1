using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AkkaCompute.Actors;

namespace AkkaCompute.Remote.Security;

/// <summary>
/// Settings of the pre-shared-key mode of remoting (no certificates): every node of the cluster is configured with the
/// same secret and proves it knows it with <see cref="PskHandshake"/>. Keys live under <see cref="Section"/>
/// (<c>akc.remote.psk.*</c>). <see cref="ToString"/> never prints the key, so the settings can be logged.
/// </summary>
public sealed record PskSettings
{
    /// <summary>The configuration section the keys of these settings live under: <c>akc.remote.psk</c>.</summary>
    public const string Section = "akc.remote.psk";

    /// <summary>Full key of <see cref="Key"/>: <c>akc.remote.psk.key</c>.</summary>
    public const string KeyKey = Section + ".key";

    /// <summary>Full key of <see cref="AllowedNodeIds"/>: <c>akc.remote.psk.allowed-node-ids</c>.</summary>
    public const string AllowedNodeIdsKey = Section + ".allowed-node-ids";

    /// <summary>Fewest key bytes accepted: 16 (128 bits).</summary>
    public const int MinKeyBytes = 16;

    /// <summary>Fewest characters of a key given as text rather than base64: 32.</summary>
    public const int MinTextKeyChars = 32;

    /// <summary>Longest key, in characters: 4,096.</summary>
    public const int MaxKeyChars = 4096;

    /// <summary>Most entries in <see cref="AllowedNodeIds"/>: 1,000.</summary>
    public const int MaxAllowedNodeIds = 1000;

    /// <summary>Longest entry in <see cref="AllowedNodeIds"/>, in characters: 256.</summary>
    public const int MaxNodeIdChars = 256;

    private const string Hidden = "(hidden)";

    /// <summary>
    /// <c>key</c>: the cluster's shared secret. Either base64 that decodes to at least <see cref="MinKeyBytes"/> (16)
    /// bytes, which are then the key (e.g. the output of <c>openssl rand -base64 32</c>), or any other text of at least
    /// <see cref="MinTextKeyChars"/> (32) characters, whose UTF-8 bytes are the key. A text that happens to be valid base64
    /// of 16 bytes or more is taken as base64: every node decodes it the same way. At most <see cref="MaxKeyChars"/>
    /// characters. There is no default: PSK mode without a key is refused. Never printed in messages.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>
    /// <c>allowed-node-ids</c>: the nodes that may associate with the key, named as the transport identifies a peer (its
    /// address text, e.g. <c>akc.tcp://compute@10.0.0.5:2552</c>), compared ordinally. Default empty: any node that proves
    /// it knows the key. At most <see cref="MaxAllowedNodeIds"/> entries of 1 to <see cref="MaxNodeIdChars"/> characters.
    /// </summary>
    public IReadOnlyList<string> AllowedNodeIds { get; init; } = [];

    /// <summary>Checks every value against the constraint given in its documentation.</summary>
    /// <exception cref="ConfigurationException">
    /// The key is missing (<c>("akc.remote.psk.key", null, "PSK mode needs a key; there is no default")</c>), too short or
    /// too long, or a node id is empty or too long, or there are too many. A key is never shown, only its length.
    /// </exception>
    public void Validate()
    {
        if (Key is null)
        {
            throw new ConfigurationException(KeyKey, null, "PSK mode needs a key; there is no default");
        }

        if (Key.Length > MaxKeyChars)
        {
            throw new ConfigurationException(KeyKey, Describe(Key), $"must be at most {MaxKeyChars} characters");
        }

        if (TryDecodeBase64(Key) is null && Key.Length < MinTextKeyChars)
        {
            throw new ConfigurationException(KeyKey, Describe(Key), $"is too short: give base64 of at least {MinKeyBytes} random bytes (e.g. 'openssl rand -base64 32') or at least {MinTextKeyChars} characters of text");
        }

        if (AllowedNodeIds is null)
        {
            throw new ConfigurationException(AllowedNodeIdsKey, null, "must be a list (empty to allow any node that knows the key)");
        }

        if (AllowedNodeIds.Count > MaxAllowedNodeIds)
        {
            throw new ConfigurationException(AllowedNodeIdsKey, $"({AllowedNodeIds.Count} entries)", $"must have at most {MaxAllowedNodeIds} entries");
        }

        foreach (var id in AllowedNodeIds)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Length > MaxNodeIdChars)
            {
                throw new ConfigurationException(AllowedNodeIdsKey, id, $"each entry must be a node id of 1 to {MaxNodeIdChars} characters, not blank");
            }
        }
    }

    /// <summary>
    /// The key's bytes: the decoded base64 when <see cref="Key"/> is base64 of at least 16 bytes, else its UTF-8 bytes.
    /// A new array on each call; clear it (<see cref="CryptographicOperations.ZeroMemory"/>)
    /// when done.
    /// </summary>
    /// <returns>At least <see cref="MinKeyBytes"/> bytes.</returns>
    /// <exception cref="ConfigurationException">The settings are invalid (see <see cref="Validate"/>).</exception>
    public byte[] KeyBytes()
    {
        Validate();
        return TryDecodeBase64(Key!) ?? Encoding.UTF8.GetBytes(Key!);
    }

    /// <summary>Whether <paramref name="nodeId"/> may join: true when the allow list is empty or contains it.</summary>
    /// <param name="nodeId">The peer's node id, as it claimed it in its handshake.</param>
    /// <returns>True if the node is allowed.</returns>
    public bool IsAllowed(string nodeId) => AllowedNodeIds.Count == 0 || AllowedNodeIds.Contains(nodeId, StringComparer.Ordinal);

    private static byte[]? TryDecodeBase64(string text)
    {
        var buffer = new byte[text.Length];
        try
        {
            return Convert.TryFromBase64String(text, buffer, out var written) && written >= MinKeyBytes ? buffer[..written] : null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private static string Describe(string key) => $"{Hidden}, {key.Length.ToString(CultureInfo.InvariantCulture)} characters";

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Key = ").Append(Key is null ? "null" : Hidden)
            .Append(", AllowedNodeIds = [").AppendJoin(", ", AllowedNodeIds).Append(']');
        return true;
    }
}
