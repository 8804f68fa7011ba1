using Akka.Actor;
using Akka.Cluster;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// Turns the address an operator typed into a member's address: a full <c>akka.tcp://system@host:port</c> must be a member;
/// <c>host:port</c> must match exactly one member. The error text names what was wrong and lists the members.
/// </summary>
internal static class AddressResolver
{
    /// <summary>Most members listed in an "unknown address" message; the rest are counted.</summary>
    private const int MaxListed = 20;

    /// <summary>Parses a full node address (for join, which names a node outside this cluster) with Akka's <see cref="Address.Parse"/>.</summary>
    public static bool TryParse(string? text, out Address address, out string error)
    {
        address = null!;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "give the node's address, e.g. akka.tcp://akc@127.0.0.1:2552";
            return false;
        }

        try
        {
            address = Address.Parse(text.Trim());
        }
        catch (Exception e) when (e is UriFormatException or FormatException or ArgumentException)
        {
            error = $"'{text.Trim()}' is not a node address; expected akka.tcp://system@host:port";
            return false;
        }

        if (address.Host is null || address.Port is null or 0)
        {
            error = $"'{text.Trim()}' has no host and port; expected akka.tcp://system@host:port";
            return false;
        }

        return true;
    }

    /// <summary>Finds the member of <paramref name="members"/> that <paramref name="text"/> names; false with a message naming the problem otherwise.</summary>
    public static bool TryResolveMember(IReadOnlyCollection<Member> members, string? text, out Member member, out string error)
    {
        member = null!;
        error = string.Empty;
        var trimmed = text?.Trim() ?? string.Empty;
        List<Member> matches;
        if (trimmed.Length == 0)
        {
            error = "give the member's address: akka.tcp://system@host:port, or host:port";
            return false;
        }

        if (trimmed.Contains("://", StringComparison.Ordinal))
        {
            if (!TryParse(trimmed, out var address, out error))
            {
                return false;
            }

            matches = members.Where(m => m.Address.Equals(address)).ToList();
        }
        else if (trimmed.LastIndexOf(':') is var colon and > 0 && int.TryParse(trimmed[(colon + 1)..], out var port))
        {
            var host = trimmed[..colon].Trim('[', ']');
            matches = members.Where(m => m.Address.Port == port && string.Equals(m.Address.Host, host, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        else
        {
            error = $"'{trimmed}' is not an address; give akka.tcp://system@host:port or host:port of a member";
            return false;
        }

        if (matches.Count == 1)
        {
            member = matches[0];
            return true;
        }

        error = matches.Count == 0
            ? $"unknown address '{trimmed}': it is not a member of this cluster. Members: {List(members)}"
            : $"'{trimmed}' matches {matches.Count} members; give the full address: {string.Join(", ", matches.Select(m => m.Address))}";
        return false;
    }

    private static string List(IReadOnlyCollection<Member> members)
    {
        if (members.Count == 0)
        {
            return "none (this node has not joined a cluster)";
        }

        var listed = string.Join(", ", members.Take(MaxListed).Select(m => m.Address));
        return members.Count > MaxListed ? $"{listed} and {members.Count - MaxListed} more" : listed;
    }
}
