using AkkaCompute.Client;
using ModelContextProtocol;

namespace AkkaCompute.Cli.Mcp;

/// <summary>
/// What the tools of one <c>akc mcp</c> server share: the <see cref="ComputeClient"/> connected to the cluster through the
/// <c>--contact</c> addresses, the job reader, and the tasks submitted through this server.
/// </summary>
internal sealed class ClusterSession(ComputeClient client, McpJobReader jobs)
{
    /// <summary>The client; requests go to the member it is connected to (the contact), which asks the others where needed.</summary>
    public ComputeClient Client { get; } = client;

    /// <summary>Reads job text for <c>submit_tasks</c> and <c>check_tags</c>.</summary>
    public McpJobReader Jobs { get; } = jobs;

    /// <summary>The tasks submitted through this server (for <c>list_tasks</c>).</summary>
    public SubmittedTasks Submitted { get; } = new();

    /// <summary>Longest task id argument accepted: 1,024 characters.</summary>
    public const int MaxTaskIdChars = 1024;

    /// <summary>Runs a request to the cluster; a refusal or a request without an answer becomes an <see cref="McpException"/> saying so.</summary>
    /// <exception cref="McpException">The cluster refused the request or did not answer after three tries.</exception>
    public static async Task<T> AskAsync<T>(Func<Task<T>> request)
    {
        try
        {
            return await request();
        }
        catch (SubmissionException e)
        {
            throw new McpException(e.Message, e);
        }
        catch (Akka.Actor.AskTimeoutException e)
        {
            throw new McpException("no answer from the cluster in time: " + e.Message, e);
        }
    }

    /// <summary>Checks a task id argument.</summary>
    /// <exception cref="McpException">Empty, or longer than <see cref="MaxTaskIdChars"/>.</exception>
    public static string TaskId(string? id, string field = "id")
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new McpException($"{field}: is empty; give a task id as submit_tasks or list_tasks returned it");
        }

        if (id.Length > MaxTaskIdChars)
        {
            throw new McpException($"{field}: is {id.Length} characters, more than a task id has ({MaxTaskIdChars})");
        }

        return id;
    }
}
