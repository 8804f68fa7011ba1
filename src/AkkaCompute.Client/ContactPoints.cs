using System.Net;
using System.Net.Sockets;
using Akka.Actor;

namespace AkkaCompute.Client;

/// <summary>Parses the contact points a client is given (<c>--contact</c>): cluster members' Akka addresses.</summary>
public static class ContactPoints
{
    /// <summary>The actor system name assumed for a bare <c>host:port</c> contact: <c>akc</c>.</summary>
    public const string DefaultSystemName = "akc";

    /// <summary>
    /// A member address from <paramref name="contact"/>: <c>akka.tcp://akc@host:port</c> (or <c>akka.ssl.tcp://...</c>) as
    /// <c>akc node</c> prints it, or <c>host:port</c> for <c>akka.tcp://akc@host:port</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The text is neither form, or the port is not 1 to 65535; the message shows both forms.</exception>
    public static Address Parse(string contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var text = contact.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = $"akka.tcp://{DefaultSystemName}@{text}";
        }

        Address address;
        try
        {
            address = Address.Parse(text);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            throw new ArgumentException($"contact '{contact}' is not a member address: write akka.tcp://akc@HOST:PORT (as akc node prints it) or HOST:PORT", nameof(contact), e);
        }

        if (address.Host is null || address.Port is not (> 0 and <= 65535))
        {
            throw new ArgumentException($"contact '{contact}' has no host or port (1 to 65535): write akka.tcp://akc@HOST:PORT or HOST:PORT", nameof(contact));
        }

        return address;
    }

    /// <summary>The receptionist's path on a member: <c>ADDRESS/system/receptionist</c>.</summary>
    public static ActorPath ReceptionistOf(Address member) => new RootActorPath(member) / "system" / "receptionist";

    /// <summary>
    /// The local IP address this machine uses to reach <paramref name="contact"/> (members connect back to the client
    /// there); loopback for a loopback contact. Falls back to 127.0.0.1 when the route cannot be found.
    /// </summary>
    public static string LocalAddressToward(Address contact)
    {
        try
        {
            var host = contact.Host!;
            var ip = IPAddress.TryParse(host, out var parsed) ? parsed : Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
            if (IPAddress.IsLoopback(ip))
            {
                return "127.0.0.1";
            }

            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(ip, contact.Port ?? 2552); // UDP: nothing is sent, the kernel only picks the route
            return ((IPEndPoint)socket.LocalEndPoint!).Address.ToString();
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException)
        {
            return "127.0.0.1";
        }
    }
}
