using System.Text.Json;

namespace AkkaCompute.Compute.Execution;

/// <summary>Converts one JSON argument to a parameter's CLR type, strictly (no strings as numbers, no fractions as integers).</summary>
internal static class JsonArgumentConverter
{
    /// <summary>Converts <paramref name="value"/> to <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentBindingException">The value does not fit; names the function, parameter, expected type and value.</exception>
    public static object? Convert(JsonElement value, Type type, bool acceptsNull, string functionName, string parameterName)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return acceptsNull ? null : throw Mismatch(value, type, functionName, parameterName);
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(JsonElement))
        {
            return value;
        }

        if (target == typeof(string))
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Mismatch(value, type, functionName, parameterName);
        }

        if (target == typeof(bool))
        {
            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Mismatch(value, type, functionName, parameterName),
            };
        }

        if (TypeDescriptions.IsInteger(target) || target == typeof(double) || target == typeof(float) || target == typeof(decimal))
        {
            return value.ValueKind == JsonValueKind.Number && TryNumber(value, target, out var number)
                ? number
                : throw Mismatch(value, type, functionName, parameterName);
        }

        try
        {
            return JsonSerializer.Deserialize(value, type, FunctionJson.Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentBindingException(functionName, parameterName, TypeDescriptions.Expected(type), $"{TypeDescriptions.Given(value)} ({e.Message})", e);
        }
    }

    private static ArgumentBindingException Mismatch(JsonElement value, Type type, string functionName, string parameterName)
    {
        var given = TypeDescriptions.Given(value);
        if (value.ValueKind == JsonValueKind.Number)
        {
            given += " (out of range or not a whole number)";
        }

        return new ArgumentBindingException(functionName, parameterName, TypeDescriptions.Expected(type), given);
    }

    private static bool TryNumber(JsonElement value, Type type, out object? number)
    {
        number = null;
        switch (Type.GetTypeCode(type))
        {
            case TypeCode.Int32 when value.TryGetInt32(out var i): number = i; return true;
            case TypeCode.Int64 when value.TryGetInt64(out var l): number = l; return true;
            case TypeCode.Int16 when value.TryGetInt16(out var s): number = s; return true;
            case TypeCode.Byte when value.TryGetByte(out var b): number = b; return true;
            case TypeCode.SByte when value.TryGetSByte(out var sb): number = sb; return true;
            case TypeCode.UInt16 when value.TryGetUInt16(out var us): number = us; return true;
            case TypeCode.UInt32 when value.TryGetUInt32(out var ui): number = ui; return true;
            case TypeCode.UInt64 when value.TryGetUInt64(out var ul): number = ul; return true;
            case TypeCode.Decimal when value.TryGetDecimal(out var m): number = m; return true;
            case TypeCode.Double when value.TryGetDouble(out var d) && double.IsFinite(d): number = d; return true;
            case TypeCode.Single when value.TryGetDouble(out var f) && Math.Abs(f) <= float.MaxValue: number = (float)f; return true;
            default: return false;
        }
    }
}
