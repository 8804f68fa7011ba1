using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AkkaCompute.Cli.Tests.Packaging;

namespace AkkaCompute.Cli.Tests.Examples;

/// <summary>
/// examples/embedded-web: an ASP.NET Core application hosting a node with AddAkkaCompute. The test builds it, starts it on a
/// free loopback port with a temp data directory, and calls its endpoint: a sha256 task runs on the embedded node.
/// </summary>
[Collection(DotnetBuildCollection.Name)]
public sealed partial class EmbeddedWebExampleTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("akc-embedded-web-").FullName;

    [Fact]
    public async Task The_example_builds_hosts_a_node_and_answers_with_the_function_result()
    {
        var build = await ProcessRun.RunAsync("dotnet", ["build", "examples/embedded-web", "-c", "Release", "-v", "q", "-nologo"], CliHarness.RepoRoot, TimeSpan.FromMinutes(10));
        Assert.True(build.Code == 0, build.Out + build.Err);
        var dll = Path.Combine(CliHarness.RepoRoot, "examples", "embedded-web", "bin", "Release", "net10.0", "EmbeddedWeb.dll");

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        var psi = new ProcessStartInfo("dotnet", ["exec", dll, "--urls", "http://127.0.0.1:0", "--AkkaCompute:DataDirectory=" + Path.Combine(_data, "node"), "--AkkaCompute:Workers=2"])
        {
            WorkingDirectory = _data,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var app = Process.Start(psi)!;
        try
        {
            void OnLine(string? line)
            {
                if (line is null)
                {
                    return;
                }

                lock (output)
                {
                    output.AppendLine(line);
                }

                if (ListeningLine().Match(line) is { Success: true } m)
                {
                    listening.TrySetResult(new Uri(m.Groups[1].Value));
                }
            }

            app.OutputDataReceived += (_, e) => OnLine(e.Data);
            app.ErrorDataReceived += (_, e) => OnLine(e.Data);
            app.BeginOutputReadLine();
            app.BeginErrorReadLine();
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };

            using var response = await http.PostAsJsonAsync("/hash", new { text = "hello" });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body + "\n" + output);
            var json = JsonDocument.Parse(body).RootElement;
            Assert.Equal("Succeeded", json.GetProperty("state").GetString());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("hello"u8)), json.GetProperty("output").GetProperty("sha256").GetString());

            using var bad = await http.PostAsJsonAsync("/hash", new { words = "no text" });
            var problem = await bad.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
            Assert.Contains("text", JsonDocument.Parse(problem).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));

            var status = JsonDocument.Parse(await http.GetStringAsync("/status")).RootElement;
            Assert.Equal(1, status.GetProperty("succeeded").GetInt32());
            Assert.True(File.Exists(Path.Combine(_data, "node", "akc.db")), "the node's journal is in the configured data directory");
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
