using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Settings;

/// <summary>Puts single values (from environment variables or command-line flags) over a configuration.</summary>
internal static class SettingsOverlay
{
    /// <summary>A copy of <paramref name="root"/> with <paramref name="path"/> set to <paramref name="value"/>, creating objects on the way.</summary>
    public static HoconObject Set(HoconObject root, HoconPath path, HoconValue value)
    {
        var key = path.Segments[0];
        if (path.Count == 1) return root.With(key, value);
        var child = root.TryGetField(key, out var existing) && existing is HoconObject obj ? obj : HoconObject.Empty(value.Origin);
        return root.With(key, Set(child, path.Skip(1), value));
    }

    /// <summary>
    /// Reads an override's text: a list when it starts with <c>[</c> (parsed as HOCON), the empty string for
    /// empty text (<c>--set management.token-env=</c>), otherwise a scalar typed as an unquoted HOCON token.
    /// Every value gets <paramref name="origin"/>.
    /// </summary>
    /// <exception cref="SettingsException">A list that is not valid HOCON.</exception>
    public static HoconValue Parse(string text, HoconOrigin origin, string key)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return HoconScalar.String("", origin);
        if (!trimmed.StartsWith('[')) return HoconScalar.FromUnquoted(trimmed, origin);
        try
        {
            var array = HoconParser.Parse("v = " + trimmed, origin.File, _ => null).GetArray("v");
            return new HoconArray(array.Items.Select(i => i is HoconScalar s ? s.WithOrigin(origin) : i), origin);
        }
        catch (Exception e) when (e is HoconParseException or HoconPathException)
        {
            throw new SettingsException(origin, key, trimmed, "must be a HOCON list such as [\"a\", \"b\"]", e);
        }
    }
}
