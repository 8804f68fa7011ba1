using System.Text.Json;

namespace AkkaCompute.Compute.Execution;

/// <summary>The built-in <c>sum</c>: adds numbers.</summary>
public static class SumFunction
{
    /// <summary>
    /// Adds <paramref name="values"/>, given by position (<c>[1, 2, 3]</c>) or by name
    /// (<c>{"values": [1, 2, 3]}</c>). Integers add exactly as Int64; a fraction or an overflow
    /// switches to Double. No values give 0.
    /// </summary>
    /// <param name="values">JSON numbers.</param>
    /// <exception cref="ArgumentException">A value is not a number; names its index.</exception>
    [ComputeFunction("sum", Description = "adds 'values' (or positional numbers)")]
    public static JsonElement Sum(params JsonElement[] values)
    {
        var sum = default(JsonNumbers.Sum);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].ValueKind != JsonValueKind.Number)
            {
                throw new ArgumentException($"sum: values[{i}] is {TypeDescriptions.Given(values[i])}, not a number", nameof(values));
            }

            sum.Add(values[i]);
        }

        return sum.ToElement();
    }
}
