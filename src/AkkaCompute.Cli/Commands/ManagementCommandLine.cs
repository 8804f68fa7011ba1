using System.CommandLine;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// What every command that talks to a node's management endpoint shares: <c>-e/--endpoint</c> (default <c>$AKC_MANAGEMENT_ENDPOINT</c>,
/// else <see cref="ManagementClient.DefaultEndpoint"/>), <c>--token-file</c> / <c>AKC_TOKEN</c> for commands that change the cluster,
/// and one way to run: exit 0 done, 1 the node could not be reached or failed, 2 the input was refused (bad endpoint or argument,
/// unreadable token file, a parameter or token the node refused), with one line on stderr.
/// </summary>
internal static class ManagementCommandLine
{
    /// <summary>The environment variable holding the token when <c>--token-file</c> is not given.</summary>
    public const string TokenVariable = "AKC_TOKEN";

    /// <summary>The <c>-e/--endpoint</c> option.</summary>
    public static Option<string> Endpoint() => new("--endpoint", "-e")
    {
        Description = $"the node's management endpoint (default: $AKC_MANAGEMENT_ENDPOINT, else {ManagementClient.DefaultEndpoint})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("AKC_MANAGEMENT_ENDPOINT") is { Length: > 0 } e ? e : ManagementClient.DefaultEndpoint,
    };

    /// <summary>The <c>--token-file</c> option of commands that change the cluster.</summary>
    public static Option<FileInfo?> TokenFile() => new("--token-file")
    {
        Description = $"a file holding the node's management token (akc.management.token-file on the node); default: the variable {TokenVariable}",
    };

    /// <summary>
    /// Runs <paramref name="action"/> with a client of the endpoint; <paramref name="tokenFile"/> is read when <paramref name="withToken"/>
    /// (else <c>AKC_TOKEN</c>). Returns the exit code.
    /// </summary>
    public static async Task<int> RunAsync(
        string name, string endpointText, TextWriter stderr, Func<ManagementClient, Task> action, bool withToken = false, FileInfo? tokenFile = null)
    {
        if (!ManagementClient.TryParseEndpoint(endpointText, out var endpoint))
        {
            await stderr.WriteLineAsync($"akc {name}: '{endpointText}' is not an endpoint; give --endpoint http://HOST:PORT");
            return AkcApp.ExitBadInput;
        }

        string? token = null;
        if (withToken)
        {
            var (read, error) = ReadToken(tokenFile, Environment.GetEnvironmentVariable);
            if (error is not null)
            {
                await stderr.WriteLineAsync($"akc {name}: {error}");
                return AkcApp.ExitBadInput;
            }

            token = read;
        }

        using var client = new ManagementClient(endpoint, token);
        try
        {
            await action(client);
            return AkcApp.ExitOk;
        }
        catch (ManagementException e)
        {
            await stderr.WriteLineAsync($"akc {name}: {e.Message}");
            return e.BadInput ? AkcApp.ExitBadInput : AkcApp.ExitFailed;
        }
    }

    /// <summary>The token from <paramref name="file"/> (trimmed) or else <c>AKC_TOKEN</c>; null when neither is given; or an error sentence.</summary>
    internal static (string? Token, string? Error) ReadToken(FileInfo? file, Func<string, string?> environment)
    {
        if (file is null)
        {
            var fromEnv = environment(TokenVariable)?.Trim();
            return (string.IsNullOrEmpty(fromEnv) ? null : fromEnv, null);
        }

        try
        {
            var text = File.ReadAllText(file.FullName).Trim();
            return text.Length == 0 ? (null, $"--token-file {file.FullName}: the file is empty") : (text, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"--token-file {file.FullName}: cannot read it: {e.Message}");
        }
    }
}
