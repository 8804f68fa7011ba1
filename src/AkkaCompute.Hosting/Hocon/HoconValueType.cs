namespace AkkaCompute.Hosting.Hocon;

/// <summary>The JSON type of a resolved HOCON value.</summary>
public enum HoconValueType
{
    /// <summary>An object: <c>{ key = value }</c>, see <see cref="HoconObject"/>.</summary>
    Object,

    /// <summary>An array: <c>[1, 2]</c>, see <see cref="HoconArray"/>.</summary>
    Array,

    /// <summary>A quoted, unquoted or triple-quoted string, or a string concatenation.</summary>
    String,

    /// <summary>A JSON number, kept as written (see <see cref="HoconScalar.Text"/>).</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary><c>null</c>.</summary>
    Null,
}
