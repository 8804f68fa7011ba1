using System.Text.Json;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Binds a task's JSON arguments to a function's parameters. A JSON array binds by position, a
/// JSON object by name (see <see cref="ParameterNames.Normalize"/>), a lone scalar as the single
/// positional argument, and null or an absent value as no arguments. Omitted optional parameters
/// take their defaults; a trailing <c>params</c> array collects the remaining positional
/// arguments (or takes a single JSON array as a whole, as C# does).
/// </summary>
internal static class ArgumentBinder
{
    /// <summary>Builds the argument list for <paramref name="function"/>'s method.</summary>
    /// <exception cref="ArgumentBindingException">An argument is missing, unknown, given twice, surplus or of the wrong type.</exception>
    public static object?[] Bind(RegisteredFunction function, JsonElement args, FunctionContext context, CancellationToken cancellationToken)
    {
        var parameters = function.Parameters;
        var values = new object?[parameters.Count];
        var bound = new bool[parameters.Count];
        var raw = false;
        for (var i = 0; i < parameters.Count; i++)
        {
            switch (parameters[i].Source)
            {
                case ParameterSource.Context:
                case ParameterSource.Progress:
                    values[i] = context;
                    bound[i] = true;
                    break;
                case ParameterSource.CancellationToken:
                    values[i] = cancellationToken;
                    bound[i] = true;
                    break;
                case ParameterSource.RawArguments:
                    values[i] = args;
                    bound[i] = true;
                    raw = true;
                    break;
            }
        }

        if (!raw)
        {
            switch (args.ValueKind)
            {
                case JsonValueKind.Undefined or JsonValueKind.Null:
                    break;
                case JsonValueKind.Object:
                    BindNamed(function, args, values, bound);
                    break;
                case JsonValueKind.Array:
                    BindPositional(function, [.. args.EnumerateArray()], values, bound);
                    break;
                default:
                    BindPositional(function, [args], values, bound);
                    break;
            }
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            if (bound[i])
            {
                continue;
            }

            var p = parameters[i];
            values[i] = p.IsOptional
                ? p.DefaultValue
                : throw new ArgumentBindingException(function.Name, p.Name, TypeDescriptions.Expected(p.Type), "nothing (the argument is required)");
        }

        return values;
    }

    /// <summary>
    /// What can be checked before the task runs, when values may still be <c>$ref</c>s resolved later: every named
    /// argument names a parameter, and there are no more positional arguments than parameters. Null when they fit.
    /// </summary>
    public static string? ShapeProblem(RegisteredFunction function, JsonElement args)
    {
        if (function.Parameters.Any(p => p.Source == ParameterSource.RawArguments))
        {
            return null;
        }

        try
        {
            switch (args.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in args.EnumerateObject())
                    {
                        if (!function.TryFindParameter(ParameterNames.Normalize(property.Name), out _))
                        {
                            throw UnknownArgument(function, property.Name);
                        }
                    }

                    break;
                case JsonValueKind.Array:
                    var slots = function.ArgumentParameterIndexes;
                    var count = args.GetArrayLength();
                    if (count > slots.Count && !(slots.Count > 0 && function.Parameters[slots[^1]].IsParams))
                    {
                        var names = string.Join(", ", slots.Select(i => function.Parameters[i].Name));
                        throw new ArgumentBindingException(function.Name, $"#{slots.Count + 1}", $"at most {slots.Count} positional argument(s) ({(names.Length == 0 ? "none" : names)})", $"{count} arguments");
                    }

                    break;
            }
        }
        catch (ArgumentBindingException e)
        {
            return $"{e.Message}; it takes {function}";
        }

        return null;
    }

    private static void BindPositional(RegisteredFunction function, IReadOnlyList<JsonElement> items, object?[] values, bool[] bound)
    {
        var slots = function.ArgumentParameterIndexes;
        for (var k = 0; k < items.Count; k++)
        {
            if (k >= slots.Count)
            {
                var names = string.Join(", ", slots.Select(i => function.Parameters[i].Name));
                throw new ArgumentBindingException(
                    function.Name,
                    $"#{k + 1}",
                    $"at most {slots.Count} positional argument(s) ({(names.Length == 0 ? "none" : names)})",
                    $"{items.Count} arguments");
            }

            var index = slots[k];
            var p = function.Parameters[index];
            if (p.IsParams)
            {
                var rest = items.Skip(k).ToList();
                values[index] = rest is [{ ValueKind: JsonValueKind.Array } single]
                    ? JsonArgumentConverter.Convert(single, p.Type, acceptsNull: false, function.Name, p.Name)
                    : ParamsArray(function, p, rest);
                bound[index] = true;
                return;
            }

            values[index] = JsonArgumentConverter.Convert(items[k], p.Type, p.AcceptsNull, function.Name, p.Name);
            bound[index] = true;
        }
    }

    private static void BindNamed(RegisteredFunction function, JsonElement args, object?[] values, bool[] bound)
    {
        var givenAs = new Dictionary<int, string>();
        foreach (var property in args.EnumerateObject())
        {
            if (!function.TryFindParameter(ParameterNames.Normalize(property.Name), out var index))
            {
                throw UnknownArgument(function, property.Name);
            }

            var p = function.Parameters[index];
            if (!givenAs.TryAdd(index, property.Name))
            {
                throw new ArgumentBindingException(function.Name, p.Name, "one value", $"two (as '{givenAs[index]}' and '{property.Name}')");
            }

            values[index] = p.IsParams && property.Value.ValueKind != JsonValueKind.Array
                ? ParamsArray(function, p, [property.Value])
                : JsonArgumentConverter.Convert(property.Value, p.Type, p.AcceptsNull, function.Name, p.Name);
            bound[index] = true;
        }
    }

    private static Array ParamsArray(RegisteredFunction function, FunctionParameter p, IReadOnlyList<JsonElement> items)
    {
        var elementType = p.Type.GetElementType()!;
        var acceptsNull = !elementType.IsValueType || Nullable.GetUnderlyingType(elementType) is not null;
        var array = Array.CreateInstance(elementType, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            array.SetValue(JsonArgumentConverter.Convert(items[i], elementType, acceptsNull, function.Name, $"{p.Name}[{i}]"), i);
        }

        return array;
    }

    private static ArgumentBindingException UnknownArgument(RegisteredFunction function, string name)
    {
        var parameters = function.ArgumentParameterIndexes.Select(i => function.Parameters[i].Name).ToList();
        var suggestion = NameSuggester.Closest(ParameterNames.Normalize(name), parameters.Select(ParameterNames.Normalize).ToList());
        var suggested = suggestion is null ? null : parameters.First(n => ParameterNames.Normalize(n) == suggestion);
        var expected = parameters.Count == 0
            ? "no arguments"
            : $"one of the parameters {string.Join(", ", parameters)}{(suggested is null ? string.Empty : $" (did you mean '{suggested}'?)")}";
        return new ArgumentBindingException(function.Name, name, expected, "an argument of that name");
    }
}
