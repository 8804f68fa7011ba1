using System.Text.Json;
using System.Text.Json.Nodes;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Deep-merges JSON objects, left to right: numbers at the same path are added (exactly for
/// integers), objects merge recursively, arrays concatenate, and any other value (or a change of
/// kind) is replaced by the later one. Keys keep their first-seen order.
/// </summary>
internal sealed class JsonMerge
{
    /// <summary>Most keys (at all depths) in the merged result.</summary>
    public const int KeysMax = 10_000_000;

    private int _keys;

    /// <summary>Merges <paramref name="objects"/> into one new object.</summary>
    /// <exception cref="ArgumentException">An item is not a JSON object; names its index.</exception>
    /// <exception cref="InvalidOperationException">The result would have more than <see cref="KeysMax"/> keys.</exception>
    public static JsonObject Merge(IReadOnlyList<JsonElement> objects)
    {
        var merge = new JsonMerge();
        var root = new JsonObject();
        for (var i = 0; i < objects.Count; i++)
        {
            if (objects[i].ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException($"merge: objects[{i}] is {TypeDescriptions.Given(objects[i])}, not an object", nameof(objects));
            }

            merge.Into(root, objects[i]);
        }

        return root;
    }

    private void Into(JsonObject target, JsonElement source)
    {
        foreach (var property in source.EnumerateObject())
        {
            var value = property.Value;
            if (!target.TryGetPropertyValue(property.Name, out var existing))
            {
                if (++_keys > KeysMax)
                {
                    throw new InvalidOperationException($"merge: the result would have more than {KeysMax} keys");
                }

                target[property.Name] = ToNode(value);
                continue;
            }

            switch (existing)
            {
                case JsonObject child when value.ValueKind == JsonValueKind.Object:
                    Into(child, value);
                    break;
                case JsonArray array when value.ValueKind == JsonValueKind.Array:
                    foreach (var item in value.EnumerateArray())
                    {
                        array.Add(ToNode(item));
                    }

                    break;
                case JsonValue number when number.GetValueKind() == JsonValueKind.Number && value.ValueKind == JsonValueKind.Number:
                    var sum = default(JsonNumbers.Sum);
                    sum.Add(number);
                    sum.Add(value);
                    target[property.Name] = sum.ToNode();
                    break;
                default:
                    target[property.Name] = ToNode(value);
                    break;
            }
        }
    }

    private JsonNode? ToNode(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                Into(obj, value);
                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in value.EnumerateArray())
                {
                    array.Add(ToNode(item));
                }

                return array;
            case JsonValueKind.Number:
                var sum = default(JsonNumbers.Sum);
                sum.Add(value);
                return sum.ToNode();
            case JsonValueKind.String:
                return JsonValue.Create(value.GetString());
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }
}
