using System.Text;

namespace AkkaCompute.Actors;

/// <summary>
/// The hierarchical path of an actor, e.g. <c>akc://sys/user/parent/child</c>, as in Akka.NET.
/// Two paths are equal when their address and elements are equal; the <see cref="Uid"/>
/// (the incarnation of the actor at that path) is not part of equality.
/// </summary>
public abstract class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    /// <summary>The uid used when the incarnation is unknown (a path from a selection or from text).</summary>
    public const long UndefinedUid = 0;

    private protected ActorPath(string name, long uid)
    {
        Name = name;
        Uid = uid;
    }

    /// <summary>The address of the actor system this path belongs to.</summary>
    public abstract Address Address { get; }

    /// <summary>The last element of the path; <c>/</c> for the root.</summary>
    public string Name { get; }

    /// <summary>The incarnation id of the actor at this path, or <see cref="UndefinedUid"/>.</summary>
    public long Uid { get; }

    /// <summary>The parent path; the root returns itself.</summary>
    public abstract ActorPath Parent { get; }

    /// <summary>The root path of this path's address.</summary>
    public abstract RootActorPath Root { get; }

    /// <summary>Number of elements below the root (the root has depth 0).</summary>
    public abstract int Depth { get; }

    /// <summary>The elements below the root, outermost first, e.g. <c>["user", "a", "b"]</c>.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var result = new string[Depth];
            ActorPath p = this;
            for (var i = Depth - 1; i >= 0; i--)
            {
                result[i] = p.Name;
                p = p.Parent;
            }

            return result;
        }
    }

    /// <summary>Creates the child path <paramref name="name"/> under <paramref name="parent"/>.</summary>
    public static ActorPath operator /(ActorPath parent, string name) => new ChildActorPath(parent, name, UndefinedUid);

    /// <summary>Returns this path carrying the given incarnation uid.</summary>
    public abstract ActorPath WithUid(long uid);

    /// <summary>The path without its address, e.g. <c>/user/a/b</c>.</summary>
    public string ToStringWithoutAddress()
    {
        if (Depth == 0)
        {
            return "/";
        }

        var sb = new StringBuilder();
        foreach (var e in Elements)
        {
            sb.Append('/').Append(e);
        }

        return sb.ToString();
    }

    /// <summary>The full path with the given address instead of this path's own.</summary>
    public string ToStringWithAddress(Address address) =>
        address + ToStringWithoutAddress();

    /// <summary>The full path, e.g. <c>akc://sys/user/a</c>.</summary>
    public override string ToString() => Depth == 0 ? Address + "/" : Address + ToStringWithoutAddress();

    /// <summary>The full path followed by <c>#uid</c> when the uid is defined.</summary>
    public string ToSerializationFormat() => Uid == UndefinedUid ? ToString() : ToString() + "#" + Uid;

    /// <summary>
    /// Parses <c>protocol://system[@host:port]/a/b[#uid]</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a full actor path.</exception>
    public static ActorPath Parse(string text)
    {
        if (!TryParse(text, out var path))
        {
            throw new FormatException($"'{text}' is not an actor path: expected protocol://system[@host:port]/path[#uid]");
        }

        return path;
    }

    /// <summary>Parses a full actor path; returns false instead of throwing on bad input.</summary>
    public static bool TryParse(string? text, out ActorPath path)
    {
        path = null!;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return false;
        }

        var slash = text.IndexOf('/', schemeEnd + 3);
        var addressText = slash < 0 ? text : text[..slash];
        Address address;
        try
        {
            address = Address.Parse(addressText);
        }
        catch (FormatException)
        {
            return false;
        }

        var rest = slash < 0 ? string.Empty : text[slash..];
        long uid = UndefinedUid;
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            if (!long.TryParse(rest[(hash + 1)..], out uid))
            {
                return false;
            }

            rest = rest[..hash];
        }

        ActorPath p = new RootActorPath(address);
        foreach (var element in rest.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            p /= Uri.UnescapeDataString(element);
        }

        path = uid == UndefinedUid ? p : p.WithUid(uid);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || Depth != other.Depth)
        {
            return false;
        }

        ActorPath a = this, b = other;
        while (a.Depth > 0)
        {
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal))
            {
                return false;
            }

            a = a.Parent;
            b = b.Parent;
        }

        return a.Address.Equals(b.Address);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorPath p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = Address.GetHashCode();
        for (ActorPath p = this; p.Depth > 0; p = p.Parent)
        {
            h = HashCode.Combine(h, StringComparer.Ordinal.GetHashCode(p.Name));
        }

        return h;
    }

    /// <summary>Orders paths by their full text form (ordinal).</summary>
    public int CompareTo(ActorPath? other) => string.CompareOrdinal(ToString(), other?.ToString());
}

/// <summary>The root path <c>/</c> of an actor system's address.</summary>
public sealed class RootActorPath : ActorPath
{
    /// <summary>Creates the root path of <paramref name="address"/>.</summary>
    public RootActorPath(Address address) : base("/", UndefinedUid) => Address = address;

    /// <inheritdoc />
    public override Address Address { get; }

    /// <inheritdoc />
    public override ActorPath Parent => this;

    /// <inheritdoc />
    public override RootActorPath Root => this;

    /// <inheritdoc />
    public override int Depth => 0;

    /// <inheritdoc />
    public override ActorPath WithUid(long uid) => this;
}

/// <summary>A path below the root: a parent path plus one element name.</summary>
public sealed class ChildActorPath : ActorPath
{
    private readonly ActorPath _parent;
    private readonly int _depth;

    /// <summary>Creates the path <paramref name="name"/> below <paramref name="parent"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty or contains '/'.</exception>
    public ChildActorPath(ActorPath parent, string name, long uid) : base(name, uid)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('/'))
        {
            throw new ArgumentException($"'{name}' is not a valid actor path element: it must be non-empty and contain no '/'", nameof(name));
        }

        _parent = parent;
        _depth = parent.Depth + 1;
    }

    /// <inheritdoc />
    public override Address Address => Root.Address;

    /// <inheritdoc />
    public override ActorPath Parent => _parent;

    /// <inheritdoc />
    public override RootActorPath Root => _parent.Root;

    /// <inheritdoc />
    public override int Depth => _depth;

    /// <inheritdoc />
    public override ActorPath WithUid(long uid) => uid == Uid ? this : new ChildActorPath(_parent, Name, uid);
}
