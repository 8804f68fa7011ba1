using System.CommandLine;
using AkkaCompute.Client;

namespace AkkaCompute.Cli.Commands;

/// <summary>What the commands that talk to a running cluster share: the <c>--contact</c> option and connecting with clear errors.</summary>
internal static class ContactClient
{
    /// <summary><c>--contact ADDR</c>, repeatable.</summary>
    public static Option<string[]> Option(bool required) => new("--contact")
    {
        Description = "a cluster member's address as akc node prints it (akka.tcp://akc@HOST:PORT, or HOST:PORT); repeat it so the client can fail over",
        Required = required,
    };

    /// <summary>
    /// Connects through <paramref name="contacts"/> and runs <paramref name="action"/>; a bad contact exits 2, an unreachable
    /// cluster or a request without an answer exits 1, each with one line on stderr prefixed by <paramref name="command"/>.
    /// </summary>
    /// <param name="command">The command's name, e.g. <c>akc status</c>, prefixed to every error line.</param>
    /// <param name="contacts">The <c>--contact</c> addresses.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="action">What to do with the connected client; its result is the exit code.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <param name="options">How the client connects and waits; null for <see cref="ComputeClientOptions"/>' defaults.</param>
    public static async Task<int> RunAsync(string command, IReadOnlyList<string> contacts, TextWriter stderr, Func<ComputeClient, Task<int>> action, CancellationToken cancellationToken, ComputeClientOptions? options = null)
    {
        ComputeClient client;
        try
        {
            client = await ComputeClient.ConnectAsync(contacts, options, cancellationToken);
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"{command}: {e.Message}");
            return AkcApp.ExitBadInput;
        }
        catch (ClusterUnreachableException e)
        {
            await stderr.WriteLineAsync($"{command}: {e.Message}");
            return AkcApp.ExitFailed;
        }

        await using (client)
        {
            try
            {
                return await action(client);
            }
            catch (SubmissionException e)
            {
                await stderr.WriteLineAsync($"{command}: {e.Message}");
                return AkcApp.ExitFailed;
            }
        }
    }
}
