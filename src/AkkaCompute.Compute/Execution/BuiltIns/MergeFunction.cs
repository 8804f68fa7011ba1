using System.Text.Json;

namespace AkkaCompute.Compute.Execution;

/// <summary>The built-in <c>merge</c>: the reduce step of a word count (merging many <c>counts</c> maps totals them).</summary>
public static class MergeFunction
{
    /// <summary>
    /// Deep-merges <paramref name="objects"/>, given by position or as <c>{"objects": [...]}</c>:
    /// numbers at the same key are added (integers exactly), nested objects merge recursively,
    /// arrays concatenate, any other value is replaced by the later one. No objects give <c>{}</c>.
    /// </summary>
    /// <param name="objects">JSON objects.</param>
    /// <exception cref="ArgumentException">An item is not an object; names its index.</exception>
    /// <exception cref="InvalidOperationException">The result would have more than 10,000,000 keys.</exception>
    [ComputeFunction("merge", Description = "deep-merges objects, adding numbers at the same key (the word-count reduce)")]
    public static JsonElement Merge(params JsonElement[] objects) =>
        JsonSerializer.SerializeToElement(JsonMerge.Merge(objects), FunctionJson.Options);
}
