using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Supplies the settings of one HOCON document to <see cref="IConfiguration"/>, flattened by
/// <see cref="HoconFlattener"/>, and remembers where each key was defined
/// (<see cref="TryGetOrigin"/>) so that settings validation can name the file and line.
/// </summary>
public sealed class HoconConfigurationProvider : ConfigurationProvider
{
    private Dictionary<string, HoconOrigin> _origins = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the provider; nothing is read until <see cref="Load"/>.</summary>
    /// <param name="source">What to read; must set exactly one of <see cref="HoconConfigurationSource.Path"/> and <see cref="HoconConfigurationSource.Text"/>.</param>
    public HoconConfigurationProvider(HoconConfigurationSource source)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
    }

    /// <summary>What this provider reads.</summary>
    public HoconConfigurationSource Source { get; }

    /// <summary>The parsed document after <see cref="Load"/>; null before, or when an optional file is missing.</summary>
    public HoconObject? Document { get; private set; }

    /// <summary>Reads and parses the document and replaces all settings.</summary>
    /// <exception cref="InvalidOperationException">The source sets both or neither of Path and Text.</exception>
    /// <exception cref="FileNotFoundException">The file is missing and the source is not optional.</exception>
    /// <exception cref="HoconParseException">The document is invalid; the message names file, line and column.</exception>
    public override void Load()
    {
        if ((Source.Path is null) == (Source.Text is null))
            throw new InvalidOperationException("HoconConfigurationSource needs exactly one of Path and Text");
        HoconObject? document;
        if (Source.Text is not null)
        {
            document = HoconParser.Parse(Source.Text, null, Source.Environment);
        }
        else if (!File.Exists(Source.Path))
        {
            document = Source.Optional
                ? null
                : throw new FileNotFoundException($"HOCON configuration file not found: {Path.GetFullPath(Source.Path!)}", Source.Path);
        }
        else
        {
            document = HoconParser.ParseFile(Source.Path!, Source.Environment);
        }

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var origins = new Dictionary<string, HoconOrigin>(StringComparer.OrdinalIgnoreCase);
        if (document is not null)
        {
            foreach (var entry in HoconFlattener.Flatten(document))
            {
                data[entry.Key] = entry.Value;
                origins[entry.Key] = entry.Origin;
            }
        }
        Document = document;
        Data = data;
        _origins = origins;
    }

    /// <summary>Where a configuration key was defined in the HOCON source.</summary>
    /// <param name="key">A flattened key, e.g. <c>compute:timeout</c> or <c>roles:0</c> (case-insensitive, like all configuration keys).</param>
    /// <param name="origin">The file, line and column of the value.</param>
    /// <returns>Whether this provider supplies the key.</returns>
    public bool TryGetOrigin(string key, [NotNullWhen(true)] out HoconOrigin? origin) => _origins.TryGetValue(key, out origin);

    /// <summary>Describes the provider for diagnostics.</summary>
    /// <returns>E.g. <c>HoconConfigurationProvider for 'job.conf' (Required)</c>.</returns>
    public override string ToString() =>
        $"{GetType().Name} for '{Source.Path ?? HoconOrigin.StringSource}' ({(Source.Optional ? "Optional" : "Required")})";
}
