using System.Text.Json;

namespace AkkaCompute.Compute.Execution;

public sealed partial class RegisteredFunction
{
    /// <summary>The argument-bound parameters marked <see cref="InputFileAttribute"/> (files the function reads), in positional order.</summary>
    public IReadOnlyList<FunctionParameter> InputFileParameters => [.. ArgumentParameters.Where(p => p.IsInputFile)];

    /// <summary>
    /// The file paths, as written (not resolved), that <paramref name="args"/> gives to the parameters marked
    /// <see cref="InputFileAttribute"/>: by name in an object (matched as the binder matches, <see cref="ParameterNames"/>),
    /// by position in an array, or a lone scalar as the first parameter. Only string values count (a string array for a
    /// <c>string[]</c> parameter); anything else, e.g. an unresolved <c>$ref</c>, is left out.
    /// </summary>
    /// <param name="args">The task's arguments (any JSON; undefined means none).</param>
    /// <returns>The paths in parameter order; empty when none.</returns>
    public IReadOnlyList<string> InputFilesIn(JsonElement args)
    {
        if (!Parameters.Any(p => p.IsInputFile))
        {
            return [];
        }

        var paths = new List<string>();
        var positional = ArgumentParameterIndexes;
        for (var slot = 0; slot < positional.Count; slot++)
        {
            var parameter = Parameters[positional[slot]];
            if (parameter.IsInputFile && ValueFor(args, parameter, slot) is { } value)
            {
                AddPaths(value, paths);
            }
        }

        return paths;
    }

    private static JsonElement? ValueFor(JsonElement args, FunctionParameter parameter, int slot)
    {
        switch (args.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in args.EnumerateObject())
                {
                    if (string.Equals(ParameterNames.Normalize(property.Name), parameter.NormalizedName, StringComparison.Ordinal))
                    {
                        return property.Value;
                    }
                }

                return null;
            case JsonValueKind.Array:
                return slot < args.GetArrayLength() ? args[slot] : null;
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            default:
                return slot == 0 ? args : null;
        }
    }

    private static void AddPaths(JsonElement value, List<string> paths)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            if (value.GetString() is { Length: > 0 } path)
            {
                paths.Add(path);
            }
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } path)
                {
                    paths.Add(path);
                }
            }
        }
    }
}
