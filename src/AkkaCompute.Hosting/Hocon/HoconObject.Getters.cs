namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Typed getters on <see cref="HoconObject"/>. Each takes a path expression relative to this object
/// and throws <see cref="HoconPathException"/> naming the full path, the value's origin and the
/// expected type when the setting is missing, null or of the wrong type.
/// </summary>
public sealed partial class HoconObject
{
    /// <summary>A string setting; numbers and booleans are returned as written.</summary>
    /// <param name="path">A path expression relative to this object.</param>
    /// <returns>The text.</returns>
    /// <exception cref="HoconPathException">Missing, null, an object or an array.</exception>
    public string GetString(string path) => GetScalar(path, "a string").Text;

    /// <summary>A 32-bit integer setting (a number or a string holding a whole number, e.g. <c>1e3</c>).</summary>
    /// <param name="path">A path expression relative to this object.</param>
    /// <returns>The value.</returns>
    /// <exception cref="HoconPathException">Missing, not a whole number, or outside <see cref="int"/>'s range.</exception>
    public int GetInt(string path)
    {
        var value = GetLong(path);
        if (value is < int.MinValue or > int.MaxValue)
            throw WrongType(path, GetValue(path), "a 32-bit integer", "out of range");
        return (int)value;
    }

    /// <summary>A 64-bit integer setting.</summary>
    /// <param name="path">A path expression relative to this object.</param>
    /// <returns>The value.</returns>
    /// <exception cref="HoconPathException">Missing, or not a whole number within <see cref="long"/>'s range.</exception>
    public long GetLong(string path)
    {
        var scalar = GetScalar(path, "an integer");
        return HoconConvert.TryInt64(scalar.Text, out var value) ? value : throw WrongType(path, scalar, "an integer");
    }

    /// <summary>A floating-point setting.</summary>
    /// <param name="path">A path expression relative to this object.</param>
    /// <returns>The value (finite).</returns>
    /// <exception cref="HoconPathException">Missing or not a finite number.</exception>
    public double GetDouble(string path)
    {
        var scalar = GetScalar(path, "a number");
        return HoconConvert.TryDouble(scalar.Text, out var value) ? value : throw WrongType(path, scalar, "a number");
    }

    /// <summary>A boolean setting: <c>true</c>/<c>yes</c>/<c>on</c> or <c>false</c>/<c>no</c>/<c>off</c>.</summary>
    /// <param name="path">A path expression relative to this object.</param>
    /// <returns>The value.</returns>
    /// <exception cref="HoconPathException">Missing or not one of those words.</exception>
    public bool GetBool(string path)
    {
        var scalar = GetScalar(path, "a boolean");
        return HoconConvert.TryBoolean(scalar.Text, out var value) ? value : throw WrongType(path, scalar, "a boolean (true/false/yes/no/on/off)");
    }

    /// <summary>A duration setting, parsed by <see cref="HoconDuration.Parse"/>; a bare number is milliseconds.</summary>
    /// <param name="path">A path expression relative to this object.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="HoconPathException">Missing, or not a valid duration.</exception>
    public TimeSpan GetDuration(string path)
    {
        var scalar = GetScalar(path, "a duration");
        try
        {
            return HoconDuration.Parse(scalar.Text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw WrongType(path, scalar, "a duration", e.Message, e);
        }
    }

    /// <summary>A size in bytes, parsed by <see cref="HoconSize.Parse"/>; a bare number is bytes.</summary>
    /// <param name="path">A path expression relative to this object.</param>
    /// <returns>The size in bytes.</returns>
    /// <exception cref="HoconPathException">Missing, or not a valid size.</exception>
    public long GetSize(string path)
    {
        var scalar = GetScalar(path, "a size in bytes");
        try
        {
            return HoconSize.Parse(scalar.Text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw WrongType(path, scalar, "a size in bytes", e.Message, e);
        }
    }

    /// <summary>A list of strings: an array whose elements are all non-null simple values.</summary>
    /// <param name="path">A path expression relative to this object.</param>
    /// <returns>The elements' text in order.</returns>
    /// <exception cref="HoconPathException">Missing, not an array, or an element that is null, an object or an array.</exception>
    public IReadOnlyList<string> GetStringList(string path)
    {
        var array = GetArray(path);
        var result = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array.Items[i] is not HoconScalar { IsNull: false } scalar)
                throw new HoconPathException($"{FullPath(path)}[{i}]", array.Items[i].Origin, $"is {(array.Items[i].Type == HoconValueType.Null ? "null" : $"an {array.Items[i].Describe()}")}, not a string");
            result.Add(scalar.Text);
        }
        return result;
    }

    /// <summary>An array setting.</summary>
    /// <param name="path">A path expression relative to this object.</param>
    /// <returns>The array.</returns>
    /// <exception cref="HoconPathException">Missing or not an array.</exception>
    public HoconArray GetArray(string path) =>
        GetValue(path) as HoconArray ?? throw WrongType(path, GetValue(path), "an array");

    /// <summary>An object setting; its getters report full paths (see <see cref="Location"/>).</summary>
    /// <param name="path">A path expression relative to this object.</param>
    /// <returns>The object.</returns>
    /// <exception cref="HoconPathException">Missing or not an object.</exception>
    public HoconObject GetObject(string path) =>
        GetValue(path) is HoconObject obj
            ? obj.AtLocation(Location.Append(HoconPath.Parse(path)))
            : throw WrongType(path, GetValue(path), "an object");

    private HoconScalar GetScalar(string path, string expected)
    {
        var value = GetValue(path);
        return value as HoconScalar is { IsNull: false } scalar ? scalar : throw WrongType(path, value, expected);
    }

    private HoconPathException WrongType(string path, HoconValue value, string expected, string? detail = null, Exception? inner = null)
    {
        var reason = value is HoconScalar { IsNull: false } scalar
            ? $"has value '{scalar.Text}' ({scalar.Describe()}) which is not {expected}{(detail is null ? "" : $": {detail}")}"
            : $"is {(value.Type == HoconValueType.Null ? "null" : $"an {value.Describe()}")}, not {expected}";
        return new HoconPathException(FullPath(path), value.Origin, reason, inner);
    }

    private string FullPath(string path) => Location.Append(HoconPath.Parse(path)).ToString();
}
