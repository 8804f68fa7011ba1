namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// Binds <c>akc.system-name</c> and <c>akc.management</c> to <see cref="ClusterManagementSettings"/>, enforcing the ranges
/// documented on the records and in reference.conf. Remoting and membership are Akka's and bound by <see cref="AkkaNodeConfig"/>.
/// </summary>
internal static class ManagementSettingsBinder
{
    /// <summary>The actor system name (<c>akc.system-name</c>): every node of one cluster must use the same.</summary>
    public static string SystemName(SettingsReader r)
    {
        var name = r.OptionalString("system-name");
        if (string.IsNullOrEmpty(name) || name.Length > 100 || !char.IsAsciiLetterOrDigit(name[0])
            || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_'))
        {
            throw r.Error("system-name", "must be 1 to 100 letters, digits, '-' or '_', starting with a letter or digit");
        }

        return name;
    }

    /// <summary>Binds <c>akc.management</c>.</summary>
    public static ClusterManagementSettings Management(SettingsReader r)
    {
        var host = r.OptionalString("hostname");
        if (string.IsNullOrWhiteSpace(host) || host.Length > 255)
        {
            throw r.Error("hostname", "must be a host name or IP address of 1 to 255 characters");
        }

        return new ClusterManagementSettings
        {
            Enabled = r.Bool("enabled"),
            Hostname = host,
            Port = r.Int("port", 0, 65535),
            TokenFile = r.OptionalString("token-file") ?? "",
            TokenEnv = TokenEnv(r),
            LogLines = r.Int("log-lines", 1, ClusterManagementSettings.MaxLogLines),
            MaxRequestBytes = r.Size("max-request-bytes", 1024, ClusterManagementSettings.MaxRequestBytesLimit),
            RequestHeadersTimeout = r.Duration("request-headers-timeout", TimeSpan.FromMinutes(5)),
            OtlpTracesEndpoint = OtlpEndpoint(r),
            IdleMemoryTrim = r.OptionalString("idle-memory-trim") == "off" ? null : r.Duration("idle-memory-trim", TimeSpan.FromDays(1)),
            BurstEndCollectionBytes = r.OptionalString("burst-end-collection") == "off" ? null : r.Size("burst-end-collection", 1L << 20, 1L << 30),
        };
    }

    private static Uri? OtlpEndpoint(SettingsReader r)
    {
        var text = r.OptionalString("otlp-traces-endpoint");
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw r.Error("otlp-traces-endpoint", "must be empty or an http:// or https:// URL, e.g. http://collector:4318/v1/traces");
    }

    private static string TokenEnv(SettingsReader r)
    {
        var name = r.OptionalString("token-env") ?? "";
        if (name.Length > 255 || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
        {
            throw r.Error("token-env", "must be empty or an environment variable name of up to 255 letters, digits or '_'");
        }

        return name;
    }
}
