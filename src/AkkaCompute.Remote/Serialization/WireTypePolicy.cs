using System.Reflection;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// Decides which CLR types may be materialized from bytes that came off the network. A manifest is attacker-controlled
/// text, so types whose construction or deserialization has side effects outside the process's own data are refused:
/// delegates, reflection types (<see cref="Type"/>, <see cref="MemberInfo"/>, <see cref="Assembly"/>), anything in the
/// <c>System.IO</c>, <c>System.Diagnostics</c>, <c>System.Reflection</c>, <c>System.Runtime</c> and <c>System.Security</c>
/// namespaces (and below), abstract types, interfaces, pointers, by-ref and ref-struct types and open generics. Array
/// element types and generic arguments are checked the same way, so <c>List&lt;FileInfo&gt;</c> is refused too.
/// </summary>
internal static class WireTypePolicy
{
    private static readonly string[] RefusedNamespaces =
        ["System.IO", "System.Diagnostics", "System.Reflection", "System.Runtime", "System.Security"];

    /// <summary>Nesting of array element types and generic arguments checked before giving up (refusing).</summary>
    private const int MaxTypeDepth = 16;

    /// <summary>Why <paramref name="type"/> must not come off the wire, or null when it may.</summary>
    public static string? RefusalReason(Type type) => RefusalReason(type, 0);

    private static string? RefusalReason(Type type, int depth)
    {
        if (depth > MaxTypeDepth)
        {
            return $"type '{type}' nests array element types or generic arguments deeper than {MaxTypeDepth}";
        }

        if (type.IsPointer || type.IsByRef || type.IsByRefLike || type.IsFunctionPointer)
        {
            return $"type '{type}' is a pointer, by-ref or ref struct type";
        }

        if (type.IsArray)
        {
            return RefusalReason(type.GetElementType()!, depth + 1);
        }

        if (type.ContainsGenericParameters)
        {
            return $"type '{type}' is an open generic type";
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            return $"type '{type}' is a delegate";
        }

        if (typeof(MemberInfo).IsAssignableFrom(type) || typeof(Assembly).IsAssignableFrom(type) || typeof(Module).IsAssignableFrom(type))
        {
            return $"type '{type}' is a reflection type";
        }

        var ns = type.Namespace ?? string.Empty;
        foreach (var refused in RefusedNamespaces)
        {
            if (ns.Length >= refused.Length && ns.StartsWith(refused, StringComparison.Ordinal)
                && (ns.Length == refused.Length || ns[refused.Length] == '.'))
            {
                return $"type '{type}' is in the namespace {refused}, which is never materialized from the wire";
            }
        }

        if (type.IsInterface)
        {
            return $"type '{type}' is an interface";
        }

        if (type.IsAbstract)
        {
            return $"type '{type}' is abstract";
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                if (RefusalReason(argument, depth + 1) is { } reason)
                {
                    return $"type argument of '{type}': {reason}";
                }
            }
        }

        return null;
    }
}
