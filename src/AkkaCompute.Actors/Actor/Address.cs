namespace AkkaCompute.Actors;

/// <summary>
/// The address of an actor system: <c>protocol://system</c> for a local system, or
/// <c>protocol://system@host:port</c> for a system reachable over the network (as in Akka.NET).
/// </summary>
/// <param name="Protocol">The scheme, e.g. <c>akc</c> (local) or <c>akc.tcp</c> (remote).</param>
/// <param name="System">The actor system's name: letters, digits, '-' and '_'.</param>
/// <param name="Host">The host name or IP address, or null for a local-only system.</param>
/// <param name="Port">The TCP port, or null for a local-only system.</param>
public sealed record Address(string Protocol, string System, string? Host = null, int? Port = null) : IComparable<Address>
{
    /// <summary>The default protocol of a local actor system.</summary>
    public const string LocalProtocol = "akc";

    /// <summary>True when the address carries a host and port.</summary>
    public bool HasGlobalScope => Host is not null;

    /// <inheritdoc />
    public override string ToString() =>
        Host is null ? $"{Protocol}://{System}" : $"{Protocol}://{System}@{Host}:{Port}";

    /// <summary>
    /// Parses <c>protocol://system</c> or <c>protocol://system@host:port</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not an address.</exception>
    public static Address Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw new FormatException($"'{text}' is not an actor system address: expected protocol://system[@host:port]");
        }

        var protocol = text[..schemeEnd];
        var rest = text[(schemeEnd + 3)..].TrimEnd('/');
        var at = rest.IndexOf('@');
        if (at < 0)
        {
            return new Address(protocol, rest);
        }

        var system = rest[..at];
        var hostPort = rest[(at + 1)..];
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], out var port) || port is < 0 or > 65535)
        {
            throw new FormatException($"'{text}' has no valid host:port after '@'");
        }

        var host = hostPort[..colon].Trim('[', ']');
        return new Address(protocol, system, host, port);
    }

    /// <summary>Orders addresses by protocol, system, host and port (used for leader and tie-break rules).</summary>
    public int CompareTo(Address? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(Protocol, other.Protocol);
        if (c != 0) { return c; }
        c = string.CompareOrdinal(System, other.System);
        if (c != 0) { return c; }
        c = string.CompareOrdinal(Host, other.Host);
        if (c != 0) { return c; }
        return Nullable.Compare(Port, other.Port);
    }
}
