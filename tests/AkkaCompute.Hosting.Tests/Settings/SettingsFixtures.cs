using AkkaCompute.Hosting.Hocon;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Hosting.Tests.Settings;

/// <summary>Helpers: an injected environment, config files in a temp directory, binding from text.</summary>
internal sealed class SettingsFixture : IDisposable
{
    public SettingsFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "akc-settings-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.TryGetValue(name, out var value) ? value : null;
    }

    public static NodeSettings Bind(string hocon, string file = "node.conf") =>
        NodeSettingsBinder.Bind(HoconParser.Parse(hocon, file, _ => null));

    public static SettingsException BindError(string hocon, string file = "node.conf") =>
        Assert.Throws<SettingsException>(() => Bind(hocon, file));

    public string Write(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
