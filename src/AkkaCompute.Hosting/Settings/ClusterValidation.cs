using AkkaCompute.Actors;
using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// Runs a settings record's own <c>Validate()</c> (the checks that span several keys or touch files) and turns its
/// <see cref="ConfigurationException"/> into a <see cref="SettingsException"/> that also names where the value was written.
/// </summary>
internal static class ClusterValidation
{
    /// <summary>Runs <paramref name="validate"/>; a <see cref="ConfigurationException"/> becomes a <see cref="SettingsException"/>.</summary>
    /// <exception cref="SettingsException">The record refused a value; the origin is the key's when the key lies in <paramref name="r"/>'s section.</exception>
    public static void Run(SettingsReader r, Action validate)
    {
        try
        {
            validate();
        }
        catch (ConfigurationException e)
        {
            throw new SettingsException(OriginOf(r, e.Key), e.Key, e.Value, e.Constraint, e);
        }
    }

    private static HoconOrigin? OriginOf(SettingsReader r, string fullKey)
    {
        var prefix = r.FullKey(string.Empty);
        if (!fullKey.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return r.Value(fullKey[prefix.Length..]).Origin;
        }
        catch (SettingsException)
        {
            return null;
        }
    }
}
