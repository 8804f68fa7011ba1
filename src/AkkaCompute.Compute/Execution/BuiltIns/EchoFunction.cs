using System.Text.Json;

namespace AkkaCompute.Compute.Execution;

/// <summary>The built-in <c>echo</c>: returns its arguments.</summary>
public static class EchoFunction
{
    /// <summary>
    /// Returns <paramref name="args"/> unchanged, except that an object whose only property is
    /// <c>value</c> returns that value (so <c>{"value": 3}</c> gives <c>3</c>). No arguments give null.
    /// </summary>
    /// <param name="args">Any JSON value.</param>
    [ComputeFunction("echo", Description = "returns its arguments ({\"value\": x} returns x)")]
    public static JsonElement Echo([RawArguments] JsonElement args)
    {
        if (args.ValueKind == JsonValueKind.Object)
        {
            using var properties = args.EnumerateObject();
            if (properties.MoveNext() && properties.Current.Name == "value" && !properties.MoveNext())
            {
                return args.GetProperty("value");
            }
        }

        return args;
    }
}
