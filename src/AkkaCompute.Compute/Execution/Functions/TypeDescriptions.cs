using System.Text.Json;

namespace AkkaCompute.Compute.Execution;

/// <summary>Human-readable descriptions of parameter types and JSON values for binding errors.</summary>
internal static class TypeDescriptions
{
    /// <summary>Longest JSON excerpt quoted in a message, in characters.</summary>
    private const int ExcerptMax = 80;

    /// <summary>What a parameter of <paramref name="type"/> accepts, e.g. <c>an integer (Int32)</c>.</summary>
    public static string Expected(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Expected(inner) + " or null";
        }

        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "a boolean";
        }

        if (type == typeof(JsonElement) || type == typeof(object))
        {
            return "any JSON value";
        }

        if (IsInteger(type))
        {
            return $"an integer ({type.Name})";
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return $"a number ({type.Name})";
        }

        if (type.IsEnum)
        {
            return $"one of the strings {string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.CamelCase.ConvertName(n)))}";
        }

        if (type.IsArray || (type != typeof(string) && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))))
        {
            return $"an array ({FriendlyName(type)})";
        }

        return $"an object ({FriendlyName(type)})";
    }

    /// <summary>What a JSON value is, for messages, e.g. <c>the string "abc"</c>.</summary>
    public static string Given(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "the string " + Excerpt(value.GetRawText()),
        JsonValueKind.Number => "the number " + Excerpt(value.GetRawText()),
        JsonValueKind.True => "the boolean true",
        JsonValueKind.False => "the boolean false",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "the object " + Excerpt(value.GetRawText()),
        JsonValueKind.Array => "the array " + Excerpt(value.GetRawText()),
        _ => "nothing",
    };

    /// <summary>A C#-like name, e.g. <c>List&lt;Int32&gt;</c> or <c>String[]</c>.</summary>
    public static string FriendlyName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return FriendlyName(inner) + "?";
        }

        if (type.IsArray)
        {
            return FriendlyName(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(FriendlyName))}>";
    }

    public static bool IsInteger(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
        || type == typeof(sbyte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong);

    private static string Excerpt(string raw) => raw.Length <= ExcerptMax ? raw : raw[..ExcerptMax] + "…";
}
