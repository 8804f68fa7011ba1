using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace AkkaCompute.Hosting.Hocon;

/// <summary>Adds HOCON sources to an <see cref="IConfigurationBuilder"/> and finds where a setting was defined.</summary>
public static class HoconConfigurationExtensions
{
    /// <summary>Adds a HOCON file. Later sources override earlier ones, as usual for configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The file; relative paths are relative to the current directory, and relative includes inside it to the file's directory.</param>
    /// <param name="optional">When true, a missing file adds no settings instead of failing at <c>Build()</c>.</param>
    /// <param name="environment">Environment lookup for substitutions; null uses the process environment.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddHoconFile(
        this IConfigurationBuilder builder, string path, bool optional = false, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.Add(new HoconConfigurationSource { Path = path, Optional = optional, Environment = environment });
    }

    /// <summary>Adds HOCON text; its origins name the file <c>"&lt;string&gt;"</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="text">The HOCON document.</param>
    /// <param name="environment">Environment lookup for substitutions; null uses the process environment.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddHoconString(
        this IConfigurationBuilder builder, string text, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        return builder.Add(new HoconConfigurationSource { Text = text, Environment = environment });
    }

    /// <summary>
    /// Where the effective value of a key was defined, when it comes from a HOCON source: the last
    /// provider that has the key wins, as in <see cref="IConfigurationRoot"/> itself.
    /// </summary>
    /// <param name="configuration">A configuration root (e.g. from <c>ConfigurationBuilder.Build()</c> or a <c>ConfigurationManager</c>).</param>
    /// <param name="key">A flattened key such as <c>compute:timeout</c>.</param>
    /// <param name="origin">File, line and column of the effective value.</param>
    /// <returns>False when no provider has the key or the winning provider is not a HOCON provider.</returns>
    public static bool TryGetHoconOrigin(this IConfigurationRoot configuration, string key, [NotNullWhen(true)] out HoconOrigin? origin)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(key);
        foreach (var provider in configuration.Providers.Reverse())
        {
            if (!provider.TryGet(key, out _)) continue;
            if (provider is HoconConfigurationProvider hocon) return hocon.TryGetOrigin(key, out origin);
            break;
        }
        origin = null;
        return false;
    }
}
