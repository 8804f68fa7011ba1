using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// Loads a node's settings in layers, later layers winning:
/// <list type="number">
/// <item>the embedded <c>reference.conf</c> (every setting's default, see <see cref="ReferenceConfig"/>);</item>
/// <item>the user's HOCON file, whose settings live under <c>akc { ... }</c> like reference.conf's;</item>
/// <item>environment variables named as in <see cref="SettingsEnvironment"/> (<c>AKC__EXECUTOR__MAX_CONCURRENT=4</c>);</item>
/// <item>command-line overrides: keys relative to <c>akc</c> (<c>executor.max-concurrent</c>; an <c>akc.</c> prefix is also accepted) mapped to text read like an environment value.</item>
/// </list>
/// The result is validated by <see cref="NodeSettingsBinder"/>. Overrides whose key starts with <c>akka.</c> (e.g.
/// <c>akka.remote.dot-netty.tcp.port</c>) are Akka's settings: they go, with the file's <c>akka { }</c> block over
/// <c>hocon/akka.conf</c>, into <see cref="NodeSettings.Akka"/>, read with Akka's HOCON parser and checked by
/// <see cref="AkkaNodeConfig.Validate"/> (errors name the file and line, or the flag, as for <c>akc</c> keys).
/// </summary>
public static class NodeSettingsLoader
{
    /// <summary>Loads, layers and validates.</summary>
    /// <param name="configFile">The user's HOCON file, or null for none. Its <c>${?VAR}</c> substitutions use <paramref name="env"/>.</param>
    /// <param name="env">Looks up environment variables (null or empty = unset); pass <see cref="Environment.GetEnvironmentVariable(string)"/> in production.</param>
    /// <param name="overrides">Command-line overrides (key relative to <c>akc</c> → value text), or null.</param>
    /// <returns>The validated settings.</returns>
    /// <exception cref="SettingsException">
    /// The file is missing, too large, unreadable or malformed; an override names an unknown setting;
    /// or a value is invalid (the message names its file and line, or its variable or flag, the key, the value and the constraint).
    /// </exception>
    public static NodeSettings Load(string? configFile, Func<string, string?> env, IReadOnlyDictionary<string, string>? overrides)
    {
        ArgumentNullException.ThrowIfNull(env);
        var config = ReferenceConfig.Document;
        if (configFile is not null) config = ReadFile(configFile, env).WithFallback(config);
        foreach (var path in ReferenceConfig.SettingPaths)
        {
            var name = SettingsEnvironment.VariableName(path);
            var text = env(name);
            if (string.IsNullOrEmpty(text)) continue;
            var origin = new HoconOrigin($"environment variable {name}", 0, 0);
            config = SettingsOverlay.Set(config, path, SettingsOverlay.Parse(text, origin, path.ToString()));
        }
        var akkaOverrides = new List<KeyValuePair<string, string>>();
        foreach (var (key, text) in overrides ?? new Dictionary<string, string>())
        {
            var origin = new HoconOrigin($"command-line override '{key}'", 0, 0);
            if (IsAkkaKey(key))
            {
                akkaOverrides.Add(new(key.Trim(), text ?? string.Empty));
                try
                {
                    config = SettingsOverlay.Set(config, HoconPath.Parse(key.Trim()), SettingsOverlay.Parse(text ?? "null", origin, key));
                }
                catch (Exception e) when (e is ArgumentException or SettingsException)
                {
                    throw new SettingsException(origin, key, text, "is not a valid setting key and value", e);
                }

                continue;
            }

            var path = OverridePath(key, text);
            config = SettingsOverlay.Set(config, path, SettingsOverlay.Parse(text ?? "null", origin, path.ToString()));
        }

        var settings = NodeSettingsBinder.Bind(config);
        var akka = AkkaNodeConfig.Load(configFile, akkaOverrides);
        AkkaNodeConfig.Validate(akka, settings.SystemName, key => config.TryGetValue(key, out var value) ? value.Origin : null);
        return settings with { Akka = akka };
    }

    /// <summary>True for a key of Akka's settings (<c>akka.</c> followed by a path).</summary>
    public static bool IsAkkaKey(string key) =>
        key.TrimStart().StartsWith(AkkaNodeConfig.Root + ".", StringComparison.Ordinal) && key.Trim().Length > AkkaNodeConfig.Root.Length + 1;

    private static HoconObject ReadFile(string file, Func<string, string?> env)
    {
        try
        {
            return HoconParser.ParseFile(file, env);
        }
        catch (HoconParseException e)
        {
            throw new SettingsException(e.Message, e.File, e.Line, e.Column, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"{file}: cannot read the configuration file: {e.Message}", file, 0, 0, e);
        }
    }

    private static HoconPath OverridePath(string key, string? text)
    {
        var origin = new HoconOrigin($"command-line override '{key}'", 0, 0);
        HoconPath relative;
        try
        {
            relative = HoconPath.Parse(key);
        }
        catch (ArgumentException)
        {
            throw new SettingsException(origin, key, text, "is not a valid setting key");
        }
        var path = relative.Segments[0] == ReferenceConfig.Root && relative.Count > 1
            ? relative
            : HoconPath.Root.Append(ReferenceConfig.Root).Append(relative);
        if (!ReferenceConfig.SettingPaths.Contains(path))
            throw new SettingsException(origin, path.ToString(), text, "is not a known setting");
        return path;
    }
}
