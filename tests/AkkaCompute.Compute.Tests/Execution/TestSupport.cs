using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace AkkaCompute.Compute.Tests.Execution;

/// <summary>Helpers shared by the execution tests.</summary>
internal static class TestSupport
{
    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Compact(JsonElement value) => JsonSerializer.Serialize(value, CompactOptions);

    /// <summary>A fresh directory under the system temp directory, deleted by the caller's using.</summary>
    public static TempDirectory TempDir() => new();

    /// <summary>Runs a real tool (sha256sum, wc) in the C.UTF-8 locale and returns its stdout.</summary>
    public static string RunTool(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} failed: {stderr}");
        return stdout;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="deadline"/> passes.</summary>
    public static async Task Eventually(Func<bool> condition, TimeSpan deadline, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"not within {deadline.TotalSeconds:0.#} s: {what}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>True when <paramref name="pid"/> no longer runs: gone, or a zombie waiting to be reaped.</summary>
    public static bool IsDead(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is 'Z' or 'X';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    public static int[] ReadPids(string path) =>
        File.Exists(path)
            ? [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => int.Parse(l.Trim(), CultureInfo.InvariantCulture))]
            : [];
}

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "akc-exec-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, byte[] content)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public string Write(string name, string content) => Write(name, System.Text.Encoding.UTF8.GetBytes(content));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
