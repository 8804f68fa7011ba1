using System.Runtime.InteropServices;
using System.Text.Json;

namespace AkkaCompute.Compute.Workflows;

/// <summary>
/// Finds <c>$ref</c> objects in task arguments. A reference is an object that is exactly
/// <c>{"$ref": "id"}</c> or <c>{"$ref": "id.path.0.x"}</c>; any other object holding a <c>$ref</c>
/// key is malformed. Arrays and objects are searched at any depth (iteratively, no recursion).
/// </summary>
internal static class RefScanner
{
    /// <summary>The key that marks a reference: <c>$ref</c>.</summary>
    public const string RefKey = "$ref";

    /// <summary>Whether <paramref name="element"/> is a well-formed reference, and its target text.</summary>
    public static bool TryGetReference(JsonElement element, out string target)
    {
        target = "";
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(RefKey, out var value)) return false;
        if (Malformation(element, value) is not null) return false;
        target = value.GetString()!;
        return true;
    }

    /// <summary>Why an object holding <c>$ref</c> is not a reference, or null when it is one.</summary>
    public static string? Malformation(JsonElement obj, JsonElement refValue)
    {
        if (refValue.ValueKind != JsonValueKind.String || refValue.GetString() is not { Length: > 0 } text)
            return "the value of $ref must be a non-empty string naming a task, e.g. {\"$ref\": \"a\"} or {\"$ref\": \"a.path.0\"}";
        if (text.StartsWith('.') || text.EndsWith('.') || text.Contains("..", StringComparison.Ordinal))
            return $"$ref '{text}' has an empty path segment";
        var names = obj.EnumerateObject().Select(p => p.Name).ToList();
        if (names.Count == 1) return null;
        var extra = names.FirstOrDefault(n => n != RefKey) ?? RefKey;
        return $"a $ref object must have no other keys (found '{extra}')";
    }

    /// <summary>
    /// False when <paramref name="root"/> certainly holds no <c>$ref</c> key at any depth: it is not an object or array,
    /// or its raw UTF-8 text has neither <c>$ref</c> nor an escape (through which a key could spell <c>$ref</c>).
    /// Reads the text in place, without allocating; true means "scan to find out".
    /// </summary>
    public static bool MayContainReference(JsonElement root)
    {
        if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return false;
        }

        var raw = JsonMarshal.GetRawUtf8Value(root);
        return raw.IndexOf("$ref"u8) >= 0 || raw.IndexOf((byte)'\\') >= 0;
    }

    /// <summary>Visits every reference (target text) and every malformed <c>$ref</c> object (reason) in document order.</summary>
    public static void Scan(JsonElement root, Action<string> onReference, Action<string>? onMalformed)
    {
        if (!MayContainReference(root)) return;
        var pending = new Stack<JsonElement>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var element = pending.Pop();
            if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty(RefKey, out var refValue))
                {
                    var problem = Malformation(element, refValue);
                    if (problem is null) onReference(refValue.GetString()!);
                    else onMalformed?.Invoke(problem);
                    continue;
                }
                foreach (var property in element.EnumerateObject().Reverse()) pending.Push(property.Value);
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray().Reverse()) pending.Push(item);
            }
        }
    }

    /// <summary>Whether the element contains any <c>$ref</c> key at any depth.</summary>
    public static bool ContainsReference(JsonElement root)
    {
        var found = false;
        Scan(root, _ => found = true, _ => found = true);
        return found;
    }

    /// <summary>
    /// Splits a target into the task id and the path inside its result. Ids may contain dots, so the
    /// longest dot-bounded prefix for which <paramref name="isTask"/> is true is the id; when no
    /// prefix names a task (or <paramref name="isTask"/> is null) the id is the text before the first dot.
    /// </summary>
    public static (string TaskId, string? Path) Split(string target, Func<string, bool>? isTask)
    {
        if (isTask is not null)
        {
            for (var end = target.Length; end > 0; end = target.LastIndexOf('.', end - 1))
            {
                var id = target[..end];
                if (isTask(id)) return (id, end == target.Length ? null : target[(end + 1)..]);
            }
        }
        var dot = target.IndexOf('.');
        return dot < 0 ? (target, null) : (target[..dot], target[(dot + 1)..]);
    }
}
