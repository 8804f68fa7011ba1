using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Tests.Hocon;

/// <summary>Test helpers: parse with a fixed, injected environment so tests never see the real one.</summary>
internal static class Hocon
{
    public static HoconObject Parse(string text, params (string Name, string Value)[] environment) =>
        HoconParser.Parse(text, fileName: null, environment: Env(environment));

    public static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.TryGetValue(name, out var value) ? value : null;
    }

    public static HoconParseException ParseError(string text, string? fileName = null) =>
        Assert.Throws<HoconParseException>(() => HoconParser.Parse(text, fileName, Env()));
}

/// <summary>A fresh temporary directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hocon-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
