using AkkaCompute.Hosting.Jobs;

namespace AkkaCompute.Hosting.Tests.Jobs;

/// <summary>A temporary directory to hold job files and generator inputs; job text is parsed as <c>job.conf</c> in it.</summary>
internal sealed class JobFixture : IDisposable
{
    public JobFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "akc-job-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.TryGetValue(name, out var value) ? value : null;
    }

    public JobDefinition Parse(string text, Func<string, string?>? env = null) =>
        JobFileParser.Parse(text, "job.conf", Root, env ?? Env());

    public JobFileException Error(string text, Func<string, string?>? env = null) =>
        Assert.Throws<JobFileException>(() => Parse(text, env));

    public string Write(string relativePath, string text = "")
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
