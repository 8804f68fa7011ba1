namespace AkkaCompute.Hosting.Hocon;

/// <summary>Unquoted whitespace between two parts of a concatenation: kept in strings, ignored between arrays or objects.</summary>
internal sealed class HoconWhitespace : HoconUnresolved
{
    public HoconWhitespace(string text, HoconOrigin origin)
        : base(origin)
    {
        Text = text;
    }

    /// <summary>The whitespace as written.</summary>
    public string Text { get; }
}
