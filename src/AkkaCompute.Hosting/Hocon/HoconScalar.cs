namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// A simple HOCON value: a string, a number, a boolean or null. The text is kept exactly as
/// written (numbers are not normalised: <c>1e5</c> stays <c>"1e5"</c>), as the HOCON spec requires
/// for value concatenation.
/// </summary>
public sealed class HoconScalar : HoconValue
{
    private HoconScalar(HoconValueType type, string text, HoconOrigin origin)
        : base(origin)
    {
        Type = type;
        Text = text;
    }

    /// <inheritdoc />
    public override HoconValueType Type { get; }

    /// <summary>
    /// The value as text: the string itself, the number as written, <c>"true"</c>/<c>"false"</c>,
    /// or <c>"null"</c> for null.
    /// </summary>
    public string Text { get; }

    /// <summary>True when the value is the HOCON <c>null</c>.</summary>
    public bool IsNull => Type == HoconValueType.Null;

    /// <summary>Creates a string value.</summary>
    /// <param name="text">The string; must not be null.</param>
    /// <param name="origin">Where it was written.</param>
    /// <returns>A <see cref="HoconValueType.String"/> scalar.</returns>
    public static HoconScalar String(string text, HoconOrigin origin) =>
        new(HoconValueType.String, text ?? throw new ArgumentNullException(nameof(text)), origin);

    /// <summary>The <c>null</c> value.</summary>
    /// <param name="origin">Where it was written.</param>
    /// <returns>A <see cref="HoconValueType.Null"/> scalar with text <c>"null"</c>.</returns>
    public static HoconScalar Null(HoconOrigin origin) => new(HoconValueType.Null, "null", origin);

    /// <summary>
    /// Interprets one unquoted token: exactly <c>true</c>/<c>false</c> become booleans, <c>null</c>
    /// becomes null, a JSON number (<c>-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?</c>) becomes a number,
    /// and anything else is a string.
    /// </summary>
    /// <param name="text">The unquoted text; must not be null or empty.</param>
    /// <param name="origin">Where it was written.</param>
    /// <returns>The typed scalar.</returns>
    public static HoconScalar FromUnquoted(string text, HoconOrigin origin)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return text switch
        {
            "true" or "false" => new HoconScalar(HoconValueType.Boolean, text, origin),
            "null" => Null(origin),
            _ when HoconNumber.IsNumber(text) => new HoconScalar(HoconValueType.Number, text, origin),
            _ => String(text, origin),
        };
    }

    /// <summary>The same value with a different origin (used when a substitution copies a scalar).</summary>
    internal HoconScalar WithOrigin(HoconOrigin origin) => new(Type, Text, origin);

    /// <summary>Returns <see cref="Text"/>.</summary>
    /// <returns>The value as text.</returns>
    public override string ToString() => Text;
}
