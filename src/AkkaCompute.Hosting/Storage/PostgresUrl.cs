namespace AkkaCompute.Hosting.Storage;

/// <summary>Reads <c>postgres://user:password@host:port/database?key=value</c> URLs into Npgsql connection strings.</summary>
internal static class PostgresUrl
{
    /// <summary>True when <paramref name="db"/> starts with <c>postgres://</c> or <c>postgresql://</c> (any case).</summary>
    public static bool IsPostgres(string db) =>
        db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Npgsql connection string and a display form without the password.</summary>
    /// <exception cref="ArgumentException">The URL has no host or no database, or a bad port.</exception>
    public static (string ConnectionString, string Display) ToConnectionString(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"'{Redact(url)}' is not a PostgreSQL URL (expected postgres://user:password@host:port/database)");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0)
        {
            throw new ArgumentException($"'{Redact(url)}' names no database (expected postgres://user:password@host:port/database)");
        }

        var parts = new List<string> { $"Host={uri.Host}", $"Port={(uri.Port > 0 ? uri.Port : 5432)}", $"Database={database}" };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            parts.Add($"Username={user}");
            if (colon >= 0)
            {
                parts.Add($"Password={Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..])}");
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                parts.Add($"{Uri.UnescapeDataString(pair[..eq])}={Uri.UnescapeDataString(pair[(eq + 1)..])}");
            }
        }

        return (string.Join(';', parts), Redact(url));
    }

    /// <summary>The URL with its password replaced by <c>***</c>.</summary>
    public static string Redact(string url)
    {
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0)
        {
            return url;
        }

        var colon = url.IndexOf(':', scheme + 3);
        return colon >= 0 && colon < at ? url[..(colon + 1)] + "***" + url[at..] : url;
    }
}
