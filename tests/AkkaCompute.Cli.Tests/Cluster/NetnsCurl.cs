using System.Diagnostics;
using System.Text.Json;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>Reads a management endpoint that listens inside a network namespace: <c>ip netns exec NS curl URL</c>.</summary>
internal static class NetnsCurl
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>GET /cluster inside <paramref name="netns"/>; null when the node does not answer within 2 s.</summary>
    public static async Task<ClusterStatusDto?> GetStatusAsync(string netns, Uri url)
    {
        var info = new ProcessStartInfo("ip", ["netns", "exec", netns, "curl", "-sf", "--max-time", "2", url.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var curl = Process.Start(info)!;
        var body = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();
        try
        {
            return curl.ExitCode == 0 && body.Length > 0 ? JsonSerializer.Deserialize<ClusterStatusDto>(body, Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
