using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using AkkaCompute.Hosting.Hocon;
using AkkaConfigParser = Akka.Configuration.Hocon.Parser;
using AkkaHoconRoot = Akka.Configuration.Hocon.HoconRoot;

namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// The Akka part of a node's configuration: remoting (<c>akka.remote.dot-netty.tcp</c>), membership, failure detection and the
/// split-brain resolver (<c>akka.cluster</c>), read with Akka's own HOCON parser (<see cref="ConfigurationFactory"/>) in layers, later
/// ones winning: the embedded <c>hocon/akka.conf</c> (<see cref="Defaults"/>), the user's file (its <c>akka { }</c> block; the file may
/// also hold <c>akc { }</c>, which Akka ignores), then command-line overrides of <c>akka.*</c> keys. Akka's own reference
/// configurations lie under all of them. The values a node depends on are validated at start (<see cref="Validate"/>), with errors
/// naming the file and line (or the flag), the key, the value and the constraint.
/// </summary>
public static class AkkaNodeConfig
{
    /// <summary>The top-level block of Akka's settings: <c>akka</c>.</summary>
    public const string Root = "akka";

    /// <summary>The resource name of the embedded node defaults, and the file name used in origins: <c>akka.conf</c>.</summary>
    public const string ResourceName = "akka.conf";

    /// <summary>The split-brain resolver strategies a node accepts (Akka's, without the lease-based one, which needs a lease).</summary>
    public static readonly IReadOnlyList<string> Strategies = ["keep-majority", "static-quorum", "keep-oldest", "down-all"];

    private const string Tcp = "akka.remote.dot-netty.tcp";

    private static readonly Lazy<Config> ClusterReference =
        new(() => ConfigurationFactory.FromResource("Akka.Cluster.Configuration.Cluster.conf", typeof(Akka.Cluster.Cluster).Assembly));

    private static readonly Lazy<Config> RemoteReference =
        new(() => ConfigurationFactory.FromResource("Akka.Remote.Configuration.Remote.conf", typeof(Akka.Remote.RemoteSettings).Assembly));

    private static readonly Lazy<Config> ParsedDefaults = new(() => ConfigurationFactory.ParseString(DefaultsText));

    /// <summary>The text of the embedded <c>hocon/akka.conf</c>.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing (a build error).</exception>
    public static string DefaultsText
    {
        get
        {
            using var stream = typeof(AkkaNodeConfig).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"embedded resource '{ResourceName}' is missing from {typeof(AkkaNodeConfig).Assembly.GetName().Name}");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>The node defaults (<c>hocon/akka.conf</c>), without Akka's reference configurations beneath.</summary>
    public static Config Defaults => ParsedDefaults.Value;

    /// <summary>
    /// <paramref name="config"/> over Akka's reference configurations of Akka.Cluster, Akka.Remote and Akka itself: every key has a
    /// value, as the actor system will see it.
    /// </summary>
    public static Config WithAkkaReference(Config config) =>
        config.WithFallback(ClusterReference.Value).WithFallback(RemoteReference.Value).WithFallback(ConfigurationFactory.Default());

    /// <summary>
    /// Reads the Akka layers: <see cref="Defaults"/>, then <paramref name="configFile"/> (parsed with Akka's parser; <c>include</c>s are
    /// resolved relative to the including file), then <paramref name="overrides"/> in order (full keys such as
    /// <c>akka.remote.dot-netty.tcp.port</c>; a value starting with <c>[</c>, <c>{</c> or <c>"</c> is HOCON, anything else is taken as
    /// a string). The result is not validated; see <see cref="Validate"/>.
    /// </summary>
    /// <exception cref="SettingsException">The file is unreadable, or Akka's parser refuses it or an override.</exception>
    public static Config Load(string? configFile, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var config = Defaults;
        if (configFile is not null)
        {
            config = ParseFile(configFile).WithFallback(config);
        }

        foreach (var (key, text) in overrides)
        {
            Config layer;
            try
            {
                layer = ConfigurationFactory.ParseString($"{key} = {Hocon(text)}");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new SettingsException(new HoconOrigin($"command-line override '{key}'", 0, 0), key, text, $"is not a value Akka's HOCON parser accepts ({e.Message})", e);
            }

            config = layer.WithFallback(config);
        }

        return config;
    }

    /// <summary>
    /// Checks the Akka settings a node depends on, over Akka's reference configurations: the provider is <c>cluster</c>; the remoting
    /// host and port; every seed node is an address of this actor system (<paramref name="systemName"/>) with the transport's scheme,
    /// host and port, listed once; roles; the split-brain resolver's strategy (and its quorum for static-quorum); the failure
    /// detector's and the gossip's timings; TLS (<c>enable-ssl</c>) has a readable certificate with its private key. Then Akka's own
    /// <c>ClusterSettings</c> reads the whole <c>akka.cluster</c> block, so anything else Akka refuses is refused at start too.
    /// </summary>
    /// <param name="config">The node's Akka configuration (see <see cref="Load"/>).</param>
    /// <param name="systemName">The actor system's name (<c>akc.system-name</c>).</param>
    /// <param name="originOf">Where a full key's value was written (file and line, or the flag), or null when unknown.</param>
    /// <exception cref="SettingsException">The first value that fails, naming its origin, key, value and constraint.</exception>
    public static void Validate(Config config, string systemName, Func<string, HoconOrigin?> originOf)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(originOf);
        var v = new Checker(WithAkkaReference(config), originOf);
        var provider = v.String("akka.actor.provider");
        if (provider is not ("cluster" or "Akka.Cluster.ClusterActorRefProvider, Akka.Cluster"))
        {
            throw v.Error("akka.actor.provider", "must be cluster: akc node is an Akka.Cluster member");
        }

        var host = v.String(Tcp + ".hostname");
        if (host.Length > 255 || host.Any(char.IsWhiteSpace))
        {
            throw v.Error(Tcp + ".hostname", "must be a host name or IP address of at most 255 characters (empty: this machine's DNS name)");
        }

        v.Int(Tcp + ".port", 0, 65535);
        var ssl = v.Bool(Tcp + ".enable-ssl");
        if (ssl)
        {
            CheckCertificate(v);
        }

        var scheme = ssl ? "akka.ssl.tcp" : "akka.tcp";
        var seeds = v.StringList("akka.cluster.seed-nodes");
        var seen = new HashSet<Address>();
        for (var i = 0; i < seeds.Count; i++)
        {
            Address? address = null;
            try
            {
                address = Address.Parse(seeds[i]);
            }
            catch (Exception e) when (e is UriFormatException or FormatException or ArgumentException)
            {
            }

            var key = $"akka.cluster.seed-nodes[{i}]";
            if (address is null || address.Host is null || address.Port is null or 0)
            {
                throw v.ErrorAt("akka.cluster.seed-nodes", key, seeds[i], $"must be a node address such as {scheme}://{systemName}@10.0.0.1:2552");
            }

            if (address.Protocol != scheme)
            {
                throw v.ErrorAt("akka.cluster.seed-nodes", key, seeds[i], $"must use the scheme {scheme} ({(ssl ? "enable-ssl is on" : "enable-ssl is off")})");
            }

            if (address.System != systemName)
            {
                throw v.ErrorAt("akka.cluster.seed-nodes", key, seeds[i], $"names the actor system '{address.System}', but this node's is '{systemName}' (akc.system-name); nodes of another cluster cannot join");
            }

            if (!seen.Add(address))
            {
                throw v.ErrorAt("akka.cluster.seed-nodes", key, seeds[i], "is listed twice; seed nodes must be distinct");
            }
        }

        foreach (var role in v.StringList("akka.cluster.roles"))
        {
            if (role.Length is 0 or > 200 || role.Any(char.IsWhiteSpace))
            {
                throw v.Error("akka.cluster.roles", "each role must be 1 to 200 characters without whitespace");
            }
        }

        const string Sbr = "akka.cluster.split-brain-resolver";
        var downing = v.String("akka.cluster.downing-provider-class");
        if (downing.Length > 0 && downing.Contains("SplitBrainResolverProvider", StringComparison.Ordinal))
        {
            var strategy = v.String(Sbr + ".active-strategy");
            if (!Strategies.Contains(strategy))
            {
                throw v.Error(Sbr + ".active-strategy", "must be one of " + string.Join(", ", Strategies));
            }

            if (strategy == "static-quorum")
            {
                const string Quorum = Sbr + ".static-quorum.quorum-size";
                if (!int.TryParse(v.String(Quorum), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) || size is < 1 or > 100_000)
                {
                    // Where the strategy was chosen, when the size was never written.
                    throw v.ErrorAt(originOf(Quorum) is null ? Sbr + ".active-strategy" : Quorum, Quorum, v.Render(Quorum), "must be set (1 to 100,000) when active-strategy is static-quorum");
                }
            }

            v.Duration(Sbr + ".stable-after", positive: true);
        }

        v.Duration("akka.cluster.failure-detector.heartbeat-interval", positive: true);
        v.Duration("akka.cluster.failure-detector.acceptable-heartbeat-pause", positive: false);
        v.Duration("akka.cluster.failure-detector.expected-response-after", positive: true);
        v.Duration("akka.cluster.failure-detector.min-std-deviation", positive: true);
        v.Double("akka.cluster.failure-detector.threshold", 0.1, 1000);
        v.Duration("akka.cluster.gossip-interval", positive: true);
        v.Duration("akka.cluster.leader-actions-interval", positive: true);
        v.Duration("akka.cluster.unreachable-nodes-reaper-interval", positive: true);
        v.Duration("akka.cluster.seed-node-timeout", positive: true);

        try
        {
            _ = new Akka.Cluster.ClusterSettings(v.Config, systemName);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new SettingsException(null, "akka.cluster", null, $"Akka.Cluster refuses these settings: {e.Message}", e);
        }
    }

    private static void CheckCertificate(Checker v)
    {
        const string Cert = Tcp + ".ssl.certificate";
        if (v.Bool(Cert + ".use-thumbprint-over-file") || v.String(Cert + ".common-name").Length > 0)
        {
            return; // Akka reads it from a certificate store.
        }

        var path = v.String(Cert + ".path");
        if (path.Length == 0)
        {
            throw v.ErrorAt(
                v.HasOrigin(Cert + ".path") ? Cert + ".path" : Tcp + ".enable-ssl",
                Cert + ".path",
                path,
                "must name the node's certificate (a PKCS#12 file with its private key) when enable-ssl is on; there is no default certificate");
        }

        if (!File.Exists(path))
        {
            throw v.Error(Cert + ".path", "the file does not exist");
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, v.String(Cert + ".password"));
            if (!certificate.HasPrivateKey)
            {
                throw v.Error(Cert + ".path", "the certificate has no private key; the node must hold its own key");
            }
        }
        catch (CryptographicException e)
        {
            throw v.Error(Cert + ".path", $"cannot be read as PKCS#12 with {Cert}.password ({e.Message})");
        }
    }

    private static Config ParseFile(string file)
    {
        try
        {
            return new Config(ParseRoot(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"{file}: cannot read the configuration file: {e.Message}", file, 0, 0, e);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not SettingsException)
        {
            throw new SettingsException($"{file}: Akka's HOCON parser refuses the file: {e.Message}", file, 0, 0, e);
        }
    }

    // Akka's parser calls back for each include, with the name as written; names are resolved relative to the including file.
    private static AkkaHoconRoot ParseRoot(string file) =>
        AkkaConfigParser.Parse(File.ReadAllText(file), name => ParseRoot(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", Unquote(name))));

    private static string Unquote(string name)
    {
        var n = name.Trim();
        if (n.StartsWith("file(", StringComparison.Ordinal) && n.EndsWith(')'))
        {
            n = n[5..^1].Trim();
        }

        return n.Trim('"');
    }

    // A scalar override is written as a HOCON string, so that hosts such as 127.0.0.1 and addresses keep their text.
    private static string Hocon(string text)
    {
        var t = text.Trim();
        return t.Length > 0 && t[0] is '[' or '{' or '"' ? t : JsonSerializer.Serialize(t);
    }

    /// <summary>Reads values with constraints; every violation names the key's origin, the key, the value and the constraint.</summary>
    private sealed class Checker(Config config, Func<string, HoconOrigin?> originOf)
    {
        public Config Config { get; } = config;

        public SettingsException Error(string key, string constraint) => ErrorAt(key, key, Render(key), constraint);

        public SettingsException ErrorAt(string originKey, string key, string? value, string constraint) =>
            new(originOf(originKey), key, value, constraint);

        public string String(string key)
        {
            try
            {
                return Config.GetString(key) ?? string.Empty;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw Error(key, "must be a string");
            }
        }

        public bool Bool(string key)
        {
            try
            {
                return Config.GetBoolean(key);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw Error(key, "must be true or false (or on/off)");
            }
        }

        public int Int(string key, int min, int max)
        {
            var text = String(key);
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                throw Error(key, $"must be a whole number from {min.ToString("N0", CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}");
            }

            return value;
        }

        public double Double(string key, double min, double max)
        {
            var text = String(key);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min || value > max)
            {
                throw Error(key, $"must be a number between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
            }

            return value;
        }

        public TimeSpan Duration(string key, bool positive)
        {
            TimeSpan value;
            try
            {
                value = Config.GetTimeSpan(key, null, allowInfinite: false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw Error(key, "must be a duration such as 500ms or 2s");
            }

            if (positive ? value <= TimeSpan.Zero : value < TimeSpan.Zero)
            {
                throw Error(key, positive ? "must be greater than 0" : "must not be negative");
            }

            return value;
        }

        public IList<string> StringList(string key)
        {
            try
            {
                return Config.GetStringList(key) ?? [];
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw Error(key, "must be a list of strings such as [\"a\", \"b\"]");
            }
        }

        public bool HasOrigin(string key) => originOf(key) is not null;

        public string? Render(string key)
        {
            try
            {
                var value = Config.GetValue(key);
                if (value is null)
                {
                    return null;
                }

                return value.IsArray() ? "[" + string.Join(", ", value.GetArray().Select(x => x.GetString())) + "]" : value.GetString();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return null;
            }
        }
    }
}
