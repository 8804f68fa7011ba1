using Microsoft.Extensions.Configuration;

namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Configures a <see cref="HoconConfigurationProvider"/>: either a file (<see cref="Path"/>) or
/// in-memory text (<see cref="Text"/>), exactly one of them. Usually created through
/// <see cref="HoconConfigurationExtensions.AddHoconFile"/> or <see cref="HoconConfigurationExtensions.AddHoconString"/>.
/// </summary>
public sealed class HoconConfigurationSource : IConfigurationSource
{
    /// <summary>The HOCON file to read; relative paths are relative to the current directory. Null when <see cref="Text"/> is used.</summary>
    public string? Path { get; set; }

    /// <summary>HOCON text to parse. Null when <see cref="Path"/> is used.</summary>
    public string? Text { get; set; }

    /// <summary>When true, a missing <see cref="Path"/> yields no settings instead of an error. Default false.</summary>
    public bool Optional { get; set; }

    /// <summary>Environment lookup for substitutions not found in the document; null (the default) uses the process environment.</summary>
    public Func<string, string?>? Environment { get; set; }

    /// <summary>Builds the provider.</summary>
    /// <param name="builder">The configuration builder (unused).</param>
    /// <returns>A new <see cref="HoconConfigurationProvider"/>.</returns>
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconConfigurationProvider(this);
}
