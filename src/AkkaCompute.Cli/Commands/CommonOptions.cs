using System.CommandLine;

namespace AkkaCompute.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo?> Config() => new("--config", "-c")
    {
        Description = "HOCON settings file, layered over hocon/reference.conf and under AKC__* environment variables",
    };

    public static Option<string?> Db() => new("--db")
    {
        Description = "SQLite database holding the history (default: <data-dir>/akc.db)",
    };

    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "directory for the node's data (default: .akc/data)",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "print machine-readable JSON instead of tables",
    };

    /// <summary><c>--tag T</c>, repeatable: only tasks carrying every tag given.</summary>
    public static Option<string[]> Tags() => new("--tag")
    {
        Description = "only tasks carrying this tag (a job file's tags = [...]); repeat it and every tag must match",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Flag values that override settings keys.</summary>
    public static Dictionary<string, string> Overrides(string? db, string? dataDir, int? workers)
    {
        var o = new Dictionary<string, string>(StringComparer.Ordinal);
        if (dataDir is not null)
        {
            o["storage.data-dir"] = dataDir;
            o["storage.db"] = Path.Combine(dataDir, "akc.db");
        }

        if (db is not null)
        {
            o["storage.db"] = db;
        }

        if (workers is { } w)
        {
            o["executor.max-concurrent"] = w.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return o;
    }
}
